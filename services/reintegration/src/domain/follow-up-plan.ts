import { CalendarBook, Deadline, Period, addCalendarDays, bakuDate, computeSchedule } from '@readmission/agreements';

export type FollowUpStatus = 'scheduled' | 'recorded' | 'cancelled';

const SOURCE = 'docs/rules.md#reintegration-follow-ups';

/**
 * When a returnee is followed up, as data in the units of the rulebook (each with how sure it is and where it
 * comes from): the Reintegration Working Group measures whether a reintegration holds 3, 6 and 12 months after
 * arrival; a follow-up may be recorded from 14 days before its date and is overdue 30 calendar days after it
 * (working defaults of the platform).
 */
export const FOLLOW_UP_PLAN: { checkpoints: Period[]; grace: Period; early: Period } = {
  checkpoints: [3, 6, 12].map((value): Period => ({ value, unit: 'months', from: 'arrival', status: 'assumed', source: SOURCE })),
  grace: { value: 30, unit: 'calendar-days', status: 'assumed', source: SOURCE },
  early: { value: 14, unit: 'calendar-days', status: 'assumed', source: SOURCE },
};

/** The follow-up months, as in the follow-ups' ids (`<case>:M3`) and the statistics. */
export const FOLLOW_UP_MONTHS: number[] = FOLLOW_UP_PLAN.checkpoints.map((p) => p.value);

export interface ScheduledFollowUp {
  month: number;
  scheduledOn: string;
  /** The end of the grace period: recorded later, the follow-up is overdue. */
  dueBy: Date;
  /** Both computed limits, with their rules. */
  checkpoint: Deadline;
  deadline: Deadline;
}

/** Follow-ups counted from the Baku date of arrival (31 Aug + 6 months = 28 Feb), each overdue at the end of its grace. */
export function followUpSchedule(arrivedAt: Date, calendars: CalendarBook): ScheduledFollowUp[] {
  return computeSchedule('follow-up', FOLLOW_UP_PLAN.checkpoints, FOLLOW_UP_PLAN.grace, { date: bakuDate(arrivedAt) }, calendars).map(
    (c) => ({
      month: c.period.value,
      scheduledOn: c.due.dueDate,
      dueBy: c.graceEnds.dueBy,
      checkpoint: c.due,
      deadline: c.graceEnds,
    }),
  );
}

/**
 * The first Baku date a follow-up may be recorded on (the early window is counted back in calendar days). Not a
 * deadline: the follow-up's deadlines come from computeSchedule above; this only opens the window before one.
 */
export function earliestRecording(scheduledOn: string): string {
  return addCalendarDays(scheduledOn, -FOLLOW_UP_PLAN.early.value);
}
