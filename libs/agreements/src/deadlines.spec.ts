import { CalendarBook, CalendarYear, MissingCalendarError, addWorkingDays, validateCalendarYear } from './calendar/calendar';
import { deriveAzerbaijanCalendar } from './calendar/azerbaijan';
import { addMonths, endOfBakuDay, formatInstant, offsetOfInstant } from './calendar/dates';
import { Period, computeDeadline, computeSchedule } from './deadlines';
import { Rulebook } from './rulebook/rulebook';
import { SHIPPED_CALENDARS, SHIPPED_RULEBOOKS } from './shipped';

const calendars = () => new CalendarBook(SHIPPED_CALENDARS);
const rulebook = Rulebook.from(SHIPPED_RULEBOOKS[0]);

describe('Azerbaijan working days', () => {
  const az = () => calendars().official('AZ');

  it('skips weekends', () => {
    // Thursday 2026-12-03 + 2 working days: Friday, then Monday.
    expect(addWorkingDays(az(), '2026-12-03', 2).date).toBe('2026-12-07');
  });

  it('skips official non-working days, including a holiday that fell on a Sunday and moved to Tuesday', () => {
    // Friday 2026-11-06: 8 Nov (Victory Day) is a Sunday and moves to Tuesday 10 Nov; 9 Nov is State Flag Day.
    expect(addWorkingDays(az(), '2026-11-06', 2).date).toBe('2026-11-12');
  });

  it('crosses the year boundary with both years in its basis', () => {
    // 31 Dec, 1 Jan off; 2 Jan 2027 is a Saturday holiday moved to Monday 4 Jan.
    const result = addWorkingDays(az(), '2026-12-30', 2);
    expect(result.date).toBe('2027-01-06');
    expect(result.basis).toHaveLength(2);
    expect(result.basis[0]).toContain('AZ 2026');
    expect(result.basis[1]).toContain('AZ 2027');
  });

  it('fails loudly for a year with no calendar loaded', () => {
    expect(() => addWorkingDays(az(), '2027-12-29', 3)).toThrow(MissingCalendarError);
    expect(() => addWorkingDays(az(), '2027-12-29', 3)).toThrow(/no calendar of AZ for 2028/);
  });

  it('works again once an operator loads the missing year, and a declared working Saturday counts', () => {
    const book = calendars();
    book.load({
      country: 'AZ',
      year: 2028,
      status: 'official',
      source: 'test calendar',
      nonWorkingDays: [{ date: '2028-01-03', name: 'New Year (transferred)' }],
      workingDays: [{ date: '2028-01-08', name: 'transferred working day' }],
    });
    // 29 Dec 2027 (Wed): 30 Dec (1), 31 Dec off, 1 Jan Sat, 3 Jan off, 4 Jan (2), 5 Jan (3).
    expect(addWorkingDays(book.official('AZ'), '2027-12-29', 3).date).toBe('2028-01-05');
    // Friday 7 Jan + 1 working day: the declared working Saturday 8 Jan.
    expect(addWorkingDays(book.official('AZ'), '2028-01-07', 1).date).toBe('2028-01-08');
  });

  it('ships calendars that are exactly what the Labour Code rules derive', () => {
    for (const year of SHIPPED_CALENDARS) {
      expect(validateCalendarYear(year)).toEqual([]);
      const lunar = (name: string) => year.nonWorkingDays.filter((d) => d.name.startsWith(name)).map((d) => d.date);
      expect(year.nonWorkingDays.length).toBeGreaterThanOrEqual(17);
      expect(lunar('Ramazan').length + lunar('Gurban').length).toBeGreaterThanOrEqual(2);
    }
    const derived = deriveAzerbaijanCalendar(2026, { ramazan: ['2026-03-20', '2026-03-21'], gurban: ['2026-05-27', '2026-05-28'] }, 'x');
    expect(derived.nonWorkingDays.map((d) => d.date)).toEqual(
      SHIPPED_CALENDARS.find((c) => c.year === 2026)!.nonWorkingDays.map((d) => d.date),
    );
    // Ramazan on Novruz and Gurban on Independence Day each give a further day off.
    expect(derived.nonWorkingDays.map((d) => d.date)).toEqual(
      expect.arrayContaining(['2026-03-25', '2026-03-27', '2026-03-30', '2026-05-29']),
    );
  });

  it('refuses an invalid calendar year with every problem named', () => {
    const bad = {
      country: 'az',
      year: 2029,
      status: 'rumoured',
      source: '',
      nonWorkingDays: [
        { date: '2028-12-31', name: 'x' },
        { date: '2029-01-06', name: 'Saturday' },
      ],
    };
    const errors = validateCalendarYear(bad);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^country/),
        expect.stringMatching(/^status/),
        expect.stringMatching(/^source/),
        expect.stringMatching(/nonWorkingDays\[0\]\.date: 2028-12-31 is not in 2029/),
        expect.stringMatching(/nonWorkingDays\[1\]\.date: 2029-01-06 is a Saturday or Sunday/),
      ]),
    );
    expect(() => new CalendarBook().load(bad as unknown as CalendarYear)).toThrow(/invalid/);
  });
});

