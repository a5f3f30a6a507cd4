import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { SettingsError, loadSettings } from '@readmission/platform';
import { TransferSettings, transferSettingsForTest } from './settings';

const DEV = { AUTH_DEV_KEY_FILE: '/keys/dev.json' };

const messageOf = (env: Record<string, string>): string => {
  try {
    loadSettings(TransferSettings, { ...DEV, ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return (error as Error).message;
  }
  throw new Error('expected a SettingsError');
};

describe('TransferSettings', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'transfer-settings-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps today's defaults: port 3003, alerts 14 and 3 days before, the shipped crossing points", () => {
    const settings = loadSettings(TransferSettings, DEV);
    expect(settings).toMatchObject({ PORT: 3003, TRANSFER_ALERT_DAYS: [14, 3] });
    expect(settings.TRANSFER_CROSSING_POINTS_FILE).toBeUndefined();
    expect(settings.TRANSFER_CAPACITY_OVERRIDES).toBeUndefined();
  });

  it('reads the alert days, a crossing-points file and capacity overrides', () => {
    const file = join(dir, 'points.json');
    writeFileSync(file, '{"points":{}}');
    const settings = loadSettings(TransferSettings, {
      ...DEV,
      TRANSFER_ALERT_DAYS: '3,14,7',
      TRANSFER_CROSSING_POINTS_FILE: file,
      TRANSFER_CAPACITY_OVERRIDES: '{"GYP":{"2026-12-01":0,"2026-12-02":40}}',
    });
    expect(settings).toMatchObject({
      TRANSFER_ALERT_DAYS: [14, 7, 3],
      TRANSFER_CROSSING_POINTS_FILE: file,
      TRANSFER_CAPACITY_OVERRIDES: { GYP: { '2026-12-01': 0, '2026-12-02': 40 } },
    });
  });

  it.each([
    ['TRANSFER_ALERT_DAYS', '14,three', 'comma-separated list of numbers above 0'],
    ['TRANSFER_ALERT_DAYS', '14,-3', 'comma-separated list of numbers above 0'],
    ['TRANSFER_ALERT_DAYS', 'NaN', 'comma-separated list of numbers above 0'],
    ['TRANSFER_CAPACITY_OVERRIDES', '{GYP:0}', 'must be valid JSON'],
    ['TRANSFER_CAPACITY_OVERRIDES', '[1,2]', 'must be {"<POINT>"'],
    ['TRANSFER_CAPACITY_OVERRIDES', '{"GYP":{"1 Dec":0}}', 'not at "GYP"."1 Dec"'],
    ['TRANSFER_CAPACITY_OVERRIDES', '{"GYP":{"2026-12-01":-1}}', 'not at "GYP"."2026-12-01"'],
    ['TRANSFER_CAPACITY_OVERRIDES', '{"GYP":{"2026-12-01":"40"}}', 'not at "GYP"."2026-12-01"'],
    ['TRANSFER_CAPACITY_OVERRIDES', '{"gyp":{}}', 'not at "gyp"'],
  ])('refuses %s=%s, naming the variable', (variable, value, reason) => {
    const message = messageOf({ [variable]: value });
    expect(message).toContain(`\n  ${variable}=${JSON.stringify(value)}: `);
    expect(message).toContain(reason);
  });

  it('refuses a crossing-points file that is missing or a directory', () => {
    expect(messageOf({ TRANSFER_CROSSING_POINTS_FILE: join(dir, 'missing.json') })).toContain('TRANSFER_CROSSING_POINTS_FILE=');
    expect(messageOf({ TRANSFER_CROSSING_POINTS_FILE: join(dir, 'missing.json') })).toContain('must name a file that exists');
    expect(messageOf({ TRANSFER_CROSSING_POINTS_FILE: dir })).toContain('must name a file, not a directory');
  });

  it('builds settings for tests from a partial environment', () => {
    expect(transferSettingsForTest({ TRANSFER_ALERT_DAYS: '5' })).toMatchObject({
      TRANSFER_ALERT_DAYS: [5],
      PORT: 0,
      DEADLINE_SWEEP_MS: 0,
    });
  });
});
