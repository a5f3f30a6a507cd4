import { createInstance } from 'i18next';
import { az } from '../i18n/az';
import { en } from '../i18n/en';
import { articleOf, problemInWords, ruleInWords } from './rule-text';

/** The catalogues as the console loads them, in one language. */
async function catalogue(lng: 'az' | 'en') {
  const i18n = createInstance();
  await i18n.init({
    resources: { az: { translation: az }, en: { translation: en } },
    lng,
    fallbackLng: false,
    interpolation: { escapeValue: false },
  });
  return i18n;
}

describe('rule texts in the interface language', () => {
  it('translates a time limit by its structure, naming the article without the explanation', async () => {
    const rule =
      '5 calendar days from receipt (comparable: docs/rules.md#transit (the comparable EU model clause; the transit article of EU-AZ was not found))';
    expect(ruleInWords(await catalogue('az'), rule)).toEqual({
      text: '5 təqvim günü, alındıqdan sonra (müqayisəli: docs/rules.md#transit)',
      english: false,
    });
    expect(ruleInWords(await catalogue('en'), rule)).toEqual({
      text: '5 calendar days from receipt (comparable: docs/rules.md#transit)',
      english: false,
    });
    expect(ruleInWords(await catalogue('az'), '6 months from transfer (comparable: EU-AZ Art. 12)').text).toBe(
      '6 ay, təhvildən sonra (müqayisəli: EU-AZ Art. 12)',
    );
    expect(ruleInWords(await catalogue('az'), '3 working days (verified: CH-AZ Art. 9(1))').text).toBe(
      '3 iş günü (təsdiqlənib: CH-AZ Art. 9(1))'.replace('təsdiqlənib', az.valueStatus.verified),
    );
  });

  it('keeps the English text, marked as such, only for what it does not know', async () => {
    expect(ruleInWords(await catalogue('az'), '5 calendar days from a new start (assumed: X)')).toEqual({
      text: '5 calendar days from a new start (assumed: X)',
      english: true,
    });
    expect(ruleInWords(await catalogue('az'), 'within a reasonable time')).toMatchObject({ english: true });
  });

  it('translates a broken rule by its code; an unknown code keeps its English message', async () => {
    const az = await catalogue('az');
    const known = problemInWords(az, {
      code: 'not-a-national-of-the-requested-state',
      message: 'an application for a national of DE needs …',
    });
    expect(known.english).toBe(false);
    expect(known.text).toContain('vətəndaşı deyil');
    expect(problemInWords(az, { code: 'readmission-by-mistake-period-exceeded', message: 'x', lastDay: '30.05.2027' }).text).toContain(
      '30.05.2027',
    );
    expect(problemInWords(az, { code: 'a-rule-of-tomorrow', message: 'in English' })).toEqual({ text: 'in English', english: true });
  });

  it('every code the platform names has its words in both languages', () => {
    expect(Object.keys(az.ruleCode).sort()).toEqual(Object.keys(en.ruleCode).sort());
    expect(articleOf('CH-AZ Art. 9(1)')).toBe('CH-AZ Art. 9(1)');
    expect(articleOf('docs/rules.md#transit (the comparable EU model clause)')).toBe('docs/rules.md#transit');
  });
});
