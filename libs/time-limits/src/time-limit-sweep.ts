import type { TimeLimitOutcome } from './time-limit-machine';
import { alertPointsReached } from './time-limit-step';

/**
 * A time limit with alerts before it, as a sweep sees it (the transfer time limit, the transit reply limit): what
 * differs from one limit to another; `sweepAlertedLimit` is the shape they share.
 */
export interface AlertedLimit<T> {
  /** The alert points before the limit, largest first (the largest sets how far ahead `due` looks), in `unitMs`. */
  points: readonly number[];
  /** The length of one point in milliseconds (a day: 86,400,000). */
  unitMs: number;
  /** The items whose limit falls due by `horizon`, passed ones included until `passed` settled them. */
  due(horizon: Date): Promise<T[]>;
  dueBy(item: T): Date;
  /** The alert `point` units before the limit: one TimeLimitMachine step. */
  alert(item: T, point: number, dueBy: Date): Promise<TimeLimitOutcome>;
  /** The limit passed: one TimeLimitMachine step, and whatever takes the item out of `due` once it is done. */
  passed(item: T, dueBy: Date): Promise<TimeLimitOutcome>;
}

/**
 * One pass over a limit's due items: each alert point reached while the limit runs, then its passing once it has
 * passed. Counts what this run acted on (an event another run did or holds is not counted).
 */
export async function sweepAlertedLimit<T>(now: Date, limit: AlertedLimit<T>): Promise<{ alerts: number; passed: number }> {
  const done = { alerts: 0, passed: 0 };
  for (const item of await limit.due(new Date(now.getTime() + limit.points[0] * limit.unitMs))) {
    const dueBy = limit.dueBy(item);
    if (now <= dueBy) {
      for (const point of alertPointsReached(dueBy, now, limit.points, limit.unitMs))
        done.alerts += (await limit.alert(item, point, dueBy)) === 'acted' ? 1 : 0;
    } else {
      done.passed += (await limit.passed(item, dueBy)) === 'acted' ? 1 : 0;
    }
  }
  return done;
}
