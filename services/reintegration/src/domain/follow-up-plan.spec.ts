import { CalendarBook, SHIPPED_CALENDARS } from '@readmission/agreements';
import { FOLLOW_UP_PLAN, earliestRecording, followUpSchedule } from './follow-up-plan';

describe('follow-up schedule', () => {
  const calendars = new CalendarBook(SHIPPED_CALENDARS);

  it('schedules follow-ups 3, 6 and 12 months after the Baku date of arrival, due 30 days after each', () => {
    const s = followUpSchedule(new Date('2026-08-31T10:00:00+04:00'), calendars);
    expect(s.map((f) => [f.month, f.scheduledOn])).toEqual([
      [3, '2026-11-30'],
      [6, '2027-02-28'],
      [12, '2027-08-31'],
    ]);
    expect(s[0].dueBy.toISOString()).toBe('2026-12-30T19:59:59.000Z');
  });

  it('records the rule of each date, in the units of the rulebook with status and source', () => {
    const [first] = followUpSchedule(new Date('2026-08-31T10:00:00+04:00'), calendars);
    expect(first.checkpoint).toMatchObject({
      dueDate: '2026-11-30',
      rule: '3 months from arrival (assumed: docs/rules.md#reintegration-follow-ups)',
    });
    expect(first.deadline).toMatchObject({
      dueDate: '2026-12-30',
      rule: expect.stringMatching(/^30 calendar days from follow up 3 months/),
    });
    expect(FOLLOW_UP_PLAN.checkpoints.every((p) => p.unit === 'months' && p.status && p.source)).toBe(true);
  });

  it('may be recorded from 14 days before its date', () => {
    expect(earliestRecording('2027-02-24')).toBe('2027-02-10');
  });
});
