/**
 * The reply time limit seen from a moment: how many hours are left and which alert level that is. Alert points
 * are hours before the limit, largest first (REPLY_ALERT_HOURS, e.g. 72,24).
 */
export function hoursLeft(replyDueBy: Date, now: Date): number {
  return (replyDueBy.getTime() - now.getTime()) / 3600_000;
}

/** `overdue` once the limit passed, else the smallest alert point reached (`24h`), else `none`. */
export function alertLevel(replyDueBy: Date, now: Date, points: readonly number[]): string {
  const left = hoursLeft(replyDueBy, now);
  if (left < 0) return 'overdue';
  return (
    points
      .filter((h) => left <= h)
      .pop()
      ?.toString()
      .concat('h') ?? 'none'
  );
}

/** The alert points reached by now while the limit has not passed yet (a passed limit is acted on instead). */
export function alertPointsReached(replyDueBy: Date, now: Date, points: readonly number[]): number[] {
  if (now > replyDueBy) return [];
  return points.filter((h) => now.getTime() >= replyDueBy.getTime() - h * 3600_000);
}
