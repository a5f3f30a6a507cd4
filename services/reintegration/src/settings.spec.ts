import { loadSettings } from '@readmission/platform';
import { ReintegrationSettings, reintegrationSettingsForTest } from './settings';

const DEV = { AUTH_DEV_KEY_FILE: '/keys/dev.json' };

describe('ReintegrationSettings', () => {
  it("keeps today's defaults: port 3004, a sweep every 30 s", () => {
    expect(loadSettings(ReintegrationSettings, DEV)).toMatchObject({
      PORT: 3004,
      DEADLINE_SWEEP_MS: 30_000,
      REFERENCE_DATA_REFRESH_MS: 10_000,
    });
    expect(loadSettings(ReintegrationSettings, { ...DEV, PORT: '8080' }).PORT).toBe(8080);
  });

  it.each([
    ['DEADLINE_SWEEP_MS', '30s'],
    ['DEADLINE_SWEEP_MS', 'NaN'],
    ['REFERENCE_DATA_REFRESH_MS', '-5'],
    ['PORT', '65536'],
  ])('refuses %s=%p, naming the variable', (variable, value) => {
    expect(() => loadSettings(ReintegrationSettings, { ...DEV, [variable]: value })).toThrow(
      new RegExp(`\\n {2}${variable}=${JSON.stringify(value)}: `),
    );
  });

  it('builds settings for tests from a partial environment', () => {
    expect(reintegrationSettingsForTest({ LOG_LEVEL: 'error' })).toMatchObject({ PORT: 0, DEADLINE_SWEEP_MS: 0, LOG_LEVEL: 'error' });
  });
});
