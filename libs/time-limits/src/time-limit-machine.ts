import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { insertOnce } from '@readmission/persistence';
import { AuditTrail, Clock } from '@readmission/platform';
import { DeadlineEvent } from './deadline-event.schema';
import { TimeLimitStep, deadlineEventId } from './time-limit-step';

export const TIME_LIMIT_OPTIONS = Symbol('TIME_LIMIT_OPTIONS');

export interface TimeLimitOptions {
  /**
   * How long a claim belongs to the run that took it. A claim older than this, not done, is taken to be lost
   * (its process crashed) and the next sweep resumes it. Default 2 minutes: far above one act, far below any
   * time limit (hours or days).
   */
  resumeClaimsAfterMs: number;
}
export const DEFAULT_TIME_LIMIT_OPTIONS: TimeLimitOptions = { resumeClaimsAfterMs: 120_000 };

/** What a run did: `acted` (this run wrote the audit entry), `already-done`, or `in-progress` (another run holds the claim). */
export type TimeLimitOutcome = 'acted' | 'already-done' | 'in-progress';

/**
 * Runs one time-limit event as one resumable sequence: claim -> act -> audit -> count + log -> done.
 *
 * - claim: inserting the event's document (atomic on every store); a run that finds it `done` stops there.
 * - act: the step's effect, idempotent, so it may run again when a run is resumed.
 * - audit: an insert-once with the event's id; the run that wrote it counts and logs (right after, with no
 *   write in between, so only a crash that also loses the process's metrics can lose them).
 * - done: marks the claim. A crash anywhere before leaves it `claimed`: once the claim is older than
 *   `resumeClaimsAfterMs` the next sweep resumes it (act again, audit written or found, count + log once).
 *   A run whose act or audit throws hands its claim back at once, so the very next sweep retries it.
 *
 * Two live runs of one event: the second finds a fresh claim and leaves it (`in-progress`). Taking over a lost
 * claim is a conditional update, which FerretDB 1.x does not apply atomically: two sweeps resuming the same lost
 * claim at the same instant may both act (hence idempotent acts); the audit, count and log still happen once.
 */
@Injectable()
export class TimeLimitMachine {
  private readonly logger = new Logger(TimeLimitMachine.name);

  constructor(
    @InjectModel(DeadlineEvent.name) private readonly events: Model<DeadlineEvent>,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    @Inject(TIME_LIMIT_OPTIONS) private readonly options: TimeLimitOptions,
  ) {}

  async run(step: TimeLimitStep): Promise<TimeLimitOutcome> {
    const id = deadlineEventId(step);
    const claimedAt = await this.claim(id, step);
    if (typeof claimedAt === 'string') return claimedAt;
    try {
      await step.act();
      const wrote = await this.audit.record({
        actor: 'system',
        action: step.audit.action,
        subject: step.audit.subject ?? step.subject,
        reason: step.audit.reason,
        details: step.audit.details,
        id,
      });
      if (wrote) {
        step.count?.();
        this.logger[step.log.level](step.log.message);
      }
      await this.events.updateOne({ _id: id }, { $set: { state: 'done', doneAt: this.clock.now() } }).exec();
      return wrote ? 'acted' : 'already-done';
    } catch (error) {
      await this.release(id, claimedAt);
      throw error;
    }
  }

  /** The instant this run claimed the event at, or why it does not run it. */
  private async claim(id: string, step: TimeLimitStep): Promise<Date | 'already-done' | 'in-progress'> {
    const now = this.clock.now();
    let found = await this.events.findById(id, { state: 1, claimedAt: 1 }).lean().exec();
    if (!found) {
      const doc = {
        _id: id,
        subject: step.subject,
        limit: step.limit,
        event: step.event,
        dueBy: step.dueBy,
        state: 'claimed',
        claimedAt: now,
        attempts: 1,
      };
      if (await insertOnce(this.events, doc)) return now;
      found = await this.events.findById(id, { state: 1, claimedAt: 1 }).lean().exec();
      if (!found) return 'in-progress';
    }
    // A document without a state is a claim of the sweeps before this machine, which acted as they claimed.
    if (found.state !== 'claimed') return 'already-done';
    if (now.getTime() - new Date(found.claimedAt).getTime() < this.options.resumeClaimsAfterMs) return 'in-progress';
    const taken = await this.events
      .updateOne({ _id: id, state: 'claimed', claimedAt: found.claimedAt }, { $set: { claimedAt: now }, $inc: { attempts: 1 } })
      .exec();
    if (taken.matchedCount === 0) return 'in-progress';
    this.logger.warn(`${id}: resuming a claim taken at ${new Date(found.claimedAt).toISOString()} and not done`);
    return now;
  }

  /** Backdates this run's claim so that the next sweep resumes it without waiting (best effort: a lost claim is resumed anyway). */
  private async release(id: string, claimedAt: Date): Promise<void> {
    await this.events
      .updateOne({ _id: id, state: 'claimed', claimedAt }, { $set: { claimedAt: new Date(0) } })
      .exec()
      .catch((error: Error) =>
        this.logger.error(`${id}: claim not handed back (${error.message}); resumed after ${this.options.resumeClaimsAfterMs} ms`),
      );
  }
}
