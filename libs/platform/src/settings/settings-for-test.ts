import { tmpdir } from 'os';
import { join } from 'path';
import { SettingsEnv, loadSettings } from './load-settings';

/**
 * Settings for a test, from a partial environment: the test infrastructure's broker and store (set by the jest
 * global setup), a development key file in the temporary directory, port 0, no sweep or gauge timers (tests sweep and
 * recount by hand with their clock), LOG_LEVEL warn; `env` overrides any of these. Validated like the real thing.
 */
export function settingsForTest<T extends object>(cls: new () => T, env: SettingsEnv = {}): T {
  return loadSettings(cls, {
    KAFKA_BROKERS: process.env.KAFKA_BROKERS,
    MONGODB_URI: process.env.MONGODB_URI,
    AUTH_DEV_KEY_FILE: join(tmpdir(), 'readmission-test', 'dev-key.json'),
    PORT: '0',
    DEADLINE_SWEEP_MS: '0',
    METRICS_REFRESH_MS: '0',
    RETENTION_SWEEP_MS: '0',
    LOG_LEVEL: 'warn',
    ...env,
  });
}
