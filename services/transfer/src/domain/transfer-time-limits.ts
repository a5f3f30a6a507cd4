import { AgreementRules, TimeLimit, WorkingCalendar, addCalendarDays, addMonths, addWorkingDays, bakuDate, endOfBakuDay } from '@readmission/agreements';

export const DAY_MS = 86_400_000;

/** A time limit of the rulebook applied to a Baku date. */
export function addLimit(calendar: WorkingCalendar, date: string, limit: TimeLimit): string {
  if (limit.unit === 'months') return addMonths(date, limit.value);
  if (limit.unit === 'calendar-days') return addCalendarDays(date, limit.value);
  return addWorkingDays(calendar, date, limit.value).date;
}

/** The limits that start with the acceptance: the travel document's issue and the transfer itself (end of the Baku day). */
export function limitsOnAcceptance(rules: AgreementRules, acceptedAt: Date, calendar: WorkingCalendar): { issueDueBy: Date; transferDueBy: Date } {
  const acceptDay = bakuDate(acceptedAt);
  return {
    issueDueBy: endOfBakuDay(addLimit(calendar, acceptDay, rules.timeLimits.travelDocumentIssue)),
    transferDueBy: endOfBakuDay(addLimit(calendar, acceptDay, rules.timeLimits.transfer)),
  };
}

/** The alert points (days before the limit) whose moment has come at `now`, for a limit not yet passed. */
export function alertsDue(now: Date, dueBy: Date, daysBefore: number[]): number[] {
  return daysBefore.filter((days) => now.getTime() >= dueBy.getTime() - days * DAY_MS);
}

/** A confirmed transfer planned to arrive before this instant should have been closed at the border by now. */
export function unclosedIfArrivedBefore(now: Date): Date {
  return new Date(now.getTime() - DAY_MS);
}
