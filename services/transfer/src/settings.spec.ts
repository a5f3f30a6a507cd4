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
  it("keeps today's defaults: port 3003, alerts 14 and 3 days before", () => {
    expect(loadSettings(TransferSettings, DEV)).toMatchObject({ PORT: 3003, TRANSFER_ALERT_DAYS: [14, 3] });
  });

  it('reads the alert days, largest first', () => {
    expect(loadSettings(TransferSettings, { ...DEV, TRANSFER_ALERT_DAYS: '3,14,7' })).toMatchObject({ TRANSFER_ALERT_DAYS: [14, 7, 3] });
  });

  it.each([
    ['TRANSFER_ALERT_DAYS', '14,three', 'comma-separated list of numbers above 0'],
    ['TRANSFER_ALERT_DAYS', '14,-3', 'comma-separated list of numbers above 0'],
    ['TRANSFER_ALERT_DAYS', 'NaN', 'comma-separated list of numbers above 0'],
    ['DEADLINE_SWEEP_MS', '30s', 'DEADLINE_SWEEP_MS'],
  ])('refuses %s=%s, naming the variable', (variable, value, reason) => {
    const message = messageOf({ [variable]: value });
    expect(message).toContain(`\n  ${variable}=${JSON.stringify(value)}: `);
    expect(message).toContain(reason);
  });

  it('builds settings for tests from a partial environment', () => {
    expect(transferSettingsForTest({ TRANSFER_ALERT_DAYS: '5' })).toMatchObject({
      TRANSFER_ALERT_DAYS: [5],
      PORT: 0,
      DEADLINE_SWEEP_MS: 0,
    });
  });
});
