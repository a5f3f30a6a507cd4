import { SettingsError, loadSettings } from '@readmission/platform';
import { IntakeSettings, intakeSettingsForTest } from './settings';

const DEV = { AUTH_DEV_KEY_FILE: '/keys/dev.json' };

describe('IntakeSettings', () => {
  it("keeps today's defaults: port 3001, every partner of the shipped rulebook", () => {
    const settings = loadSettings(IntakeSettings, DEV);
    expect(settings).toMatchObject({ PORT: 3001, DEADLINE_SWEEP_MS: 30_000 });
    expect(settings.PARTNERS).toBeUndefined();
  });

  it('reads PARTNERS as upper-case codes', () => {
    expect(loadSettings(IntakeSettings, { ...DEV, PARTNERS: 'de, no,FR' }).PARTNERS).toEqual(['DE', 'NO', 'FR']);
  });

  it.each(['DEU', 'DE,,NO', 'D1', 'DE;NO'])('refuses PARTNERS=%p, naming the variable', (value) => {
    expect(() => loadSettings(IntakeSettings, { ...DEV, PARTNERS: value })).toThrow(
      new RegExp(`\\n {2}PARTNERS=${JSON.stringify(value)}: `),
    );
  });

  it('validates the platform variables too, all bad ones at once', () => {
    try {
      loadSettings(IntakeSettings, { ...DEV, PARTNERS: 'XYZ', REFERENCE_DATA_REFRESH_MS: '10s', PORT: 'http' });
      throw new Error('expected a SettingsError');
    } catch (error) {
      expect(error).toBeInstanceOf(SettingsError);
      expect((error as SettingsError).problems.map((p) => p.variable).sort()).toEqual(['PARTNERS', 'PORT', 'REFERENCE_DATA_REFRESH_MS']);
    }
  });

  it('builds settings for tests from a partial environment', () => {
    expect(intakeSettingsForTest({ PARTNERS: 'DE' })).toMatchObject({ PARTNERS: ['DE'], PORT: 0, DEADLINE_SWEEP_MS: 0 });
  });
});
