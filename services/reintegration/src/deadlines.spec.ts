import { CalendarBook, SHIPPED_CALENDARS } from '@readmission/agreements';
import { REFERRAL_BODIES, bodyByCode, validateBodies } from './config/bodies';
import { followUpSchedule, referralDueBy } from './deadlines';

describe('referral due dates and follow-up schedule', () => {
  const az = new CalendarBook(SHIPPED_CALENDARS).official('AZ');
  const sent = new Date('2026-11-24T10:00:00+04:00'); // a Tuesday

  it('counts Azerbaijani working days for a ministry (10 working days → Tuesday 8 Dec 2026, end of the Baku day)', () => {
    const due = referralDueBy(bodyByCode('MOH')!, sent, az);
    expect(due.dueOn).toBe('2026-12-08');
    expect(due.dueBy.toISOString()).toBe('2026-12-08T19:59:59.000Z');
    expect(due.basis).toMatch(/^10 working days \(.*calendar of AZ 2026/);
  });

  it('counts calendar days where the body is configured so (IOM: 30 calendar days)', () => {
    expect(referralDueBy(bodyByCode('IOM')!, sent, az)).toMatchObject({ dueOn: '2026-12-24', basis: '30 calendar days' });
  });

  it('starts from the Baku date of sending (late evening UTC is the next day in Baku)', () => {
    expect(referralDueBy(bodyByCode('IOM')!, new Date('2026-11-23T21:00:00Z'), az).dueOn).toBe('2026-12-24');
  });

  it('schedules follow-ups 3, 6 and 12 months after the Baku date of arrival, due 30 days after each', () => {
    const s = followUpSchedule(new Date('2026-08-31T10:00:00+04:00'));
    expect(s.map((f) => [f.month, f.scheduledOn])).toEqual([
      [3, '2026-11-30'],
      [6, '2027-02-28'],
      [12, '2027-08-31'],
    ]);
    expect(s[0].dueBy.toISOString()).toBe('2026-12-30T19:59:59.000Z');
  });

  it('ships the Working Group bodies and programme partners, and rejects a bad list', () => {
    expect(REFERRAL_BODIES.map((b) => b.code)).toEqual(['MOH', 'MLSPP', 'MOE', 'LEA', 'RESTART', 'IOM', 'CSO']);
    expect(() => validateBodies({ bodies: [{ code: 'X1', name: 'x', kind: 'ministry', deadline: { days: 0, unit: 'working' } }] })).toThrow(/days/);
    expect(() => validateBodies({ bodies: [{ code: 'X1', name: 'x', kind: 'ministry', deadline: { days: 3, unit: 'weeks' } }] })).toThrow(/unit/);
  });
});
