import { SettingsError, loadSettings } from './load-settings';
import { authSettingsFrom, kafkaSettingsFrom, logLevelsFrom, platformOptions } from './platform-options';
import { PlatformSettings } from './platform-settings';
import { settingsForTest } from './settings-for-test';
import { makeTestCa } from '@readmission/testing';

const DEV = { AUTH_DEV_KEY_FILE: '/keys/dev.json' };

const messageOf = (env: Record<string, string>): string => {
  try {
    loadSettings(PlatformSettings, { ...DEV, ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return (error as Error).message;
  }
  throw new Error('expected a SettingsError');
};

describe('PlatformSettings', () => {
  it("keeps today's defaults", () => {
    expect(loadSettings(PlatformSettings, DEV)).toMatchObject({
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      KAFKA_SSL: false,
      KAFKA_SESSION_TIMEOUT_MS: 30_000,
      MONGODB_URI: 'mongodb://127.0.0.1:27017',
      MONGODB_DB_PREFIX: 'readmission',
      LOG_LEVEL: 'log',
      OUTBOX_RELAY_INTERVAL_MS: 2000,
      OUTBOX_RELAY_GRACE_MS: 5000,
      DEADLINE_SWEEP_MS: 30_000,
      REFERENCE_DATA_REFRESH_MS: 10_000,
      AUTH_ISSUER: 'urn:readmission:dev',
      AUTH_AUDIENCE: 'readmission-platform',
      AUTH_DEV_KEY_FILE: '/keys/dev.json',
    });
  });

  it('reads every platform variable', () => {
    const settings = loadSettings(PlatformSettings, {
      KAFKA_BROKERS: 'k1:9092,k2:9093',
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'intake',
      KAFKA_SASL_PASSWORD: 'pw',
      KAFKA_SESSION_TIMEOUT_MS: '10000',
      MONGODB_URI: 'mongodb://u:pw@db:27017/?authSource=admin',
      MONGODB_DB: 'elsewhere',
      MONGODB_DB_PREFIX: 'copy',
      CONSUMER_GROUP_PREFIX: 'copy-',
      PORT: '8080',
      LOG_LEVEL: 'debug',
      OUTBOX_RELAY_INTERVAL_MS: '100',
      OUTBOX_RELAY_GRACE_MS: '0',
      DEADLINE_SWEEP_MS: '0',
      REFERENCE_DATA_REFRESH_MS: '500',
      AUTH_ISSUER: 'https://idp.example/realms/sms',
      AUTH_AUDIENCE: 'readmission',
      AUTH_JWKS_URL: 'https://idp.example/certs',
    });
    expect(settings).toMatchObject({
      KAFKA_BROKERS: ['k1:9092', 'k2:9093'],
      KAFKA_SSL: true,
      KAFKA_SESSION_TIMEOUT_MS: 10_000,
      PORT: 8080,
      LOG_LEVEL: 'debug',
      OUTBOX_RELAY_INTERVAL_MS: 100,
      OUTBOX_RELAY_GRACE_MS: 0,
      DEADLINE_SWEEP_MS: 0,
      REFERENCE_DATA_REFRESH_MS: 500,
    });
    expect(kafkaSettingsFrom('intake', settings)).toEqual({
      clientId: 'intake',
      brokers: ['k1:9092', 'k2:9093'],
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'intake', password: 'pw' },
    });
    expect(authSettingsFrom(settings)).toEqual({
      issuer: 'https://idp.example/realms/sms',
      audience: 'readmission',
      jwksUrl: 'https://idp.example/certs',
      devKeyFile: undefined,
      mode: 'development',
      maxTokenAgeSeconds: 12 * 3600,
    });
  });

  describe('production mode (PLATFORM_MODE=production)', () => {
    const IDP = {
      PLATFORM_MODE: 'production',
      AUTH_ISSUER: 'https://idp.example/realms/sms',
      AUTH_JWKS_URL: 'https://idp.example/certs',
      ENCRYPTION_KEY_FILE: '/run/secrets/encryption-master-keys',
    };

    it('refuses to start without the master key file of the encryption at rest', () => {
      expect(() => loadSettings(PlatformSettings, { ...IDP, ENCRYPTION_KEY_FILE: '' })).toThrow(
        /ENCRYPTION_KEY_FILE.*required in production/,
      );
    });

    it('starts with an identity provider over https, and puts /docs behind sign-in', () => {
      const settings = loadSettings(PlatformSettings, IDP);
      expect(settings).toMatchObject({ PLATFORM_MODE: 'production', AUTH_MAX_TOKEN_AGE_MS: 12 * 3600 * 1000 });
      expect(settings.apiDocsAccess()).toBe('signed-in');
      expect(authSettingsFrom(settings)).toMatchObject({ mode: 'production' });
    });

    it('refuses the development key, the development issuer and a JWKS URL over http, naming each variable', () => {
      expect(() => loadSettings(PlatformSettings, { ...IDP, AUTH_DEV_KEY_FILE: '/keys/dev.json' })).toThrow(
        /AUTH_DEV_KEY_FILE.*refused in production mode/,
      );
      expect(() => loadSettings(PlatformSettings, { ...IDP, AUTH_ISSUER: '' })).toThrow(/AUTH_ISSUER.*development issuer/);
      expect(() => loadSettings(PlatformSettings, { ...IDP, AUTH_JWKS_URL: 'http://idp.example/certs' })).toThrow(/AUTH_JWKS_URL.*https/);
      expect(() => loadSettings(PlatformSettings, { PLATFORM_MODE: 'production', AUTH_DEV_KEY_FILE: '/keys/dev.json' })).toThrow(
        /AUTH_DEV_KEY_FILE[\s\S]*AUTH_ISSUER/,
      );
    });

    it('takes only production or development, and a maximum token age in milliseconds', () => {
      expect(() => loadSettings(PlatformSettings, { ...DEV, PLATFORM_MODE: 'prod' })).toThrow(/PLATFORM_MODE/);
      expect(loadSettings(PlatformSettings, { ...DEV, AUTH_MAX_TOKEN_AGE_MS: '3600000' }).AUTH_MAX_TOKEN_AGE_MS).toBe(3_600_000);
      expect(() => loadSettings(PlatformSettings, { ...DEV, AUTH_MAX_TOKEN_AGE_MS: '1h' })).toThrow(/AUTH_MAX_TOKEN_AGE_MS/);
      expect(() => loadSettings(PlatformSettings, { ...DEV, API_DOCS: 'private' })).toThrow(/API_DOCS/);
    });
  });

  // The NaN cases of issue 10: a bare Number() turned these into NaN or 0 and silently switched timers off.
  it.each([
    ['DEADLINE_SWEEP_MS', '30s'],
    ['DEADLINE_SWEEP_MS', '-1'],
    ['DEADLINE_SWEEP_MS', 'NaN'],
    ['OUTBOX_RELAY_INTERVAL_MS', 'abc'],
    ['OUTBOX_RELAY_INTERVAL_MS', '2s'],
    ['OUTBOX_RELAY_INTERVAL_MS', '0'],
    ['OUTBOX_RELAY_GRACE_MS', '5 000'],
    ['OUTBOX_RELAY_GRACE_MS', '1.5'],
    ['REFERENCE_DATA_REFRESH_MS', '10s'],
    ['REFERENCE_DATA_REFRESH_MS', '1e4'],
    ['REFERENCE_DATA_REFRESH_MS', 'Infinity'],
  ])('%s=%p stops the service with a message naming it', (variable, value) => {
    expect(messageOf({ [variable]: value })).toMatch(
      new RegExp(`^invalid configuration:\\n {2}${variable}=${JSON.stringify(value)}: must be a duration in whole milliseconds`),
    );
  });

  it('DEADLINE_SWEEP_MS=30s says what to write instead', () => {
    expect(messageOf({ DEADLINE_SWEEP_MS: '30s' })).toContain(
      'DEADLINE_SWEEP_MS="30s": must be a duration in whole milliseconds, e.g. 30000 (units are not understood: write 30s as 30000)',
    );
  });

  it('stops at boot with a message naming every bad variable', () => {
    expect(() => loadSettings(PlatformSettings, { KAFKA_BROKERS: 'a:1, b:2', PORT: '70000', LOG_LEVEL: 'chatty', ...DEV })).toThrow(
      /invalid configuration:\n {2}KAFKA_BROKERS="a:1, b:2".*\n {2}PORT="70000".*\n {2}LOG_LEVEL="chatty"/s,
    );
    const message = messageOf({
      KAFKA_SSL: 'yes',
      KAFKA_SASL_MECHANISM: 'gssapi',
      MONGODB_DB: 'a/b',
      CONSUMER_GROUP_PREFIX: 'Copy_',
      AUTH_JWKS_URL: 'idp.example/certs',
    });
    for (const variable of ['KAFKA_SSL', 'KAFKA_SASL_MECHANISM', 'MONGODB_DB', 'CONSUMER_GROUP_PREFIX', 'AUTH_JWKS_URL'])
      expect(message).toContain(`\n  ${variable}=`);
  });

  it('needs an identity provider or a development key', () => {
    expect(() => loadSettings(PlatformSettings, {})).toThrow(/AUTH_JWKS_URL .* or AUTH_DEV_KEY_FILE/);
    expect(() => loadSettings(PlatformSettings, { AUTH_JWKS_URL: '', AUTH_DEV_KEY_FILE: '' })).toThrow(
      /AUTH_JWKS_URL .* or AUTH_DEV_KEY_FILE/,
    );
  });

  it('needs a user and password with a SASL mechanism, and never prints the password', () => {
    expect(messageOf({ KAFKA_SASL_MECHANISM: 'plain' })).toBe(
      'invalid configuration:\n  KAFKA_SASL_USERNAME: required when KAFKA_SASL_MECHANISM=plain\n  KAFKA_SASL_PASSWORD: required when KAFKA_SASL_MECHANISM=plain',
    );
    const message = messageOf({
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: '',
      KAFKA_SASL_PASSWORD: 'top-secret-pw',
      DEADLINE_SWEEP_MS: 'x',
    });
    expect(message).not.toContain('top-secret-pw');
  });

  it('takes a CA file for TLS to the brokers, and stops at boot when it cannot be used', () => {
    const ca = makeTestCa();
    const settings = loadSettings(PlatformSettings, { ...DEV, KAFKA_BROKERS: 'kafka.example:9094', KAFKA_SSL_CA_FILE: ca });
    expect(kafkaSettingsFrom('intake', settings)).toMatchObject({ brokers: ['kafka.example:9094'], sslCaFile: ca });
    expect(messageOf({ KAFKA_SSL_CA_FILE: '/nowhere/ca.pem' })).toBe(
      'invalid configuration:\n  KAFKA_SSL_CA_FILE="/nowhere/ca.pem": cannot be read (ENOENT)',
    );
  });

  it('never prints the password of MONGODB_URI', () => {
    const message = messageOf({ MONGODB_URI: 'mongodb://readmission:Pa55-w0rd@db-1:27017,db-2:27O17/?authSource=admin' });
    expect(message).toContain('MONGODB_URI="mongodb://***@db-1:27017,db-2:27O17/?authSource=admin"');
    expect(message).not.toContain('Pa55-w0rd');
  });

  it('never prints the password of a URL, even when another variable is bad', () => {
    const message = messageOf({ AUTH_DEV_KEY_FILE: '', AUTH_JWKS_URL: 'https://u:jwks-pw@idp.example/certs', LOG_LEVEL: 'x' });
    expect(message).toContain('LOG_LEVEL="x"');
    expect(message).toContain('AUTH_JWKS_URL="https://***@idp.example/certs": must not carry a user or password');
    expect(message).not.toContain('jwks-pw');
  });
});

describe('platform options from settings', () => {
  it('derive the database and consumer group of each service', () => {
    const settings = loadSettings(PlatformSettings, { ...DEV, CONSUMER_GROUP_PREFIX: 'copy-', PORT: '3003' });
    expect(platformOptions('transfer', settings)).toMatchObject({
      database: 'readmission-transfer',
      groupId: 'copy-transfer',
      port: 3003,
      mongodbUri: 'mongodb://127.0.0.1:27017',
      settings,
    });
    expect(platformOptions('intake', loadSettings(PlatformSettings, { ...DEV, MONGODB_DB: 'elsewhere', PORT: '8080' }))).toMatchObject({
      database: 'elsewhere',
      port: 8080,
    });
  });

  it('refuse a settings class without a port', () => {
    expect(() => platformOptions('intake', loadSettings(PlatformSettings, DEV))).toThrow('PlatformSettings has no PORT default');
  });

  it('LOG_LEVEL gives that level and every more severe one', () => {
    expect(logLevelsFrom('fatal')).toEqual(['fatal']);
    expect(logLevelsFrom('warn')).toEqual(['fatal', 'error', 'warn']);
    expect(logLevelsFrom('log')).toEqual(['fatal', 'error', 'warn', 'log']);
    expect(logLevelsFrom('verbose')).toEqual(['fatal', 'error', 'warn', 'log', 'debug', 'verbose']);
  });

  it('settingsForTest fills in what a test needs and takes overrides', () => {
    const settings = settingsForTest(PlatformSettings, { LOG_LEVEL: 'error' });
    expect(settings).toMatchObject({ PORT: 0, DEADLINE_SWEEP_MS: 0, LOG_LEVEL: 'error' });
    expect(settings.AUTH_DEV_KEY_FILE).toMatch(/dev-key\.json$/);
    expect(() => settingsForTest(PlatformSettings, { DEADLINE_SWEEP_MS: '30s' })).toThrow(/DEADLINE_SWEEP_MS/);
  });
});
