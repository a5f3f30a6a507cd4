import { createInstance } from 'i18next';
import { az } from '../i18n/az';
import { en } from '../i18n/en';
import { articleOf, errorInWords, problemInWords, ruleInWords } from './rule-text';

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

  it("says what a service's error means in the interface's language: by its rule code, else by its kind or status", async () => {
    const az = await catalogue('az');
    const en = await catalogue('en');
    // A code leading the message, and one in `details.code`: the rule's own words.
    const period = {
      status: 422,
      kind: 'rule-broken',
      message: 'readmission-by-mistake-period-exceeded: under EU-AZ a request … its last day was 2027-05-30',
    };
    expect(errorInWords(az, period, '30.05.2027')).toEqual({ kind: 'rule-broken', text: expect.stringContaining('30.05.2027') });
    expect(errorInWords(az, period).text).not.toBe(az.t('errors.explain.rule-broken'));
    // The last day the service gives in its details, written as the language writes dates.
    const withDay = { ...period, details: { code: 'readmission-by-mistake-period-exceeded', lastDay: '2027-05-30' } };
    expect(errorInWords(az, withDay).text).toContain('30.05.2027');
    expect(errorInWords(en, { status: 422, kind: 'rule-broken', message: 'x', details: { code: 'notice-too-late' } }).text).toBe(
      en.t('ruleCode.notice-too-late'),
    );
    // No code (or one the catalogue does not know): the meaning of the kind.
    const revoked = { status: 422, kind: 'rule-broken', message: 'transit DE:T-1: the consent was revoked; refuse the transit' };
    expect(errorInWords(az, revoked)).toEqual({
      kind: 'rule-broken',
      text: 'Sazişin və ya prosedurun qaydası qeydin hazırkı vəziyyətində buna icazə vermir.',
    });
    expect(errorInWords(az, { status: 409, kind: 'conflict', message: 'a-rule-of-tomorrow: …' }).text).toBe(
      az.t('errors.explain.conflict'),
    );
    // Nest's own errors name no domain kind: read from the status.
    expect(errorInWords(az, { status: 403, kind: 'Forbidden', message: 'Forbidden resource' }).kind).toBe('forbidden');
    expect(errorInWords(en, { status: 404, kind: 'Not Found', message: 'Cannot GET /x' }).text).toBe(
      'The record asked for does not exist: check the number or reference.',
    );
    expect(errorInWords(en, { status: 503, message: 'Service Unavailable' }).kind).toBe('unavailable');
    expect(errorInWords(en, { status: 500, message: 'Internal server error' }).kind).toBe('http');
  });

  it('every error kind has its meaning in both languages', () => {
    expect(Object.keys(az.errors.explain).sort()).toEqual(Object.keys(en.errors.explain).sort());
    expect(Object.keys(az.errors.explain).sort()).toEqual(Object.keys(az.errors.kind).sort());
  });
});