describe('the requesting state working days (accelerated submission)', () => {
  const limit = rulebook.timeLimit('EU-AZ', 'submitAccelerated');

  it('uses Monday to Friday when the state has no calendar, at the apprehension offset, and says so', () => {
    // Apprehended Friday 2026-12-04 in Germany (+01:00): Monday 7, Tuesday 8.
    const d = computeDeadline(
      'submitAccelerated',
      limit,
      { date: '2026-12-04', offsetMinutes: offsetOfInstant('2026-12-04T22:10:00+01:00') },
      calendars(),
      'DE',
    );
    expect(d.dueDate).toBe('2026-12-08');
    expect(d.dueBy.toISOString()).toBe('2026-12-08T22:59:59.000Z');
    expect(d.calendarBasis[0]).toMatch(/Monday to Friday: no calendar of DE for 2026/);
  });

  it("uses the state's calendar where loaded", () => {
    const book = calendars();
    book.load({
      country: 'DE',
      year: 2026,
      status: 'official',
      source: 'test',
      nonWorkingDays: [{ date: '2026-12-07', name: 'test holiday' }],
    });
    const d = computeDeadline('submitAccelerated', limit, { date: '2026-12-04', offsetMinutes: 60 }, book, 'DE');
    expect(d.dueDate).toBe('2026-12-09');
    expect(d.calendarBasis[0]).toMatch(/official calendar of DE 2026/);
  });
});

describe('reply time limits per agreement', () => {
  it('counts calendar days for the normal procedure, holidays included', () => {
    const d = computeDeadline('replyNormal', rulebook.timeLimit('EU-AZ', 'replyNormal'), { date: '2026-12-20' }, calendars());
    expect(d.dueDate).toBe('2027-01-04');
    expect(formatInstant(d.dueBy)).toBe('2027-01-04T23:59:59+04:00');
    expect(d.calendarBasis).toEqual([]);
  });

  it("counts Azerbaijan's working days for the accelerated procedure", () => {
    const d = computeDeadline('replyAccelerated', rulebook.timeLimit('NO-AZ', 'replyAccelerated'), { date: '2026-12-30' }, calendars());
    expect(d.dueDate).toBe('2027-01-06');
    expect(d.dueBy).toEqual(endOfBakuDay('2027-01-06'));
  });

  it('starts the Swiss clock at acknowledgement and the others at receipt', () => {
    expect(rulebook.timeLimit('CH-AZ', 'replyNormal').from).toBe('acknowledgement');
    expect(rulebook.timeLimit('CH-AZ', 'replyAccelerated').from).toBe('acknowledgement');
    for (const code of ['EU-AZ', 'NO-AZ', 'ME-AZ']) {
      expect(rulebook.timeLimit(code, 'replyNormal').from).toBe('receipt');
      expect(rulebook.timeLimit(code, 'replyAccelerated').from).toBe('receipt');
    }
  });

  it('ends a months limit on the same day number, or the month end', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    const d = computeDeadline(
      'submitThirdCountryNational',
      rulebook.timeLimit('CH-AZ', 'submitThirdCountryNational'),
      { date: '2026-05-31' },
      calendars(),
    );
    expect(d.dueDate).toBe('2026-11-30');
  });
});

