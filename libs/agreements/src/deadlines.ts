import { CalendarBook, addWorkingDays } from './calendar/calendar';
import { BAKU_OFFSET_MINUTES, addCalendarDays, addMonths, endOfDayAtOffset } from './calendar/dates';
import { TimeLimit, TimeLimitName } from './rulebook/types';

/** Where a time limit starts: a calendar date as seen at a UTC offset (Baku's unless the rule runs abroad). */
export interface ClockStartPoint {
  date: string;
  offsetMinutes?: number;
}

/** A computed time limit: the last instant it allows, and everything needed to explain it. */
export interface Deadline {
  name: TimeLimitName;
  /** The last day of the limit, and its last second at the start's offset. */
  dueDate: string;
  dueBy: Date;
  /** In words, e.g. "15 calendar days from acknowledgement (assumed: working-rules.md ...)". */
  rule: string;
  /** Which calendars the computation relied on (working days only). */
  calendarBasis: string[];
}

/**
 * Applies one time limit of the rulebook. The start day does not count (a limit of 2 days from Monday ends on
 * Wednesday); a limit ends at the last second of its last day. Working days are Azerbaijan's, except
 * `requesting-state-working-days`, which are the requesting state's (its calendar where loaded).
 */
export function computeDeadline(
  name: TimeLimitName,
  limit: TimeLimit,
  start: ClockStartPoint,
  calendars: CalendarBook,
  requestingState?: string,
): Deadline {
  const offset = start.offsetMinutes ?? BAKU_OFFSET_MINUTES;
  let dueDate: string;
  let calendarBasis: string[] = [];
  switch (limit.unit) {
    case 'calendar-days':
      dueDate = addCalendarDays(start.date, limit.value);
      break;
    case 'months':
      dueDate = addMonths(start.date, limit.value);
      break;
    case 'working-days': {
      const result = addWorkingDays(calendars.official('AZ'), start.date, limit.value);
      dueDate = result.date;
      calendarBasis = result.basis;
      break;
    }
    case 'requesting-state-working-days': {
      if (!requestingState) throw new Error(`${name} counts the requesting state's working days: the requesting state is needed`);
      const result = addWorkingDays(calendars.requestingState(requestingState), start.date, limit.value);
      dueDate = result.date;
      calendarBasis = result.basis;
      break;
    }
  }
  return {
    name,
    dueDate,
    dueBy: endOfDayAtOffset(dueDate, offset),
    rule: `${limit.value} ${limit.unit.replace(/-/g, ' ')} from ${limit.from.replace(/-/g, ' ')} (${limit.status}: ${limit.source})`,
    calendarBasis,
  };
}
