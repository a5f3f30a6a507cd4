/**
 * Date-only arithmetic on `YYYY-MM-DD` strings, and Baku time. Deadlines are whole days in law, so dates stay
 * dates here (no time zone drift); instants appear only where a day starts or ends in a given offset.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Azerbaijan keeps UTC+04:00 all year (no daylight saving since 2016): the platform's official clock. */
export const BAKU_OFFSET_MINUTES = 240;

export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function toUtc(date: string): Date {
  if (!isCalendarDate(date)) throw new Error(`"${date}" is not a calendar date (YYYY-MM-DD)`);
  return new Date(`${date}T00:00:00Z`);
}

function fromUtc(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addCalendarDays(date: string, days: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** The same day number `months` later; a day the target month lacks becomes its last day (31 Aug + 6 months = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const d = toUtc(date);
  const targetMonth = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), targetMonth + 1, 0)).getUTCDate();
  return fromUtc(new Date(Date.UTC(d.getUTCFullYear(), targetMonth, Math.min(d.getUTCDate(), lastDay))));
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  return toUtc(date).getUTCDay();
}

export function isWeekend(date: string): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** The calendar date of an instant as seen at a UTC offset (minutes east of UTC). */
export function dateAtOffset(instant: Date, offsetMinutes: number): string {
  return fromUtc(new Date(instant.getTime() + offsetMinutes * 60_000));
}

/** The last second of a calendar date at a UTC offset, as an instant. */
export function endOfDayAtOffset(date: string, offsetMinutes: number): Date {
  return new Date(toUtc(date).getTime() + 86_399_000 - offsetMinutes * 60_000);
}

/** The offset written in an RFC 3339 instant (`Z`, `+04:00`, `-05:30`), in minutes east of UTC. */
export function offsetOfInstant(instant: string): number {
  const m = /(Z|([+-])(\d{2}):(\d{2}))$/i.exec(instant);
  if (!m) throw new Error(`"${instant}" has no UTC offset`);
  if (m[1].toUpperCase() === 'Z') return 0;
  return (m[2] === '-' ? -1 : 1) * (Number(m[3]) * 60 + Number(m[4]));
}

export function bakuDate(instant: Date): string {
  return dateAtOffset(instant, BAKU_OFFSET_MINUTES);
}

export function endOfBakuDay(date: string): Date {
  return endOfDayAtOffset(date, BAKU_OFFSET_MINUTES);
}

/** An instant as RFC 3339 at a given offset, to the second, e.g. 2026-12-09T23:59:59+04:00. */
export function formatInstant(instant: Date, offsetMinutes = BAKU_OFFSET_MINUTES): string {
  const local = new Date(instant.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
  if (offsetMinutes === 0) return `${local}Z`;
  const abs = Math.abs(offsetMinutes);
  return `${local}${offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