describe('one calculator for every period', () => {
  const period = (value: number, unit: Period['unit'], from?: string): Period => ({
    value,
    unit,
    ...(from ? { from } : {}),
    status: 'assumed',
    source: 'test source',
  });

  describe('calendar days', () => {
    it('count every day across the year end, holidays included, relying on no calendar', () => {
      // 31 Dec, 1-2 Jan are days off in Azerbaijan: they count all the same.
      const d = computeDeadline('referral:IOM', period(5, 'calendar-days', 'referral'), { date: '2026-12-29' }, calendars());
      expect(d.dueDate).toBe('2027-01-03');
      expect(formatInstant(d.dueBy)).toBe('2027-01-03T23:59:59+04:00');
      expect(d.calendarBasis).toEqual([]);
    });

    it('need no calendar at all, even for a year none is loaded for', () => {
      expect(computeDeadline('x', period(10, 'calendar-days'), { date: '2030-12-25' }, new CalendarBook()).dueDate).toBe('2031-01-04');
    });
  });

  describe("Azerbaijan's working days", () => {
    it('skip weekends and official holidays, and record each calendar year they relied on', () => {
      // Tuesday 2026-12-29: 30 Dec (1), 31 Dec and 1-2 Jan off, 2 Jan (Saturday) moved to Monday 4 Jan, 5 Jan (2), 6 Jan (3).
      const d = computeDeadline('referral:MOH', period(3, 'working-days', 'referral'), { date: '2026-12-29' }, calendars());
      expect(d.dueDate).toBe('2027-01-06');
      expect(d.calendarBasis).toEqual([expect.stringMatching(/calendar of AZ 2026 /), expect.stringMatching(/calendar of AZ 2027 /)]);
    });

    it('fail loudly for a year whose official calendar is not loaded', () => {
      expect(() => computeDeadline('referral:MOH', period(10, 'working-days'), { date: '2027-12-24' }, calendars())).toThrow(
        MissingCalendarError,
      );
    });
  });

  describe("the requesting state's working days", () => {
    it('use Monday to Friday across the year end when the state has no calendar, and say so for each year', () => {
      // Wednesday 2026-12-30 in Norway: Thursday 31 Dec (1), Friday 1 Jan (2) — its holidays are not known here.
      const d = computeDeadline(
        'submitAccelerated',
        period(2, 'requesting-state-working-days', 'apprehension'),
        { date: '2026-12-30', offsetMinutes: 60 },
        calendars(),
        { requestingState: 'NO' },
      );
      expect(d.dueDate).toBe('2027-01-01');
      expect(d.dueBy.toISOString()).toBe('2027-01-01T22:59:59.000Z');
      expect(d.calendarBasis).toEqual([
        expect.stringMatching(/^Monday to Friday: no calendar of NO for 2026/),
        expect.stringMatching(/^Monday to Friday: no calendar of NO for 2027/),
      ]);
    });

    it("use the state's calendar for the year loaded and Monday to Friday for the other, naming both", () => {
      const book = calendars();
      book.load({
        country: 'NO',
        year: 2026,
        status: 'official',
        source: 'test',
        nonWorkingDays: [{ date: '2026-12-31', name: 'test holiday' }],
      });
      const d = computeDeadline(
        'submitAccelerated',
        period(2, 'requesting-state-working-days'),
        { date: '2026-12-30', offsetMinutes: 60 },
        book,
        { requestingState: 'NO' },
      );
      expect(d.dueDate).toBe('2027-01-04');
      expect(d.calendarBasis).toEqual([
        expect.stringMatching(/^official calendar of NO 2026/),
        expect.stringMatching(/^Monday to Friday: no calendar of NO for 2027/),
      ]);
    });

    it("never count Azerbaijan's holidays for the requesting state", () => {
      // Victory Day moved to Tuesday 10 Nov 2026 and State Flag Day, Monday 9 Nov, are Azerbaijani days off only.
      const abroad = computeDeadline('x', period(2, 'requesting-state-working-days'), { date: '2026-11-06' }, calendars(), {
        requestingState: 'DE',
      });
      const home = computeDeadline('x', period(2, 'working-days'), { date: '2026-11-06' }, calendars());
      expect([abroad.dueDate, home.dueDate]).toEqual(['2026-11-10', '2026-11-12']);
    });

    it('need the requesting state', () => {
      expect(() =>
        computeDeadline('submitAccelerated', period(2, 'requesting-state-working-days'), { date: '2026-12-04' }, calendars()),
      ).toThrow(/requesting state is needed/);
    });
  });

  describe("the requested state's working days when Azerbaijan requests (requestedState)", () => {
    it("count the partner's days, not Azerbaijan's holidays, and name the basis", () => {
      // From Friday 6 Nov 2026: Azerbaijan's 9-10 Nov are days off there, not in Germany (no calendar loaded: Monday to Friday).
      const partner = computeDeadline('advanceNotice', period(3, 'working-days'), { date: '2026-11-06' }, calendars(), {
        requestedState: 'DE',
      });
      const az = computeDeadline('advanceNotice', period(3, 'working-days'), { date: '2026-11-06' }, calendars(), { requestedState: 'AZ' });
      expect([partner.dueDate, az.dueDate]).toEqual(['2026-11-11', '2026-11-13']);
      expect(partner.calendarBasis).toEqual([expect.stringMatching(/^Monday to Friday: no calendar of DE for 2026/)]);
    });
  });

  describe('months', () => {
    it('cross the year end and end on the last day of a shorter month, leap years included', () => {
      expect(computeDeadline('transfer', period(3, 'months'), { date: '2026-11-30' }, calendars()).dueDate).toBe('2027-02-28');
      expect(computeDeadline('transfer', period(3, 'months'), { date: '2027-11-30' }, calendars()).dueDate).toBe('2028-02-29');
      expect(computeDeadline('transfer', period(3, 'months'), { date: '2026-10-15' }, calendars()).calendarBasis).toEqual([]);
    });
  });

  it('records the rule in words, the rulebook version when given, and the calendars', () => {
    const limit = rulebook.timeLimit('EU-AZ', 'replyAccelerated');
    const d = computeDeadline('replyAccelerated', limit, { date: '2026-12-30' }, calendars(), { rulebookVersion: '2026.1' });
    expect(d).toEqual({
      name: 'replyAccelerated',
      dueDate: '2027-01-06',
      dueBy: endOfBakuDay('2027-01-06'),
      rule: `2 working days from receipt (${limit.status}: ${limit.source})`,
      rulebookVersion: '2026.1',
      calendarBasis: [expect.stringContaining('AZ 2026'), expect.stringContaining('AZ 2027')],
    });
    // A period with no start event in it (a referral body's) reads without one; no version given, none recorded.
    const referral = computeDeadline('referral:IOM', period(30, 'calendar-days'), { date: '2026-11-24' }, calendars());
    expect(referral.rule).toBe('30 calendar days (assumed: test source)');
    expect(referral).not.toHaveProperty('rulebookVersion');
  });

  it('still takes the requesting state alone as its last argument', () => {
    const d = computeDeadline('submitAccelerated', period(2, 'requesting-state-working-days'), { date: '2026-12-04' }, calendars(), 'DE');
    expect(d.dueDate).toBe('2026-12-08');
  });

  it('refuses a period that is not a whole number of at least 0', () => {
    expect(() => computeDeadline('x', period(-1, 'calendar-days'), { date: '2026-12-04' }, calendars())).toThrow(/whole number/);
    expect(() => computeDeadline('x', period(1.5, 'months'), { date: '2026-12-04' }, calendars())).toThrow(/whole number/);
    expect(() =>
      computeDeadline('x', { ...period(1, 'calendar-days'), unit: 'weeks' as never }, { date: '2026-12-04' }, calendars()),
    ).toThrow(/unknown unit weeks/);
  });
});

