import { RuleValue, TransferExtension, addCalendarDays, bakuDate, endOfBakuDay } from '@readmission/agreements';

/**
 * A legal obstacle to the transfer as the partner stated it: a remedy with suspensive effect pending (asylum
 * application, appeal, other remedy) or removal suspended, from the day it stood (`from`, the partner's `since`) to the
 * day it was lifted (`until`, the partner's `on`), Baku dates. docs/rules.md#transfer-time-limit.
 */
export interface Obstacle {
  kind: string;
  from: string;
  until: string;
  /** The partner message that lifted it: an obstacle is counted once. */
  messageId: string;
}

const DAY_MS = 86_400_000;
const days = (from: string, until: string) => Math.round((Date.parse(`${until}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/**
 * The days the transfer time limit is extended by for these obstacles: the days they stood after the acceptance
 * (before it the limit was not running), overlapping obstacles counted once (an appeal pending while an asylum
 * application also is stops the clock once, not twice).
 */
export function obstacleDays(obstacles: Pick<Obstacle, 'from' | 'until'>[], acceptanceDate: string): number {
  const spans = obstacles
    .map((o) => ({ from: o.from < acceptanceDate ? acceptanceDate : o.from, until: o.until }))
    .filter((o) => o.until > o.from)
    .sort((a, b) => a.from.localeCompare(b.from));
  let total = 0;
  let reached = '';
  for (const s of spans) {
    const from = reached > s.from ? reached : s.from;
    if (s.until > from) total += days(from, s.until);
    if (s.until > reached) reached = s.until;
  }
  return total;
}

/**
 * The transfer time limit once `added` is lifted: the current limit moved by the days the obstacle adds to those
 * already counted (`counted`), or unchanged when the agreement allows no extension (`none`: the obstacle only kept the
 * case from expiring while it stood).
 */
export function limitAfterObstacle(
  current: Date,
  counted: Obstacle[],
  added: Obstacle,
  acceptedAt: Date,
  extension: 'none' | 'while-obstacles-last',
): { transferDueBy: Date; days: number } {
  if (extension === 'none') return { transferDueBy: current, days: 0 };
  const accepted = bakuDate(acceptedAt);
  const more = obstacleDays([...counted, added], accepted) - obstacleDays(counted, accepted);
  return { transferDueBy: more > 0 ? endOfBakuDay(addCalendarDays(bakuDate(current), more)) : current, days: more };
}

/**
 * What the partner is told when a lifted obstacle extends the transfer time limit (transfer.time-limit-extended): the
 * obstacle, the days it added, the new last day and the article that extends the limit while obstacles last.
 */
export function obstacleExtensionReason(
  obstacle: Pick<Obstacle, 'kind' | 'from' | 'until'>,
  extension: { days: number; previous: Date; transferDueBy: Date },
  agreement: string,
  rule: RuleValue<TransferExtension>,
): string {
  const what = obstacle.kind === 'removal-suspended' ? 'The suspension of removal' : `The ${obstacle.kind.replace(/-/g, ' ')}`;
  const to = bakuDate(extension.transferDueBy);
  return `${what} standing from ${obstacle.from} to ${obstacle.until} was a legal obstacle to the transfer: the transfer time limit is extended by the ${extension.days} days it stood after the acceptance, from ${bakuDate(extension.previous)} to ${to} (${agreement}, ${rule.source}, ${rule.status}). Notify the transfer for an arrival on or before ${to}.`;
}
