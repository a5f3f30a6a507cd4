import { CalendarBook, WorkingDayResult, addWorkingDays } from './calendar/calendar';
import { BAKU_OFFSET_MINUTES, addCalendarDays, addMonths, endOfDayAtOffset } from './calendar/dates';
import { LimitUnit, ValueStatus } from './rulebook/types';

/**
 * A length of time as data, in one of the units the rulebook knows: a time limit of an agreement, a referral
 * body's deadline, a follow-up interval. How sure the figure is (`status`) and where it comes from (`source`)
 * travel with it into every deadline computed from it. (The rulebook's TimeLimit is a Period.)
 */
export interface Period {
  value: number;
  unit: LimitUnit;
  /** The event it runs from, for the rule in words (e.g. `receipt`, `referral`, `arrival`). */
  from?: string;
  status: ValueStatus;
  source: string;
}

/** Where a time limit starts: a calendar date as seen at a UTC offset (Baku's unless the rule runs abroad). */
export interface ClockStartPoint {
  date: string;
  offsetMinutes?: number;
}

export interface DeadlineOptions {
  /** ISO 3166-1 alpha-2 code of the requesting state: needed by `requesting-state-working-days`. */
  requestingState?: string;
  /** The version of the rulebook (or reference data) the period was taken from, recorded on the deadline. */
  rulebookVersion?: string;
  /**
   * ISO 3166-1 alpha-2 code of the requested state when it is not Azerbaijan (Azerbaijan's own requests to a
   * partner): `working-days` are then that state's (its calendar where loaded, Monday to Friday otherwise).
   */
  requestedState?: string;
}

/** A computed time limit: the last instant it allows, and everything needed to explain it. */
export interface Deadline {
  name: string;
  /** The last day of the limit, and its last second at the start's offset. */
  dueDate: string;
  dueBy: Date;
  /** In words, e.g. "15 calendar days from receipt (assumed: EU-AZ Art. 11(2))". */
  rule: string;
  /** The rulebook version the period came from, when the caller named it. */
  rulebookVersion?: string;
  /** Which calendars the computation relied on, year by year (working days only; empty for calendar days and months). */
  calendarBasis: string[];
}

/**
 * The one deadline calculator: applies a period to a start date. The start day does not count (2 days from
 * Monday end on Wednesday); a limit ends at the last second of its last day at the start's offset.
 * - `calendar-days`: every day counts, holidays included;
 * - `working-days`: the requested state's: Azerbaijan's official calendar (a year not loaded fails loudly:
 *   MissingCalendarError), or, for Azerbaijan's own requests (`requestedState`), the partner's calendar where loaded
 *   and Monday to Friday otherwise;
 * - `requesting-state-working-days`: the requesting state's official calendar for the years loaded, Monday to
 *   Friday for the others, and `calendarBasis` says which;
 * - `months`: the same day number, or the last day of a shorter month (31 Aug + 6 months = 28/29 Feb).
 *
 * `options` may still be the requesting state's code alone (the form of the callers written before options).
 */
export function computeDeadline(
  name: string,
  period: Period,
  start: ClockStartPoint,
  calendars: CalendarBook,
  options: DeadlineOptions | string = {},
): Deadline {
  const { requestingState, rulebookVersion, requestedState } =
    typeof options === 'string' ? { requestingState: options, rulebookVersion: undefined, requestedState: undefined } : options;
  if (!Number.isInteger(period.value) || period.value < 0)
    throw new Error(`${name}: a period is a whole number of at least 0, not ${period.value}`);
  const { date: dueDate, basis: calendarBasis } = lastDay(name, period, start.date, calendars, requestingState, requestedState);
  const from = period.from ? ` from ${period.from.replace(/-/g, ' ')}` : '';
  return {
    name,
    dueDate,
    dueBy: endOfDayAtOffset(dueDate, start.offsetMinutes ?? BAKU_OFFSET_MINUTES),
    rule: `${period.value} ${period.unit.replace(/-/g, ' ')}${from} (${period.status}: ${period.source})`,
    ...(rulebookVersion ? { rulebookVersion } : {}),
    calendarBasis,
  };
}

function lastDay(
  name: string,
  period: Period,
  date: string,
  calendars: CalendarBook,
  requestingState?: string,
  requestedState?: string,
): WorkingDayResult {
  switch (period.unit) {
    case 'calendar-days':
      return { date: addCalendarDays(date, period.value), basis: [] };
    case 'months':
      return { date: addMonths(date, period.value), basis: [] };
    case 'working-days':
      if (requestedState && requestedState !== 'AZ') return addWorkingDays(calendars.requestingState(requestedState), date, period.value);
      return addWorkingDays(calendars.official('AZ'), date, period.value);
    case 'requesting-state-working-days':
      if (!requestingState) throw new Error(`${name} counts the requesting state's working days: the requesting state is needed`);
      return addWorkingDays(calendars.requestingState(requestingState), date, period.value);
    default:
      throw new Error(`${name}: unknown unit ${(period as { unit: string }).unit}`);
  }
}

/** One checkpoint of a schedule: the day it falls on, and the end of its grace period (after which it is overdue). */
export interface Checkpoint {
  name: string;
  period: Period;
  due: Deadline;
  graceEnds: Deadline;
}

/**
 * A schedule of checkpoints counted from one start (e.g. follow-ups 3, 6 and 12 months after arrival), each
 * overdue once `grace` has run from its day. Every date is a computeDeadline, so each records its rule.
 */
export function computeSchedule(
  name: string,
  checkpoints: Period[],
  grace: Period,
  start: ClockStartPoint,
  calendars: CalendarBook,
  options: DeadlineOptions = {},
): Checkpoint[] {
  return checkpoints.map((period) => {
    const checkpoint = `${name}-${period.value}-${period.unit}`;
    const due = computeDeadline(checkpoint, period, start, calendars, options);
    const graceEnds = computeDeadline(
      `${checkpoint}-grace`,
      { ...grace, from: grace.from ?? checkpoint },
      { date: due.dueDate, offsetMinutes: start.offsetMinutes },
      calendars,
      options,
    );
    return { name: checkpoint, period, due, graceEnds };
  });
}
