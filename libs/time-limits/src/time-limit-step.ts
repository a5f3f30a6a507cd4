/** One event of one time limit, as a sweep hands it to the TimeLimitMachine. */
export interface TimeLimitStep {
  /** The case number, transfer id or referral id the limit belongs to. */
  subject: string;
  /** Which time limit: 'reply', 'interview', 'travel-document', 'transfer', 'referral', 'follow-up'... */
  limit: string;
  /** e.g. 'alert-72h', 'deemed-acceptance', 'overdue', 'expired', 'not-closed'. */
  event: string;
  dueBy: Date;
  /**
   * The effect. It MUST be idempotent: a run resumed after a crash runs it again. Use conditional updates
   * (filter on the state the effect leaves) or insert-once writes, never a bare $push or $inc.
   */
  act(): Promise<void>;
  /** The audit entry, written once with the event's id. `subject` defaults to the step's (e.g. set the case of a referral). */
  audit: { action: string; reason: string; details?: Record<string, unknown>; subject?: string };
  /** A metric, called once: by the run that wrote the audit entry. */
  count?: () => void;
  /** Logged once, by the run that wrote the audit entry. Identifiers only, never personal data. */
  log: { level: 'log' | 'warn' | 'error'; message: string };
}

/** The event's id, which is also its audit entry's id: `<subject>:<event>:<dueBy ISO>`. */
export function deadlineEventId(step: Pick<TimeLimitStep, 'subject' | 'event' | 'dueBy'>): string {
  return `${step.subject}:${step.event}:${step.dueBy.toISOString()}`;
}

/**
 * The alert points (hours before a limit, or other units of `unitMs` milliseconds) reached by now while the limit has not passed
 * yet (a passed limit is acted on instead).
 */
export function alertPointsReached(dueBy: Date, now: Date, points: readonly number[], unitMs = 3_600_000): number[] {
  if (now > dueBy) return [];
  return points.filter((point) => now.getTime() >= dueBy.getTime() - point * unitMs);
}
