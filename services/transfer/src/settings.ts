import { IsMilliseconds, IsNumberList, PlatformSettings, SettingsEnv, settingsForTest } from '@readmission/platform';

/**
 * Every variable transfer reads, validated at boot (`loadSettings(TransferSettings)`): the platform's
 * (DEADLINE_SWEEP_MS for the time-limit sweep, REFERENCE_DATA_REFRESH_MS for calendars and crossing points, …),
 * its port and its alert points. Crossing points and their capacity are reference data (loaded on intake), not settings.
 */
export class TransferSettings extends PlatformSettings {
  override PORT = 3003;
  /** Days before the transfer time limit at which an alert is raised, e.g. "14,3" (kept largest first). */
  @IsNumberList({ positive: true, order: 'descending' }) TRANSFER_ALERT_DAYS = [14, 3];
  /**
   * Retention (docs/security.md): a person's personal data (the decision's person, family, assistance and grounds,
   * the officers' handover notes, the remedies' authority and notes) is erased this long after their transfer was
   * completed (default 5 years).
   */
  @IsMilliseconds({ min: 1 }) RETENTION_COMPLETED_TRANSFERS_MS = 5 * 365 * 86_400_000;
  /**
   * Retention (docs/security.md): a transit request's personal data (the person and escorts, the written grounds, the
   * border notes) is erased this long after the transit ended: left, not arrived, refused, revoked or lapsed (default 5 years).
   */
  @IsMilliseconds({ min: 1 }) RETENTION_ENDED_TRANSITS_MS = 5 * 365 * 86_400_000;
  /**
   * Retention (docs/security.md): a request for readmission by mistake loses its grounds, evidence and notes this long
   * after it ended: refused, returned or not returned (default 5 years).
   */
  @IsMilliseconds({ min: 1 }) RETENTION_ENDED_MISTAKE_RETURNS_MS = 5 * 365 * 86_400_000;
  /** Days before a transit request's reply time limit at which the officers are alerted, e.g. "2" (largest first). */
  @IsNumberList({ positive: true, order: 'descending' }) TRANSIT_ALERT_DAYS = [2];
}

/** Transfer settings for a test: the test infrastructure and `env` (see settingsForTest). */
export const transferSettingsForTest = (env: SettingsEnv = {}): TransferSettings => settingsForTest(TransferSettings, env);
