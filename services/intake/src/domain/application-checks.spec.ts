import { readFileSync } from 'fs';
import { join } from 'path';
import { CalendarBook, Rulebook, SHIPPED_CALENDARS, SHIPPED_RULEBOOKS, formatInstant } from '@readmission/agreements';
import { ApplicationSubmittedV1 } from '@readmission/contracts';
import { checkApplication, replyDeadline } from './application-checks';

const fixture = (name: string): ApplicationSubmittedV1 =>
  JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'libs', 'contracts', 'fixtures', 'valid', `${name}.json`), 'utf8')).value;
const national = fixture('application-submitted-national');
const tcn = fixture('application-submitted-tcn-accelerated');
const rulebook = Rulebook.from(SHIPPED_RULEBOOKS[0]);
const calendars = new CalendarBook(SHIPPED_CALENDARS);
const at = (instant: string) => new Date(instant);
const check = (app: ApplicationSubmittedV1, partner: string, received: string) =>
  checkApplication(app, partner, at(received), rulebook, calendars);
const normalTcn = (knowledgeDate: string): ApplicationSubmittedV1 => ({
  ...tcn,
  procedure: 'normal',
  apprehension: undefined,
  knowledgeDate,
});

describe('application checks, in order', () => {
  it('accepts a national under each agreement', () => {
    for (const [partner, code] of [
      ['DE', 'EU-AZ'],
      ['NO', 'NO-AZ'],
      ['CH', 'CH-AZ'],
      ['ME', 'ME-AZ'],
    ]) {
      expect(check(national, partner, '2026-11-24T10:00:00+04:00')).toMatchObject({ ok: true, agreement: { code } });
    }
  });

  it('finds no agreement for a non-party or before entry into force (date of receipt in Baku)', () => {
    expect(check(national, 'DK', '2026-11-24T10:00:00+04:00')).toMatchObject({ ok: false, reason: { code: 'no-applicable-agreement' } });
    // 31 March 2017, 23:30 in Zurich is already 1 April in Baku: the agreement applies.
    expect(check(national, 'CH', '2017-03-31T21:30:00Z')).toMatchObject({ ok: true });
    expect(check(national, 'CH', '2017-03-31T19:59:59Z')).toMatchObject({ ok: false, reason: { code: 'no-applicable-agreement' } });
  });

  it('holds the Swiss obligation for third-country nationals until 1 April 2020', () => {
    expect(check(normalTcn('2020-03-01'), 'CH', '2020-03-31T10:00:00+04:00')).toMatchObject({
      ok: false,
      reason: { code: 'obligation-not-in-force', field: '$.category' },
    });
    expect(check({ ...normalTcn('2020-03-01'), category: 'stateless' }, 'CH', '2020-03-31T10:00:00+04:00')).toMatchObject({
      ok: false,
      reason: { code: 'obligation-not-in-force' },
    });
    expect(check(normalTcn('2020-03-01'), 'CH', '2020-04-01T10:00:00+04:00')).toMatchObject({ ok: true });
    // Nationals were due from entry into force.
    expect(check(national, 'CH', '2018-01-10T10:00:00+04:00')).toMatchObject({ ok: true });
  });

  it('limits third-country national applications to six months after knowledgeDate, to the day', () => {
    for (const partner of ['DE', 'NO', 'CH', 'ME']) {
      expect(check(normalTcn('2026-05-24'), partner, '2026-11-24T23:59:59+04:00')).toMatchObject({ ok: true });
      expect(check(normalTcn('2026-05-23'), partner, '2026-11-24T00:00:00+04:00')).toMatchObject({
        ok: false,
        reason: { code: 'submission-time-limit-exceeded', field: '$.knowledgeDate', message: expect.stringMatching(/by 2026-11-23/) },
      });
    }
    expect(check(normalTcn('2026-11-25'), 'DE', '2026-11-24T10:00:00+04:00')).toMatchObject({
      ok: false,
      reason: { code: 'invalid-message', field: '$.knowledgeDate' },
    });
  });

  it("limits accelerated applications to two of the requesting state's working days after apprehension", () => {
    // Apprehended Thursday 19 Nov 2026 in Basel (+01:00): Friday 20, Monday 23 → due 23 Nov 23:59:59+01:00.
    const app = { ...tcn, apprehension: { at: '2026-11-19T10:00:00+01:00', place: 'Basel', nearBorder: true } };
    expect(check(app, 'CH', '2026-11-24T02:59:59+04:00')).toMatchObject({ ok: true });
    const late = check(app, 'CH', '2026-11-24T03:00:00+04:00');
    expect(late).toMatchObject({ ok: false, reason: { code: 'submission-time-limit-exceeded', field: '$.apprehension.at' } });
    expect(late.ok ? '' : late.reason.message).toMatch(/Monday to Friday: no calendar of CH for 2026/);
  });

  it('refuses the accelerated procedure away from the border, before the time limit is looked at', () => {
    const app = { ...tcn, apprehension: { at: '2026-11-01T10:00:00+01:00', place: 'Bern', nearBorder: false } };
    expect(check(app, 'CH', '2026-11-24T10:00:00+04:00')).toMatchObject({
      ok: false,
      reason: { code: 'accelerated-procedure-not-applicable', field: '$.apprehension.nearBorder' },
    });
  });

  it('reports the first failing rule only: agreement before obligation before time limit', () => {
    expect(check(normalTcn('2010-01-01'), 'DK', '2026-11-24T10:00:00+04:00')).toMatchObject({
      reason: { code: 'no-applicable-agreement' },
    });
    expect(check(normalTcn('2010-01-01'), 'CH', '2019-11-24T10:00:00+04:00')).toMatchObject({
      reason: { code: 'obligation-not-in-force' },
    });
  });
});

