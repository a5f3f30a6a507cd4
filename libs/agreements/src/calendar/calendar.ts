import { addCalendarDays, isCalendarDate, isWeekend, yearOf } from './dates';

/**
 * One year's official calendar of one country, as data: the days off on weekdays, and the weekend days the
 * government declared working days (transfers). Azerbaijan's Cabinet of Ministers publishes one each year.
 */
export interface CalendarYear {
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  year: number;
  /** `official`: the government's published calendar; `derived`: computed from the law's rules, to be confirmed. */
  status: 'official' | 'derived';
  source: string;
  nonWorkingDays: { date: string; name: string }[];
  /** Saturdays or Sundays declared working days. */
  workingDays?: { date: string; name: string }[];
  /** The reference-data version this year's calendar is (set when read through libs/reference-data): named in every basis. */
  version?: string;
}

export class MissingCalendarError extends Error {
  constructor(
    readonly country: string,
    readonly year: number,
  ) {
    super(`no calendar of ${country} for ${year} is loaded: working days cannot be computed; load the official calendar for ${year}`);
  }
}

/** Checks a calendar year before it is used; returns the problems found (empty when valid). */
export function validateCalendarYear(input: unknown): string[] {
  const errors: string[] = [];
  const c = input as Partial<CalendarYear> | null;
  if (!c || typeof c !== 'object') return ['a calendar year must be an object'];
  if (typeof c.country !== 'string' || !/^[A-Z]{2}$/.test(c.country)) errors.push('country: an ISO 3166-1 alpha-2 code in upper case');
  if (!Number.isInteger(c.year) || (c.year as number) < 2000 || (c.year as number) > 2100)
    errors.push('year: a year between 2000 and 2100');
  if (c.status !== 'official' && c.status !== 'derived') errors.push('status: "official" or "derived"');
  if (typeof c.source !== 'string' || !c.source.trim()) errors.push('source: where the calendar comes from');
  const days = (list: unknown, field: string, weekendExpected: boolean) => {
    if (list === undefined && field === 'workingDays') return;
    if (!Array.isArray(list)) return errors.push(`${field}: a list of {date, name}`);
    const seen = new Set<string>();
    list.forEach((entry: { date?: unknown; name?: unknown }, i) => {
      const at = `${field}[${i}]`;
      if (typeof entry?.date !== 'string' || !isCalendarDate(entry.date)) return errors.push(`${at}.date: a date YYYY-MM-DD`);
      if (yearOf(entry.date) !== c.year) errors.push(`${at}.date: ${entry.date} is not in ${c.year}`);
      if (seen.has(entry.date)) errors.push(`${at}.date: ${entry.date} is listed twice`);
      seen.add(entry.date);
      if (isWeekend(entry.date) !== weekendExpected)
        errors.push(`${at}.date: ${entry.date} is ${weekendExpected ? 'not ' : ''}a Saturday or Sunday`);
      if (typeof entry?.name !== 'string' || !entry.name.trim()) errors.push(`${at}.name: what the day is`);
    });
  };
  // Days off that fall on a weekend change nothing, so listing them is a sign of a mistaken transfer.
  days(c.nonWorkingDays, 'nonWorkingDays', false);
  days(c.workingDays, 'workingDays', true);
  return errors;
}

/** Whether a day is worked, and in words which calendar said so. */
export interface WorkingCalendar {
  readonly country: string;
  /** Throws MissingCalendarError when the calendar must be official and the year is not loaded. */
  isWorkingDay(date: string): boolean;
  /** How a year's working days are known, e.g. "official calendar of AZ 2026" or "Monday to Friday (...)". */
  basisFor(year: number): string;
}

/** The result of a working-day computation with the calendars it relied on. */
export interface WorkingDayResult {
  date: string;
  basis: string[];
}

/** The `days`-th working day after `date` (the start day itself does not count). */
export function addWorkingDays(calendar: WorkingCalendar, date: string, days: number): WorkingDayResult {
  if (!Number.isInteger(days) || days < 1) throw new Error(`working days must be a whole number of at least 1, not ${days}`);
  let current = date;
  let counted = 0;
  const years = new Set<number>();
  while (counted < days) {
    current = addCalendarDays(current, 1);
    years.add(yearOf(current));
    if (calendar.isWorkingDay(current)) counted += 1;
  }
  return { date: current, basis: [...years].map((y) => calendar.basisFor(y)) };
}

/** The country calendars the platform knows: shipped ones plus those an operator loaded. */
export class CalendarBook {
  private readonly years = new Map<string, CalendarYear>();

  constructor(years: CalendarYear[] = []) {
    for (const year of years) this.load(year);
  }

  /** Adds or replaces one country's year, after validating it. */
  load(year: CalendarYear): void {
    const errors = validateCalendarYear(year);
    if (errors.length) throw new Error(`calendar ${year?.country} ${year?.year} is invalid: ${errors.join('; ')}`);
    this.years.set(`${year.country}:${year.year}`, year);
  }

  get(country: string, year: number): CalendarYear | undefined {
    return this.years.get(`${country}:${year}`);
  }

  list(): CalendarYear[] {
    return [...this.years.values()].sort((a, b) => a.country.localeCompare(b.country) || a.year - b.year);
  }

  /** A country's official calendar: a year not loaded fails loudly (used for Azerbaijan's time limits). */
  official(country: string): WorkingCalendar {
    return {
      country,
      isWorkingDay: (date) => {
        const year = this.get(country, yearOf(date));
        if (!year) throw new MissingCalendarError(country, yearOf(date));
        return isWorkedIn(year, date);
      },
      basisFor: (y) => describe(this.get(country, y), country, y),
    };
  }

  /**
   * A requesting state's working days (the accelerated procedure's submission limit): its official calendar for
   * the years loaded, Monday to Friday for the others, and the basis says which.
   */
  requestingState(country: string): WorkingCalendar {
    return {
      country,
      isWorkingDay: (date) => {
        const year = this.get(country, yearOf(date));
        return year ? isWorkedIn(year, date) : !isWeekend(date);
      },
      basisFor: (y) => {
        const year = this.get(country, y);
        return year
          ? describe(year, country, y)
          : `Monday to Friday: no calendar of ${country} for ${y} is loaded, its public holidays are not counted`;
      },
    };
  }
}

function isWorkedIn(year: CalendarYear, date: string): boolean {
  if (year.workingDays?.some((d) => d.date === date)) return true;
  if (isWeekend(date)) return false;
  return !year.nonWorkingDays.some((d) => d.date === date);
}

function describe(year: CalendarYear | undefined, country: string, y: number): string {
  if (!year) return `no calendar of ${country} for ${y}`;
  const named = `${country} ${y}${year.version ? ` version ${year.version}` : ''}`;
  return year.status === 'official'
    ? `official calendar of ${named} (${year.source})`
    : `calendar of ${named} derived from the law, not yet confirmed as official (${year.source})`;
}
