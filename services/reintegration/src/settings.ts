import { IsMilliseconds, PlatformSettings, SettingsEnv, settingsForTest } from '@readmission/platform';

/**
 * Every variable reintegration reads, validated at boot (`loadSettings(ReintegrationSettings)`): the platform's
 * (DEADLINE_SWEEP_MS for the referral and follow-up limits, REFERENCE_DATA_REFRESH_MS, …) and its port.
 */
export class ReintegrationSettings extends PlatformSettings {
  override PORT = 3004;
  /**
   * How long a closed case keeps its personal data (then anonymised; statistics stay): 5 years after closure by
   * default, the project's reading of "kept no longer than needed" for the follow-up of returnees (docs/security.md).
   */
  @IsMilliseconds({ min: 1 }) RETENTION_CLOSED_CASES_MS = 5 * 365 * 24 * 3600 * 1000;
}

/** Reintegration settings for a test: the test infrastructure and `env` (see settingsForTest). */
export const reintegrationSettingsForTest = (env: SettingsEnv = {}): ReintegrationSettings => settingsForTest(ReintegrationSettings, env);