describe('a schedule of checkpoints with a grace period (follow-ups)', () => {
  const months = (value: number): Period => ({ value, unit: 'months', from: 'arrival', status: 'assumed', source: 'follow-up plan' });
  const grace: Period = { value: 30, unit: 'calendar-days', status: 'assumed', source: 'follow-up grace' };

  it('puts each checkpoint the same day number months later and makes it overdue after the grace, across year ends', () => {
    const schedule = computeSchedule('follow-up', [months(3), months(6), months(12)], grace, { date: '2026-08-31' }, calendars());
    expect(schedule.map((c) => [c.name, c.due.dueDate, c.graceEnds.dueDate])).toEqual([
      ['follow-up-3-months', '2026-11-30', '2026-12-30'],
      ['follow-up-6-months', '2027-02-28', '2027-03-30'],
      ['follow-up-12-months', '2027-08-31', '2027-09-30'],
    ]);
    expect(schedule[0].graceEnds.dueBy.toISOString()).toBe('2026-12-30T19:59:59.000Z');
    expect(schedule[0].period.value).toBe(3);
  });

  it('records the rule of both the checkpoint and its grace', () => {
    const [first] = computeSchedule('follow-up', [months(3)], grace, { date: '2026-08-31' }, calendars(), { rulebookVersion: 'fu-1' });
    expect(first.due).toMatchObject({ rule: '3 months from arrival (assumed: follow-up plan)', rulebookVersion: 'fu-1' });
    expect(first.graceEnds).toMatchObject({
      name: 'follow-up-3-months-grace',
      rule: '30 calendar days from follow up 3 months (assumed: follow-up grace)',
      rulebookVersion: 'fu-1',
    });
  });
});
