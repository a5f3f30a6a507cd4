import { WorkingCalendar, addCalendarDays, addMonths, addWorkingDays, bakuDate, endOfBakuDay } from '@readmission/agreements';
import { ReferralBody } from './config/bodies';
import { FOLLOW_UP_GRACE_DAYS, FOLLOW_UP_MONTHS } from './domain';

/**
 * A referral's due date: the body's default (config/bodies.json) counted from the Baku date it was sent, in
 * Azerbaijan's working days (official calendar) or calendar days; due at the end of that Baku day.
 */
export function referralDueBy(body: ReferralBody, sentAt: Date, calendar: WorkingCalendar): { dueOn: string; dueBy: Date; basis: string } {
  const start = bakuDate(sentAt);
  if (body.deadline.unit === 'working') {
    const { date, basis } = addWorkingDays(calendar, start, body.deadline.days);
    return { dueOn: date, dueBy: endOfBakuDay(date), basis: `${body.deadline.days} working days (${basis.join('; ')})` };
  }
  const date = addCalendarDays(start, body.deadline.days);
  return { dueOn: date, dueBy: endOfBakuDay(date), basis: `${body.deadline.days} calendar days` };
}

/** Follow-ups 3, 6 and 12 months after the Baku date of arrival; each overdue FOLLOW_UP_GRACE_DAYS later. */
export function followUpSchedule(arrivedAt: Date): { month: number; scheduledOn: string; dueBy: Date }[] {
  const arrival = bakuDate(arrivedAt);
  return FOLLOW_UP_MONTHS.map((month) => {
    const scheduledOn = addMonths(arrival, month);
    return { month, scheduledOn, dueBy: endOfBakuDay(addCalendarDays(scheduledOn, FOLLOW_UP_GRACE_DAYS)) };
  });
}