describe('rejections name the rule they apply (agreement, article or section, status)', () => {
  it.each([
    ['DE', 'EU-AZ'],
    ['NO', 'NO-AZ'],
    ['CH', 'CH-AZ'],
    ['ME', 'ME-AZ'],
  ])('%s (%s)', (partner, code) => {
    const agreement = rulebook.agreement(code);
    const inland = check({ ...tcn, apprehension: { ...tcn.apprehension!, nearBorder: false } }, partner, '2026-11-24T10:00:00+04:00');
    expect(inland).toMatchObject({
      ok: false,
      reason: { message: expect.stringContaining(agreement.rules.acceleratedRequiresNearBorder.source) },
    });
    const late = check(normalTcn('2026-05-01'), partner, '2026-11-24T10:00:00+04:00');
    expect(late).toMatchObject({
      ok: false,
      reason: { message: expect.stringContaining(agreement.timeLimits.submitThirdCountryNational.source) },
    });
  });

  it('CH-AZ Art. 18(2) for third-country nationals before 2020', () => {
    expect(check(normalTcn('2019-05-01'), 'CH', '2019-06-01T10:00:00+04:00')).toMatchObject({
      ok: false,
      reason: { message: expect.stringContaining('CH-AZ Art. 18(2)') },
    });
  });
});

describe('reply time limit', () => {
  const due = (partner: string, procedure: 'normal' | 'accelerated', receivedAt: string, acknowledgedAt = receivedAt) =>
    formatInstant(
      replyDeadline(
        rulebook.agreement(rulebook.partner(partner)!.agreement),
        procedure,
        { receivedAt: at(receivedAt), acknowledgedAt: at(acknowledgedAt) },
        calendars,
      ).dueBy,
    );

  it('gives 15 calendar days under the normal procedure', () => {
    expect(due('DE', 'normal', '2026-11-24T10:00:00+04:00')).toBe('2026-12-09T23:59:59+04:00');
    expect(due('ME', 'normal', '2026-12-20T10:00:00+04:00')).toBe('2027-01-04T23:59:59+04:00');
  });

  it("gives 2 of Azerbaijan's working days under the accelerated procedure", () => {
    // Friday 6 Nov 2026: 9 and 10 Nov are holidays → Wednesday 11, Thursday 12.
    expect(due('NO', 'accelerated', '2026-11-06T10:00:00+04:00')).toBe('2026-11-12T23:59:59+04:00');
  });

  it('starts the Swiss clock at the acknowledgement of receipt, the others at receipt', () => {
    // Received one second before midnight in Baku, acknowledged just after it.
    expect(due('CH', 'normal', '2026-11-24T23:59:59+04:00', '2026-11-25T00:00:01+04:00')).toBe('2026-12-10T23:59:59+04:00');
    expect(due('DE', 'normal', '2026-11-24T23:59:59+04:00', '2026-11-25T00:00:01+04:00')).toBe('2026-12-09T23:59:59+04:00');
  });

  it('fails loudly when the calendar of a year it needs is missing', () => {
    expect(() => due('DE', 'accelerated', '2027-12-30T10:00:00+04:00')).toThrow(/no calendar of AZ for 2028/);
  });
});
