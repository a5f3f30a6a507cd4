import { PlatformSettings, SettingsEnv, settingsForTest } from '@readmission/platform';

/**
 * Every variable reintegration reads, validated at boot (`loadSettings(ReintegrationSettings)`): the platform's
 * (DEADLINE_SWEEP_MS for the referral and follow-up limits, REFERENCE_DATA_REFRESH_MS, …) and its port.
 */
export class ReintegrationSettings extends PlatformSettings {
  override PORT = 3004;
}

/** Reintegration settings for a test: the test infrastructure and `env` (see settingsForTest). */
export const reintegrationSettingsForTest = (env: SettingsEnv = {}): ReintegrationSettings => settingsForTest(ReintegrationSettings, env);
