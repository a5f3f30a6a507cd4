import { NamePart, nameTokens } from '@readmission/identity';
import { VerificationStatus } from './verification-case';

/** The officers' work queue asked for: filters (all optional) and a page, sorted by the reply falling due first. */
export interface WorkQueueSearch {
  status?: VerificationStatus;
  partner?: string;
  agreement?: string;
  /** An alert level as the queue shows it: `overdue`, `<h>h` for an alert point (e.g. `24h`), `none`. */
  alert?: string;
  /** Any of the person's names (surname, given names, previous surnames, aliases) in any spelling. */
  name?: string;
  caseNumber?: string;
  partnerReference?: string;
  page: number;
  pageSize: number;
}

/**
 * The keys a person is found by: every skeleton of every name token (libs/identity: Məmmədov, Mammadov, Mamedov and
 * Мамедов share one), surnames read as surnames, given names as given names, aliases as both. Stored on the case
 * (indexed), so that a search by name is an index lookup and not a scan.
 */
export function personNameKeys(person: { surname: string; givenNames: string; previousSurnames?: string[]; aliases?: string[] }): string[] {
  const keys = new Set<string>();
  const add = (raw: string, parts: NamePart[]) =>
    parts.forEach((part) => nameTokens(raw, part).forEach((t) => t.skeletons.forEach((s) => s && keys.add(s))));
  [person.surname, ...(person.previousSurnames ?? [])].forEach((n) => add(n, ['surname']));
  add(person.givenNames, ['given']);
  (person.aliases ?? []).forEach((n) => add(n, ['surname', 'given']));
  return [...keys];
}

/** What a name typed by an officer must match: per token, any of its skeletons (as a surname or a given name). */
export function nameQueryKeys(name: string): string[][] {
  const surnames = nameTokens(name, 'surname');
  const given = nameTokens(name, 'given');
  return given
    .map((t, i) => [...new Set([...t.skeletons, ...(surnames[i]?.skeletons ?? [])])].filter(Boolean))
    .filter((alternatives) => alternatives.length > 0);
}

/** The alert levels the queue can show with REPLY_ALERT_HOURS (largest first), for the filter's choices. */
export function alertLevels(points: readonly number[]): string[] {
  return ['overdue', ...[...points].sort((a, b) => a - b).map((h) => `${h}h`), 'none'];
}

/**
 * The reply time limits (replyDueBy) that show an alert level at `now` (the inverse of alertLevel): `overdue`
 * before now; `24h` from now to 24 h; `72h` from 24 h (excluded) to 72 h; `none` after the largest point.
 */
export function replyDueWindow(
  alert: string,
  now: Date,
  points: readonly number[],
): { from?: Date; fromExclusive?: boolean; to?: Date; toExclusive?: boolean } | undefined {
  const at = (hours: number) => new Date(now.getTime() + hours * 3600_000);
  const ascending = [...points].sort((a, b) => a - b);
  if (alert === 'overdue') return { to: now, toExclusive: true };
  if (alert === 'none') return { from: at(ascending.at(-1) ?? 0), fromExclusive: true };
  const index = ascending.findIndex((h) => `${h}h` === alert);
  if (index < 0) return undefined;
  return index === 0
    ? { from: now, to: at(ascending[0]) }
    : { from: at(ascending[index - 1]), fromExclusive: true, to: at(ascending[index]) };
}
