import {
  CalendarYear,
  CrossingPointsData,
  ReferralBodiesData,
  Rulebook,
  RulebookData,
  RulebookInvalidError,
  validateCalendarYear,
  validateCrossingPoints,
  validateReferralBodies,
} from '@readmission/agreements';

/** The kinds of reference data, each a series of immutable versions per key. */
export const REFERENCE_DATA_KINDS = ['rulebook', 'calendar', 'crossing-points', 'referral-bodies'] as const;
export type Kind = (typeof REFERENCE_DATA_KINDS)[number];

/** The document one version of each kind holds (libs/agreements defines and validates them). */
export interface KindData {
  rulebook: RulebookData;
  calendar: CalendarYear;
  'crossing-points': CrossingPointsData;
  'referral-bodies': ReferralBodiesData;
}

/** The key of a kind with one series: Azerbaijan's rulebook, crossing points, referral bodies. */
export const AZERBAIJAN = 'AZ';

interface KindRules<K extends Kind> {
  /** Every problem of a document as `<JSON path>: <what is expected>`; empty when valid. */
  validate(data: unknown): string[];
  /** Which series a (valid) document belongs to. */
  keyOf(data: KindData[K]): string;
  /** The version and start the document names itself; a calendar names neither (given when it is loaded). */
  versionOf?(data: KindData[K]): string;
  effectiveFromOf?(data: KindData[K]): string;
}

const header = { versionOf: (d: { version: string }) => d.version, effectiveFromOf: (d: { effectiveFrom: string }) => d.effectiveFrom };

export const KIND_RULES: { [K in Kind]: KindRules<K> } = {
  rulebook: { validate: validateRulebookDocument, keyOf: () => AZERBAIJAN, ...header },
  // validateCalendarYear names fields without the leading `$.`.
  calendar: {
    validate: (d) => validateCalendarYear(d).map((e) => (e.startsWith('$') ? e : `$.${e}`)),
    keyOf: (d) => `${d.country}:${d.year}`,
  },
  'crossing-points': { validate: validateCrossingPoints, keyOf: () => AZERBAIJAN, ...header },
  'referral-bodies': { validate: validateReferralBodies, keyOf: () => AZERBAIJAN, ...header },
};

export function isKind(value: string): value is Kind {
  return (REFERENCE_DATA_KINDS as readonly string[]).includes(value);
}

function validateRulebookDocument(data: unknown): string[] {
  try {
    Rulebook.from(data);
    return [];
  } catch (error) {
    if (error instanceof RulebookInvalidError) return error.errors;
    throw error;
  }
}

/** `"$.points[0].code: a non-empty string"` → `{ path: '$.points[0].code', message: 'a non-empty string' }`. */
export function problemsByPath(errors: string[]): { path: string; message: string }[] {
  return errors.map((e) => {
    const at = e.indexOf(': ');
    return at < 0 ? { path: '$', message: e } : { path: e.slice(0, at), message: e.slice(at + 2) };
  });
}
