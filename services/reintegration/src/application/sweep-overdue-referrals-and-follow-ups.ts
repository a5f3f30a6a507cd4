import { Injectable, Logger } from '@nestjs/common';
import { formatInstant } from '@readmission/agreements';
import { Clock, PeriodicSweep } from '@readmission/platform';
import { TimeLimitMachine, TimeLimitOutcome, TimeLimitStep, deadlineEventId } from '@readmission/time-limits';
import { FollowUps } from '../infrastructure/follow-ups.repository';
import { Referrals } from '../infrastructure/referrals.repository';
import { ReintegrationCases } from '../infrastructure/reintegration-cases.repository';
import { reintegrationMetrics } from './reintegration-metrics';

/** At most this many items of each kind per sweep (the oldest first); the rest wait for the next sweep. */
const BATCH = 1000;

/**
 * Referrals still open past their due date and follow-ups still scheduled past theirs, as `overdue` events on
 * the shared time-limit machine (claim, act, audit, count and log, resumable after a crash): each is noted in
 * its case's history, audited, counted and logged once, also with several instances sweeping. The item is
 * marked alerted only after its event ran, so that a crash part way leaves it for the next sweep to resume.
 */
@Injectable()
export class SweepOverdueReferralsAndFollowUps extends PeriodicSweep {
  protected readonly logger = new Logger(SweepOverdueReferralsAndFollowUps.name);

  constructor(
    private readonly referrals: Referrals,
    private readonly followUps: FollowUps,
    private readonly cases: ReintegrationCases,
    private readonly machine: TimeLimitMachine,
    private readonly clock: Clock,
  ) {
    super();
  }

  /** One pass; returns how many alerts this instance raised, for tests and logs. */
  async sweep(): Promise<{ referralsOverdue: number; followUpsOverdue: number }> {
    const now = this.clock.now();
    const done = { referralsOverdue: 0, followUpsOverdue: 0 };
    for (const r of await this.referrals.overdueNotAlerted(now, BATCH, { bodyCode: 1 })) {
      const step = this.referralOverdue(r.caseNumber, r._id, r.bodyCode, new Date(r.dueBy));
      if (await this.raise(step, () => this.referrals.markAlerted(r._id))) done.referralsOverdue += 1;
    }
    for (const f of await this.followUps.overdueNotAlerted(now, BATCH, { month: 1 })) {
      const step = this.followUpOverdue(f.caseNumber, f._id, f.month, new Date(f.dueBy));
      if (await this.raise(step, () => this.followUps.markAlerted(f._id))) done.followUpsOverdue += 1;
    }
    return done;
  }

  /**
   * Runs the event; once it is done (here or by another instance) the item leaves the sweep's query. True if this
   * run raised it. A failing item is logged and left for the next sweep, so that it does not hold up the others.
   */
  private async raise(step: TimeLimitStep, markAlerted: () => Promise<unknown>): Promise<boolean> {
    let outcome: TimeLimitOutcome;
    try {
      outcome = await this.machine.run(step);
    } catch (error) {
      this.logger.error(`${step.subject}: ${step.limit} ${step.event} not raised now, next sweep retries: ${(error as Error).message}`);
      return false;
    }
    if (outcome !== 'in-progress') await markAlerted();
    return outcome === 'acted';
  }

  private referralOverdue(caseNumber: string, referralId: string, bodyCode: string, dueBy: Date): TimeLimitStep {
    const step = { subject: referralId, limit: 'referral', event: 'overdue', dueBy };
    return {
      ...step,
      act: () => this.note(caseNumber, deadlineEventId(step), 'referral-overdue', { referralId, bodyCode, dueBy }),
      audit: {
        subject: caseNumber,
        action: 'referral-overdue',
        reason: `${bodyCode} did not complete referral ${referralId} by ${formatInstant(dueBy)}`,
        details: { referralId, bodyCode },
      },
      count: () => reintegrationMetrics.referralsOverdue.inc({ body: bodyCode }),
      log: { level: 'warn', message: `${caseNumber}: referral ${referralId} to ${bodyCode} overdue (due ${formatInstant(dueBy)})` },
    };
  }

  private followUpOverdue(caseNumber: string, followUpId: string, month: number, dueBy: Date): TimeLimitStep {
    const step = { subject: followUpId, limit: 'follow-up', event: 'overdue', dueBy };
    return {
      ...step,
      act: () => this.note(caseNumber, deadlineEventId(step), 'follow-up-overdue', { month, dueBy }),
      audit: {
        subject: caseNumber,
        action: 'follow-up-overdue',
        reason: `${month}-month follow-up not recorded by ${formatInstant(dueBy)}`,
        details: { month },
      },
      count: () => reintegrationMetrics.followUpsOverdue.inc({ month: String(month) }),
      log: { level: 'warn', message: `${caseNumber}: ${month}-month follow-up overdue` },
    };
  }

  /** The act of both events: a note in the case's history, once per event (guarded by its id). */
  private async note(caseNumber: string, eventId: string, event: string, details: Record<string, unknown>): Promise<void> {
    await this.cases.noteOnce(caseNumber, eventId, { at: this.clock.now(), event, by: 'system', details });
  }
}
