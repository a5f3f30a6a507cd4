/**
 * Dates of birth. A partner may know only the year (`YYYY`) or the year and month (`YYYY-MM`); the registry
 * holds the full date. A partial date is compatible with every full date inside it; clerical errors (one day
 * off, day and month swapped) and typing errors (one digit, a year or month off by one) are recognised and
 * score less than agreement but more than a mismatch.
 */

export interface PartialDate {
  readonly year: number;
  readonly month?: number;
  readonly day?: number;
}

export type DatePrecision = 'day' | 'month' | 'year';

export type DateOfBirthAgreement =
  | 'exact'
  | 'compatible-month'
  | 'compatible-year'
  | 'clerical'
  | 'typo'
  | 'near-partial'
  | 'mismatch'
  | 'invalid';

/** Evidence each kind of agreement gives, in [0, 1]. */
export const DATE_OF_BIRTH_SCORES: Readonly<Record<DateOfBirthAgreement, number>> = {
  /** Same full date. */
  exact: 1,
  /** The partner gave YYYY-MM and the registry date lies in that month. */
  'compatible-month': 0.85,
  /** The partner gave YYYY and the registry date lies in that year. */
  'compatible-year': 0.7,
  /** One day off, or day and month swapped (1985-03-07 / 1985-07-03): a common clerical error. */
  clerical: 0.6,
  /** One digit wrong or two digits transposed in one field, or the year or month off by one. */
  typo: 0.45,
  /** A partial date one year (or one month) away from the registry date. */
  'near-partial': 0.3,
  mismatch: 0,
  /** Unparseable date on either side: no evidence. */
  invalid: 0,
};

export interface DateOfBirthComparison {
  readonly agreement: DateOfBirthAgreement;
  readonly score: number;
  readonly detail: string;
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/u;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. A month or day of `00` (used by some registries for "unknown")
 * lowers the precision. Returns undefined for anything else, including impossible dates (1985-02-30).
 */
export function parsePartialDate(value: string): PartialDate | undefined {
  const m = DATE.exec(value.trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  if (year < 1800 || year > 2200) return undefined;
  const month = m[2] === undefined ? 0 : Number(m[2]);
  const day = m[3] === undefined ? 0 : Number(m[3]);
  if (month > 12) return undefined;
  if (month === 0) return day === 0 ? { year } : undefined;
  if (day === 0) return { year, month };
  if (day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

export function precisionOf(d: PartialDate): DatePrecision {
  if (d.day !== undefined) return 'day';
  if (d.month !== undefined) return 'month';
  return 'year';
}

/** Same-length numeric fields differing by one digit or by two adjacent digits swapped. */
function oneDigitSlip(a: number, b: number, width: number): boolean {
  const x = String(a).padStart(width, '0');
  const y = String(b).padStart(width, '0');
  const diff: number[] = [];
  for (let i = 0; i < width; i++) if (x[i] !== y[i]) diff.push(i);
  if (diff.length === 1) return true;
  return diff.length === 2 && diff[1] === diff[0] + 1 && x[diff[0]] === y[diff[1]] && x[diff[1]] === y[diff[0]];
}

function fmt(d: PartialDate): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return d.day !== undefined
    ? `${d.year}-${p(d.month as number)}-${p(d.day)}`
    : d.month !== undefined
      ? `${d.year}-${p(d.month)}`
      : `${d.year}`;
}

function result(agreement: DateOfBirthAgreement, detail: string): DateOfBirthComparison {
  return { agreement, score: DATE_OF_BIRTH_SCORES[agreement], detail };
}

function compareFull(a: Required<PartialDate>, r: Required<PartialDate>): DateOfBirthComparison {
  const A = fmt(a);
  const R = fmt(r);
  if (A === R) return result('exact', `${A} = ${R}`);
  const days = Math.abs(Date.UTC(a.year, a.month - 1, a.day) - Date.UTC(r.year, r.month - 1, r.day)) / 86_400_000;
  if (days === 1) return result('clerical', `${A} vs ${R}: one day off`);
  if (a.year === r.year && a.day === r.month && a.month === r.day) {
    return result('clerical', `${A} vs ${R}: day and month swapped`);
  }
  const sameYear = a.year === r.year;
  const sameMonth = a.month === r.month;
  const sameDay = a.day === r.day;
  if (sameMonth && sameDay && Math.abs(a.year - r.year) === 1) return result('typo', `${A} vs ${R}: year off by one`);
  if (sameYear && sameDay && Math.abs(a.month - r.month) === 1) return result('typo', `${A} vs ${R}: month off by one`);
  const slip =
    (sameMonth && sameDay && oneDigitSlip(a.year, r.year, 4)) ||
    (sameYear && sameDay && oneDigitSlip(a.month, r.month, 2)) ||
    (sameYear && sameMonth && oneDigitSlip(a.day, r.day, 2));
  if (slip) return result('typo', `${A} vs ${R}: one digit wrong or two digits swapped`);
  return result('mismatch', `${A} vs ${R}: different dates`);
}

/**
 * Compares the applicant's date of birth (possibly partial) with the registry's. Either side may be
 * partial; the comparison is made at the coarser precision.
 */
export function compareDatesOfBirth(applicant: string, registry: string): DateOfBirthComparison {
  const a = parsePartialDate(applicant);
  const r = parsePartialDate(registry);
  if (!a || !r) {
    return result('invalid', `cannot compare '${applicant}' with '${registry}': not a YYYY[-MM[-DD]] date`);
  }
  const pa = precisionOf(a);
  const pr = precisionOf(r);
  if (pa === 'day' && pr === 'day') return compareFull(a as Required<PartialDate>, r as Required<PartialDate>);
  const A = fmt(a);
  const R = fmt(r);
  if (pa !== 'year' && pr !== 'year') {
    const ma = a.year * 12 + (a.month as number);
    const mr = r.year * 12 + (r.month as number);
    if (ma === mr) return result('compatible-month', `${A} is compatible with ${R} (month precision)`);
    if (Math.abs(ma - mr) === 1 || (a.month === r.month && Math.abs(a.year - r.year) === 1)) {
      return result('near-partial', `${A} vs ${R}: one month or one year off (month precision)`);
    }
    return result('mismatch', `${A} vs ${R}: different months`);
  }
  if (a.year === r.year) return result('compatible-year', `${A} is compatible with ${R} (year precision)`);
  if (Math.abs(a.year - r.year) === 1 || oneDigitSlip(a.year, r.year, 4)) {
    return result('near-partial', `${A} vs ${R}: year off by one or mistyped (year precision)`);
  }
  return result('mismatch', `${A} vs ${R}: different years`);
}
