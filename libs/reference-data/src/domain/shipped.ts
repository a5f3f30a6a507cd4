import { createHash } from 'crypto';
import { SHIPPED_CALENDARS, SHIPPED_CROSSING_POINTS, SHIPPED_REFERRAL_BODIES, SHIPPED_RULEBOOKS } from '@readmission/agreements';
import { KIND_RULES, Kind, KindData } from './kinds';
import { ReferenceDataVersion } from './version';

/** Shipped calendars name no start: they apply from before any readmission agreement of Azerbaijan. */
const SHIPPED_CALENDARS_FROM = '2014-01-01T00:00:00+04:00';

function shipped<K extends Kind>(kind: K, data: KindData[K]): ReferenceDataVersion<K> {
  const rules = KIND_RULES[kind];
  const errors = rules.validate(data);
  if (errors.length) throw new Error(`shipped ${kind} is invalid: ${errors.join('; ')}`);
  // A calendar file carries no version: its content names it, so a changed file is another version.
  const version = rules.versionOf?.(data) ?? `shipped-${createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 8)}`;
  const effectiveFrom = new Date(rules.effectiveFromOf?.(data) ?? SHIPPED_CALENDARS_FROM);
  return { kind, key: rules.keyOf(data), version, effectiveFrom, loadedAt: effectiveFrom, loadedBy: 'shipped', data };
}

/**
 * The versions that come with the build (libs/agreements/data). Every instance starts from them; they are not
 * stored, so that a newer build's files always take their place.
 */
export const SHIPPED_VERSIONS: ReferenceDataVersion[] = [
  ...SHIPPED_RULEBOOKS.map((d) => shipped('rulebook', d)),
  ...SHIPPED_CALENDARS.map((d) => shipped('calendar', d)),
  ...SHIPPED_CROSSING_POINTS.map((d) => shipped('crossing-points', d)),
  ...SHIPPED_REFERRAL_BODIES.map((d) => shipped('referral-bodies', d)),
];
