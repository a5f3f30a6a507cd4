import { IsNumberList, PlatformSettings, SettingsEnv, settingsForTest } from '@readmission/platform';

/**
 * Every variable transfer reads, validated at boot (`loadSettings(TransferSettings)`): the platform's
 * (DEADLINE_SWEEP_MS for the time-limit sweep, REFERENCE_DATA_REFRESH_MS for calendars and crossing points, …),
 * its port and its alert points. Crossing points and their capacity are reference data (loaded on intake), not settings.
 */
export class TransferSettings extends PlatformSettings {
  override PORT = 3003;
  /** Days before the transfer time limit at which an alert is raised, e.g. "14,3" (kept largest first). */
  @IsNumberList({ positive: true, order: 'descending' }) TRANSFER_ALERT_DAYS = [14, 3];
}

/** Transfer settings for a test: the test infrastructure and `env` (see settingsForTest). */
export const transferSettingsForTest = (env: SettingsEnv = {}): TransferSettings => settingsForTest(TransferSettings, env);
