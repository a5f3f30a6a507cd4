/** Azerbaijan keeps UTC+04:00 all year (no daylight saving since 2016): the platform's official clock. */
const OFFSET_MS = 4 * 3600_000;

/** An instant as RFC 3339 in Baku time, e.g. 2026-12-09T23:59:59+04:00. */
export function bakuInstant(date: Date): string {
  return new Date(date.getTime() + OFFSET_MS).toISOString().replace(/\.\d{3}Z$/, '+04:00');
}

/** The last second of the Baku calendar day that falls `days` calendar days after the instant's Baku date. */
export function endOfBakuDayAfter(instant: Date, days: number): Date {
  const local = new Date(instant.getTime() + OFFSET_MS);
  const end = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + days, 23, 59, 59);
  return new Date(end - OFFSET_MS);
}
