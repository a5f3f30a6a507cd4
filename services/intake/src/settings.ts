import { IsOptional } from 'class-validator';
import { PARTNER_AGREEMENTS } from '@readmission/agreements';
import { IsListSetting, IsMilliseconds, IsNumberList, PlatformSettings, SettingsEnv, settingsForTest } from '@readmission/platform';

/** Every variable intake reads, validated at boot (`loadSettings(IntakeSettings)`). */
export class IntakeSettings extends PlatformSettings {
  override PORT = 3001;
  /**
   * The partners whose inbound topics this instance consumes, e.g. "DE,NO" (ISO 3166-1 alpha-2, upper-cased);
   * unset: every partner of the shipped rulebook. A partner added by a loaded rulebook version is listed here.
   */
  @IsOptional()
  @IsListSetting({ pattern: /^[A-Z]{2}$/, describe: 'an ISO 3166-1 alpha-2 code', normalise: (code) => code.toUpperCase() })
  PARTNERS?: string[];
  /** Hours before a partner's reply to Azerbaijan's own request falls due at which an alert is raised (largest first). */
  @IsNumberList({ positive: true, order: 'descending' }) REQUEST_REPLY_ALERT_HOURS = [72, 24];
  /** Days before the transfer time limit of an accepted request (no transfer notified yet) at which an alert is raised. */
  @IsNumberList({ positive: true, order: 'descending' }) REQUEST_TRANSFER_ALERT_DAYS = [14, 3];

  /** Retention (docs/security.md): a rejected message's content is erased this long after it was answered (default 2 years). */
  @IsMilliseconds({ min: 1 }) RETENTION_REJECTED_APPLICATIONS_MS = 2 * 365 * 86_400_000;
  /**
   * Retention (docs/security.md): a case's message history (and any other logged partner message) keeps the messages'
   * content this long after its last message (default 5 years); then only who sent what type when is kept.
   */
  @IsMilliseconds({ min: 1 }) RETENTION_MESSAGE_HISTORY_MS = 5 * 365 * 86_400_000;
  /**
   * Retention (docs/security.md): Azerbaijan's own request to a partner loses the application and its messages' content
   * this long after it ended: handed over, refused or expired (default 5 years).
   */
  @IsMilliseconds({ min: 1 }) RETENTION_ENDED_OUTGOING_REQUESTS_MS = 5 * 365 * 86_400_000;
}

/** Intake settings for a test: the test infrastructure and `env` (see settingsForTest). */
export const intakeSettingsForTest = (env: SettingsEnv = {}): IntakeSettings => settingsForTest(IntakeSettings, env);

/** The partners whose inbound topics this instance consumes: PARTNERS, or every partner of the shipped rulebook. */
export function consumedPartners(settings: IntakeSettings): string[] {
  return settings.PARTNERS ?? Object.keys(PARTNER_AGREEMENTS);
}
