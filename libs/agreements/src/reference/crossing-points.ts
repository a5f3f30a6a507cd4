import { isCalendarDate } from '../calendar/dates';
import { RuleValue, ValueStatus } from '../rulebook/types';
import { JsonChecks } from './json-checks';

export const CROSSING_MODES = ['air', 'land', 'sea'] as const;
export type CrossingMode = (typeof CROSSING_MODES)[number];

/** One day with another capacity than the daily one (e.g. a holiday with fewer staff; 0 = closed). */
export interface DateCapacity {
  date: string;
  value: number;
  status: ValueStatus;
  source: string;
}

/** A border crossing point where Azerbaijan receives readmitted persons. */
export interface CrossingPoint {
  /** The code partners use in a transfer notice (`borderCrossingPoint`), e.g. GYD. */
  code: string;
  name: string;
  mode: CrossingMode;
  /** For a land or sea crossing: the neighbouring state across it (ISO 3166-1 alpha-2). */
  country?: string;
  /** Persons the point can receive per day. */
  dailyCapacity: RuleValue<number>;
  dateCapacity?: DateCapacity[];
}

/**
 * A border crossing point of a partner state where Azerbaijan hands over a person the partner agreed to readmit (the
 * code of an outgoing transfer notice, `readmission.request.transfer-notified.v1`). No capacity: that is the partner's.
 */
export interface PartnerCrossingPoint {
  /** `<country>-<point>`, e.g. DE-FRA. */
  code: string;
  /** The partner state (ISO 3166-1 alpha-2). */
  country: string;
  name: string;
  mode: CrossingMode;
  status: ValueStatus;
  source: string;
}

/** One version of the crossing points, as an operator loads it and as shipped. */
export interface CrossingPointsData {
  version: string;
  /** When this version starts to apply (RFC 3339): transfer notices judged from then on use it. */
  effectiveFrom: string;
  description: string;
  points: CrossingPoint[];
  /** The partner states' crossing points (optional: a version without them lets no outgoing transfer be notified). */
  partnerPoints?: PartnerCrossingPoint[];
}

const POINT_FIELDS = ['code', 'name', 'mode', 'country', 'dailyCapacity', 'dateCapacity'] as const;
const persons = (v: unknown) => (Number.isInteger(v) && (v as number) >= 0 ? undefined : 'a whole number of persons, 0 or more');

/** Checks a crossing-points version before it may take effect; every problem with its JSON path, empty when valid. */
export function validateCrossingPoints(input: unknown): string[] {
  const c = new JsonChecks();
  if (!c.obj(input)) return ['$: the crossing points must be a JSON object'];
  c.header(input);
  c.closed(input, '$', ['version', 'effectiveFrom', 'description', 'points', 'partnerPoints']);
  checkPartnerPoints(c, input.partnerPoints);
  if (!Array.isArray(input.points) || input.points.length === 0) {
    c.err('$.points', 'a non-empty list');
    return c.errors;
  }
  const codes = new Set<string>();
  input.points.forEach((p: unknown, i: number) => {
    const path = `$.points[${i}]`;
    if (!c.obj(p)) return c.err(path, 'an object');
    c.closed(p, path, POINT_FIELDS);
    if (typeof p.code !== 'string' || !/^[A-Z0-9-]{2,16}$/.test(p.code))
      c.err(`${path}.code`, 'upper-case letters, digits or "-", 2 to 16');
    else if (codes.has(p.code)) c.err(`${path}.code`, `${p.code} is listed twice`);
    else codes.add(p.code);
    c.text(p.name, `${path}.name`);
    if (!CROSSING_MODES.includes(p.mode as never)) c.err(`${path}.mode`, `one of ${CROSSING_MODES.join(', ')}`);
    if (p.country !== undefined && (typeof p.country !== 'string' || !/^[A-Z]{2}$/.test(p.country)))
      c.err(`${path}.country`, 'an ISO 3166-1 alpha-2 code in upper case');
    c.ruleValue(p.dailyCapacity, `${path}.dailyCapacity`, persons);
    if (p.dateCapacity === undefined) return;
    if (!Array.isArray(p.dateCapacity)) return c.err(`${path}.dateCapacity`, 'a list of {date, value, status, source}');
    const dates = new Set<string>();
    p.dateCapacity.forEach((d: unknown, j: number) => {
      const dp = `${path}.dateCapacity[${j}]`;
      if (!c.ruleValue(d, dp, persons)) return;
      c.closed(d, dp, ['date', 'value', 'status', 'source']);
      if (typeof d.date !== 'string' || !isCalendarDate(d.date)) c.err(`${dp}.date`, 'a date YYYY-MM-DD');
      else if (dates.has(d.date)) c.err(`${dp}.date`, `${d.date} is listed twice`);
      else dates.add(d.date);
    });
  });
  return c.errors;
}

const PARTNER_POINT_FIELDS = ['code', 'country', 'name', 'mode', 'status', 'source'] as const;

function checkPartnerPoints(c: JsonChecks, partnerPoints: unknown): void {
  if (partnerPoints === undefined) return;
  if (!Array.isArray(partnerPoints)) return c.err('$.partnerPoints', 'a list of {code, country, name, mode, status, source}');
  const codes = new Set<string>();
  partnerPoints.forEach((p: unknown, i: number) => {
    const path = `$.partnerPoints[${i}]`;
    if (!c.obj(p)) return c.err(path, 'an object');
    c.closed(p, path, PARTNER_POINT_FIELDS);
    if (typeof p.country !== 'string' || !/^[A-Z]{2}$/.test(p.country))
      c.err(`${path}.country`, 'an ISO 3166-1 alpha-2 code in upper case');
    if (typeof p.code !== 'string' || !/^[A-Z]{2}-[A-Z0-9-]{2,13}$/.test(p.code) || p.code.slice(0, 2) !== p.country)
      c.err(`${path}.code`, '<country>-<point>: the country code, "-", then upper-case letters, digits or "-" (e.g. DE-FRA)');
    else if (codes.has(p.code)) c.err(`${path}.code`, `${p.code} is listed twice`);
    else codes.add(p.code);
    c.text(p.name, `${path}.name`);
    if (!CROSSING_MODES.includes(p.mode as never)) c.err(`${path}.mode`, `one of ${CROSSING_MODES.join(', ')}`);
    c.status(p, path);
  });
}

/** The partner's crossing points in a version (none when the version lists none). */
export function partnerCrossingPoints(data: CrossingPointsData, partnerCode: string): PartnerCrossingPoint[] {
  return (data.partnerPoints ?? []).filter((p) => p.country === partnerCode);
}

export function crossingPoint(data: CrossingPointsData, code: string): CrossingPoint | undefined {
  return data.points.find((p) => p.code === code);
}

/** Persons a point can receive on a Baku date (its date capacity, else its daily one); undefined for an unknown point. */
export function capacityOn(data: CrossingPointsData, code: string, date: string): number | undefined {
  const point = crossingPoint(data, code);
  if (!point) return undefined;
  return point.dateCapacity?.find((d) => d.date === date)?.value ?? point.dailyCapacity.value;
}
