import { AgreementRules, CalendarBook, Rulebook, SHIPPED_CALENDARS, SHIPPED_RULEBOOKS, TimeLimit } from '@readmission/agreements';
import { earliestArrival, limitsOnAcceptance } from './transfer-time-limits';

const rulebook = Rulebook.from(SHIPPED_RULEBOOKS[0]);
const rulesOf = (partner: string): AgreementRules => {
  const applicable = rulebook.applicableAgreement(partner, '2026-11-01');
  if (!applicable.applies) throw new Error(applicable.reason);
  return applicable.agreement;
};
/** The DE rules with one time limit replaced (a rulebook version may state any unit it knows). */
const withLimit = (name: 'transfer' | 'advanceNotice', limit: Partial<TimeLimit>): AgreementRules => {
  const rules = rulesOf('DE');
  return { ...rules, timeLimits: { ...rules.timeLimits, [name]: { ...rules.timeLimits[name], ...limit } } };
};
const book = () => new CalendarBook(SHIPPED_CALENDARS);

describe('transfer time limits (one deadline calculator)', () => {
  it('records the rule, the rulebook version and the calendars of each limit on acceptance', () => {
    const limits = limitsOnAcceptance(rulesOf('DE'), new Date('2026-11-16T10:00:00+04:00'), book(), {
      requestingState: 'DE',
      rulebookVersion: '2026.1',
    });
    // 5 Azerbaijani working days after Monday 16 Nov; 3 months after the acceptance day.
    expect(limits.travelDocumentIssue).toMatchObject({
      dueDate: '2026-11-23',
      dueBy: new Date('2026-11-23T23:59:59+04:00'),
      rulebookVersion: '2026.1',
    });
    expect(limits.travelDocumentIssue.rule).toMatch(/^5 working days from acceptance/);
    expect(limits.travelDocumentIssue.calendarBasis).toEqual([expect.stringContaining('AZ 2026')]);
    expect(limits.transfer).toMatchObject({
      dueDate: '2027-02-16',
      dueBy: new Date('2027-02-16T23:59:59+04:00'),
      rulebookVersion: '2026.1',
      calendarBasis: [],
    });
  });

  it("counts a requesting-state unit on the requesting state's calendar, not Azerbaijan's", () => {
    const rules = withLimit('transfer', { value: 3, unit: 'requesting-state-working-days' });
    const acceptedAt = new Date('2026-11-05T10:00:00+04:00'); // Thursday; 9 and 10 Nov are Azerbaijani days off
    // No German calendar loaded: Monday to Friday, so Fri 6 (1), Mon 9 (2), Tue 10 (3). Counted as Azerbaijani days it was 12 Nov.
    const weekdays = limitsOnAcceptance(rules, acceptedAt, book(), { requestingState: 'DE' }).transfer;
    expect(weekdays.dueDate).toBe('2026-11-10');
    expect(weekdays.calendarBasis).toEqual([expect.stringContaining('no calendar of DE for 2026')]);
    // With Germany's calendar loaded, its own day off counts: Fri 6 (1), Mon 9 off, Tue 10 (2), Wed 11 (3).
    const withDe = book();
    withDe.load({
      country: 'DE',
      year: 2026,
      status: 'official',
      source: 'test calendar',
      nonWorkingDays: [{ date: '2026-11-09', name: 'test day off' }],
    });
    const german = limitsOnAcceptance(rules, acceptedAt, withDe, { requestingState: 'DE' }).transfer;
    expect(german.dueDate).toBe('2026-11-11');
    expect(german.calendarBasis).toEqual([expect.stringContaining('official calendar of DE 2026')]);
  });

  it("counts an advance notice in the requesting state's working days when the rulebook says so", () => {
    const rules = withLimit('advanceNotice', { unit: 'requesting-state-working-days' });
    expect(earliestArrival(book(), new Date('2026-11-05T10:00:00+04:00'), rules, { requestingState: 'DE' }).dueDate).toBe('2026-11-10');
    expect(earliestArrival(book(), new Date('2026-11-05T10:00:00+04:00'), rulesOf('DE'), { requestingState: 'DE' }).dueDate).toBe(
      '2026-11-12',
    );
  });
});
