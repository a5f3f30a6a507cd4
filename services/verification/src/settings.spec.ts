import { SettingsError, loadSettings } from '@readmission/platform';
import { VerificationSettings, verificationSettingsForTest } from './settings';

const DEV = { AUTH_DEV_KEY_FILE: '/keys/dev.json' };

const problems = (env: Record<string, string>): SettingsError => {
  try {
    loadSettings(VerificationSettings, { ...DEV, ...env });
  } catch (error) {
    if (error instanceof SettingsError) return error;
    throw error;
  }
  throw new Error('expected a SettingsError');
};

describe('VerificationSettings', () => {
  it("keeps today's defaults", () => {
    expect(loadSettings(VerificationSettings, DEV)).toMatchObject({
      PORT: 3002,
      REPLY_ALERT_HOURS: [72, 24],
      REGISTRY_ADAPTER: 'builtin',
      REGISTRY_TIMEOUT_MS: 3000,
      REGISTRY_RETRIES: 2,
    });
  });

  it('reads the alert points largest first, and an HTTP registry', () => {
    const settings = loadSettings(VerificationSettings, {
      ...DEV,
      REPLY_ALERT_HOURS: '24,72,48',
      REGISTRY_ADAPTER: 'http',
      REGISTRY_URL: 'https://registry.example/api/',
      REGISTRY_TIMEOUT_MS: '1500',
      REGISTRY_RETRIES: '0',
      REGISTRY_TOKEN: 'abc.def-ghi',
    });
    expect(settings).toMatchObject({
      REPLY_ALERT_HOURS: [72, 48, 24],
      REGISTRY_ADAPTER: 'http',
      REGISTRY_URL: 'https://registry.example/api/',
      REGISTRY_TIMEOUT_MS: 1500,
      REGISTRY_RETRIES: 0,
      REGISTRY_TOKEN: 'abc.def-ghi',
    });
  });

  it.each([
    ['REPLY_ALERT_HOURS', '72,abc'],
    ['REPLY_ALERT_HOURS', '72,,24'],
    ['REPLY_ALERT_HOURS', '0'],
    ['REPLY_ALERT_HOURS', 'NaN'],
    ['REGISTRY_ADAPTER', 'ldap'],
    ['REGISTRY_URL', 'registry.example'],
    ['REGISTRY_URL', 'https://registry.example/?key=1'],
    ['REGISTRY_TIMEOUT_MS', '3s'],
    ['REGISTRY_TIMEOUT_MS', '0'],
    ['REGISTRY_TIMEOUT_MS', '600001'],
    ['REGISTRY_RETRIES', 'two'],
    ['REGISTRY_RETRIES', '11'],
    ['REGISTRY_RETRIES', '1.5'],
  ])('refuses %s=%p, naming the variable and showing the value', (variable, value) => {
    expect(problems({ [variable]: value }).message).toMatch(
      new RegExp(`\\n {2}${variable}=${JSON.stringify(value).replace(/[.?*+]/g, '\\$&')}: `),
    );
  });

  it('needs REGISTRY_URL with the http adapter', () => {
    expect(problems({ REGISTRY_ADAPTER: 'http' }).message).toBe(
      'invalid configuration:\n  REGISTRY_URL: required when REGISTRY_ADAPTER=http',
    );
  });

  it('never prints the registry token or the credentials of a registry URL', () => {
    const error = problems({ REGISTRY_TOKEN: 'secret token', REGISTRY_URL: 'https://svc:pw-123@registry.example' });
    expect(error.message).toContain('REGISTRY_TOKEN=(value not shown): must be printable ASCII without spaces');
    expect(error.message).toContain('REGISTRY_URL="https://***@registry.example": must not carry a user or password');
    expect(error.message).not.toContain('secret token');
    expect(error.message).not.toContain('pw-123');
  });

  it('builds settings for tests from a partial environment', () => {
    expect(verificationSettingsForTest({ REPLY_ALERT_HOURS: '48' })).toMatchObject({
      REPLY_ALERT_HOURS: [48],
      PORT: 0,
      DEADLINE_SWEEP_MS: 0,
    });
  });
});
