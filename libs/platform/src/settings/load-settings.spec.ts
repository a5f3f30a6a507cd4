import { IsOptional } from 'class-validator';
import { IsMilliseconds, IsMongoUri, IsNumberList, IsUrlSetting, ParsedSetting, Secret } from './decorators';
import { SettingProblem, SettingsError, isSecret, loadSettings, redactUrls, settingNames } from './load-settings';
import { fail } from './parsers';

class ExampleSettings {
  @IsMilliseconds() SWEEP_MS = 30_000;
  @IsNumberList({ positive: true, order: 'descending' }) ALERT_HOURS = [72, 24];
  @IsMongoUri() STORE_URI = 'mongodb://127.0.0.1:27017';
  @IsOptional() @IsUrlSetting({ protocols: ['https'] }) SERVICE_URL?: string;
  @IsOptional() @Secret() @ParsedSetting((raw) => (raw.length >= 8 ? raw : fail('must be at least 8 characters'))) PASSPHRASE?: string;
  @IsOptional() @ParsedSetting((raw) => (/^\S+$/.test(raw) ? raw : fail('must not contain spaces'))) API_TOKEN?: string;
  @IsOptional() @ParsedSetting((raw) => raw) MODE?: string;

  checkTogether(): SettingProblem[] {
    return this.MODE === 'remote' && !this.SERVICE_URL ? [{ variable: 'SERVICE_URL', reason: 'required when MODE=remote' }] : [];
  }
}

const problemsOf = (env: Record<string, string>): SettingsError => {
  try {
    loadSettings(ExampleSettings, env);
  } catch (error) {
    if (error instanceof SettingsError) return error;
    throw error;
  }
  throw new Error('expected a SettingsError');
};

describe('loadSettings', () => {
  it('keeps the defaults for unset and empty variables, and reads the given ones typed', () => {
    expect(loadSettings(ExampleSettings, {})).toEqual(Object.assign(new ExampleSettings(), {}));
    const settings = loadSettings(ExampleSettings, { SWEEP_MS: '500', ALERT_HOURS: '24,72', STORE_URI: '', MODE: 'local' });
    expect(settings).toBeInstanceOf(ExampleSettings);
    expect(settings).toMatchObject({ SWEEP_MS: 500, ALERT_HOURS: [72, 24], STORE_URI: 'mongodb://127.0.0.1:27017', MODE: 'local' });
  });

  it('reads only the variables the class declares', () => {
    expect(settingNames(ExampleSettings).sort()).toEqual([
      'ALERT_HOURS',
      'API_TOKEN',
      'MODE',
      'PASSPHRASE',
      'SERVICE_URL',
      'STORE_URI',
      'SWEEP_MS',
    ]);
    expect(loadSettings(ExampleSettings, { HOME: '/root', SWEEP_MS: '1' })).not.toHaveProperty('HOME');
  });

  it('names every bad variable, with its value and the reason, in one error', () => {
    const error = problemsOf({ SWEEP_MS: '30s', ALERT_HOURS: '72,,24', SERVICE_URL: 'http://x.example' });
    expect(error.problems.map((p) => p.variable)).toEqual(['SWEEP_MS', 'ALERT_HOURS', 'SERVICE_URL']);
    expect(error.message).toBe(
      'invalid configuration:\n' +
        '  SWEEP_MS="30s": must be a duration in whole milliseconds, e.g. 30000 (units are not understood: write 30s as 30000)\n' +
        '  ALERT_HOURS="72,,24": must be a comma-separated list of numbers above 0, e.g. "72,24"\n' +
        '  SERVICE_URL="http://x.example": must be a https URL, not http',
    );
  });

  it('adds the problems of variables that only make sense together, without repeating a variable', () => {
    expect(problemsOf({ MODE: 'remote' }).message).toBe('invalid configuration:\n  SERVICE_URL: required when MODE=remote');
    expect(problemsOf({ MODE: 'remote', SERVICE_URL: 'ftp://x' }).problems).toEqual([
      { variable: 'SERVICE_URL', reason: 'must be a https URL, not ftp', shown: '"ftp://x"' },
    ]);
  });

  describe('never prints a secret', () => {
    it('hides the value of a variable marked @Secret() or named like a secret', () => {
      const error = problemsOf({ PASSPHRASE: 'hunter2', API_TOKEN: 'abc def-SECRET-TOKEN' });
      expect(error.message).toBe(
        'invalid configuration:\n  PASSPHRASE=(value not shown): must be at least 8 characters\n  API_TOKEN=(value not shown): must not contain spaces',
      );
      expect(error.message).not.toContain('hunter2');
      expect(error.message).not.toContain('SECRET-TOKEN');
      expect(JSON.stringify(error.problems)).not.toContain('hunter2');
    });

    it('redacts the user and password of a connection string', () => {
      const error = problemsOf({ STORE_URI: 'mongodb://admin:s3cr3t-pw@db-1:27017,db-2:port/readmission' });
      expect(error.message).toBe(
        'invalid configuration:\n  STORE_URI="mongodb://***@db-1:27017,db-2:port/readmission": must name its hosts as host[:port], separated by commas',
      );
      expect(error.message).not.toContain('s3cr3t-pw');
      expect(error.message).not.toContain('admin');
    });

    it('redacts a password even past the length at which long values are cut', () => {
      const error = problemsOf({ STORE_URI: `mongodb://u:pw-${'y'.repeat(250)}@db:27017/ bad` });
      expect(error.message).toContain('"mongodb://***@db:27017/ bad"');
      expect(error.message).not.toContain('pw-');
    });

    it('redacts every URL of a text', () => {
      expect(redactUrls('a https://u:p@idp.example/x and mongodb+srv://admin:pw@c.example')).toBe(
        'a https://***@idp.example/x and mongodb+srv://***@c.example',
      );
      expect(redactUrls('https://idp.example/certs')).toBe('https://idp.example/certs');
    });
  });

  it('knows secret names', () => {
    for (const name of ['KAFKA_SASL_PASSWORD', 'REGISTRY_TOKEN', 'CLIENT_SECRET', 'SIGNING_KEY', 'AUTH_DEV_KEY_FILE', 'PRIVATE_KEY_PEM'])
      expect(isSecret(name)).toBe(true);
    for (const name of ['MONGODB_URI', 'DEADLINE_SWEEP_MS', 'KAFKA_BROKERS', 'KEYSTONE_URL', 'MONKEY']) expect(isSecret(name)).toBe(false);
    expect(isSecret('MONGODB_URI', new Set(['MONGODB_URI']))).toBe(true);
  });
});
