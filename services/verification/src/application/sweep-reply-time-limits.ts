import { Injectable, Logger } from '@nestjs/common';
import { formatInstant } from '@readmission/agreements';
import { Stored } from '@readmission/persistence';
import { Clock, PeriodicSweep } from '@readmission/platform';
import { TimeLimitMachine, TimeLimitStep, deadlineEventId } from '@readmission/time-limits';
import { alertPointsReached } from '../domain/reply-time-limit';
import { RUNNING_STATUSES } from '../domain/verification-case';
import { VerificationCase } from '../infrastructure/verification-case.schema';
import { VerificationCases } from '../infrastructure/verification-cases.repository';
import { DecideCase } from './decide-case';
import { startReplyAlertSeries, verificationMetrics } from './verification-metrics';
import { VerificationSettings } from '../settings';

type Due = Pick<Stored<VerificationCase>, '_id' | 'partnerCode' | 'replyDueBy' | 'agreementRules' | 'assessment' | 'agreement'>;
type InReview = Pick<Stored<VerificationCase>, '_id' | 'proposal' | 'agreement' | 'status'>;

/**
 * The reply time limit as events on the shared time-limit machine (claim, act, audit, count and log, resumable
 * after a crash): alerts before it falls due, then a deemed acceptance where the agreement says silence is
 * acceptance, or overdue and escalated where it does not. Every act is idempotent: a case write guarded by the
 * event's id in `appliedIds` (or by its status), and the decision insert-once (DecideCase). An extension moves
 * `replyDueBy`, which names new events: the alert points are armed again.
 *
 * Before those, the prima facie review window (docs/rules.md#prima-facie-evidence-and-the-burden-of-proof): a
 * proposal to accept on prima facie evidence that no officer contested when its window closed is accepted by the
 * platform (`basis: prima-facie`, taking effect when the window closed, never after the reply time limit).
 */
@Injectable()
export class SweepReplyTimeLimits extends PeriodicSweep {
  protected readonly logger = new Logger(SweepReplyTimeLimits.name);
  private readonly points: readonly number[];

  constructor(
    private readonly cases: VerificationCases,
    private readonly machine: TimeLimitMachine,
    private readonly decide: DecideCase,
    private readonly clock: Clock,
    settings: VerificationSettings,
  ) {
    super();
    this.points = settings.REPLY_ALERT_HOURS;
    startReplyAlertSeries(this.points);
  }

  /**
   * One pass over the cases whose next point has come: undecided ones, and those whose limit was acted on by a run
   * that did not finish (a crash after the act): they stay in the query until `replyLimitHandled` is set, after the
   * machine reports the event done. Returns what it did, for tests and logs.
   */
  async sweep(): Promise<{ alerts: number; deemed: number; overdue: number; primaFacie: number }> {
    const now = this.clock.now();
    const primaFacie = await this.sweepReviewWindows(now);
    const horizon = new Date(now.getTime() + this.points[0] * 3600_000);
    // One equality on the status per read (not an `$in` or `$or`): the index (status, replyDueBy) serves each on
    // MongoDB, and the local FerretDB reads only the cases of that status, not every case decided so far.
    const pending = { replyDueBy: { $lte: horizon }, replyLimitHandled: { $ne: true } };
    const due = await this.cases.findMerged(
      [
        ...[...RUNNING_STATUSES, 'overdue'].map((status) => ({ status, ...pending })),
        { status: 'decided', 'decision.deemed': true, ...pending },
      ],
      {
        projection: { _id: 1, partnerCode: 1, replyDueBy: 1, agreementRules: 1, assessment: 1, agreement: 1 },
        sort: { replyDueBy: 1 },
        limit: 500,
      },
    );
    const done = { alerts: 0, deemed: 0, overdue: 0, primaFacie };
    for (const c of due) {
      try {
        const result = await this.sweepCase(c, now);
        done.alerts += result.alerts;
        done.deemed += result.deemed;
        done.overdue += result.overdue;
      } catch (error) {
        this.logger.error(`${c._id}: reply time limit not handled now, retried next sweep: ${(error as Error).message}`);
      }
    }
    return done;
  }

  /** Accepts, on prima facie evidence, each case whose review window closed with nobody contesting it. */
  private async sweepReviewWindows(now: Date): Promise<number> {
    const due = await this.cases.findEach(
      'status',
      [...RUNNING_STATUSES, 'decided'],
      { 'proposal.afterReview': true, 'proposal.reviewEndsBy': { $lte: now }, reviewHandled: { $ne: true } },
      { projection: { _id: 1, proposal: 1, agreement: 1, status: 1 }, sort: { 'proposal.reviewEndsBy': 1 }, limit: 500 },
    );
    let accepted = 0;
    for (const c of due) {
      try {
        const outcome = await this.machine.run(this.primaFacieAcceptance(c));
        if (outcome === 'in-progress') continue;
        if (outcome === 'acted') accepted += 1;
        await this.cases.update({ _id: c._id }, { $set: { reviewHandled: true } });
      } catch (error) {
        this.logger.error(`${c._id}: review window not handled now, retried next sweep: ${(error as Error).message}`);
      }
    }
    return accepted;
  }

  /**
   * Nobody contested the acceptance on prima facie evidence: the platform accepts it. Contested meanwhile (a refusal
   * awaiting a second officer, a decision already taken, an interview), nothing is decided here and the audit says so.
   */
  private primaFacieAcceptance(c: InReview): TimeLimitStep {
    const dueBy = new Date(c.proposal?.reviewEndsBy as Date);
    let acted = false;
    return {
      subject: c._id,
      limit: 'prima-facie-review',
      event: 'accepted-prima-facie',
      dueBy,
      act: async () => {
        const now = await this.cases.findById(c._id, { status: 1, proposal: 1 });
        if (!now || now.status !== 'awaiting-review' || !now.proposal?.afterReview) return;
        const result = await this.decide.execute(
          c._id,
          { decision: 'accepted', basis: 'prima-facie', deemed: false },
          'system',
          undefined,
          dueBy,
        );
        acted = result.decision.decision === 'accepted' && result.decision.basis === 'prima-facie' && !result.decision.deemed;
      },
      get audit() {
        return acted
          ? {
              action: 'accepted-prima-facie',
              reason: `no officer contested the prima facie evidence by ${formatInstant(dueBy)} (${c.proposal?.reviewRule ?? c.agreement})`,
            }
          : {
              action: 'review-window-closed',
              reason: `the prima facie evidence was contested or the case decided before ${formatInstant(dueBy)}`,
            };
      },
      log: { level: 'log', message: `${c._id}: review window closed ${formatInstant(dueBy)}` },
    };
  }

  private async sweepCase(c: Due, now: Date): Promise<{ alerts: number; deemed: number; overdue: number; primaFacie: number }> {
    const done = { alerts: 0, deemed: 0, overdue: 0, primaFacie: 0 };
    const dueBy = new Date(c.replyDueBy);
    for (const hours of alertPointsReached(dueBy, now, this.points))
      if ((await this.machine.run(this.alert(c, hours, dueBy))) === 'acted') done.alerts += 1;
    if (now <= dueBy) return done;
    const tacit = c.agreementRules.rules.tacitAcceptance.value;
    const outcome = await this.machine.run(tacit ? this.deemedAcceptance(c, dueBy) : this.overdue(c, dueBy));
    if (outcome === 'in-progress') return done;
    if (outcome === 'acted') done[tacit ? 'deemed' : 'overdue'] += 1;
    // Only now out of the query: a crash before this line leaves the case findable, and its event is resumed.
    await this.cases.update({ _id: c._id, replyDueBy: c.replyDueBy }, { $set: { replyLimitHandled: true } });
    return done;
  }

  private alert(c: Due, hours: number, dueBy: Date): TimeLimitStep {
    const step = { subject: c._id, limit: 'reply', event: `alert-${hours}h`, dueBy };
    const id = deadlineEventId(step);
    return {
      ...step,
      act: async () => {
        const entry = { at: this.clock.now(), event: 'reply-alert', by: 'system', details: { hoursBefore: hours, replyDueBy: dueBy } };
        await this.cases.update(
          { _id: c._id, appliedIds: { $ne: id } },
          { $addToSet: { alertsRaised: hours }, $push: { appliedIds: id, history: entry } },
        );
      },
      audit: { action: 'reply-alert', reason: `reply due ${formatInstant(dueBy)}: ${hours} h before`, details: { hoursBefore: hours } },
      count: () => verificationMetrics.alerts.inc({ partner: c.partnerCode, hours_before: String(hours) }),
      log: { level: 'warn', message: `${c._id}: reply due ${formatInstant(dueBy)} (alert ${hours} h before)` },
    };
  }

  /**
   * Silence is acceptance under this agreement: the transfer is deemed agreed when the reply fell due (basis: the
   * evidence held). Should an officer have decided in the meantime, the audit says so instead.
   */
  private deemedAcceptance(c: Due, dueBy: Date): TimeLimitStep {
    const rule = c.agreementRules.rules.tacitAcceptance;
    const basis = c.assessment?.strongest === 'proof' ? 'proof' : 'prima-facie';
    let deemed = true;
    return {
      subject: c._id,
      limit: 'reply',
      event: 'deemed-acceptance',
      dueBy,
      act: async () => {
        const result = await this.decide.execute(c._id, { decision: 'accepted', basis, deemed: true }, 'system', undefined, dueBy);
        deemed = result.decision?.deemed ?? true;
      },
      get audit() {
        return deemed
          ? { action: 'deemed-acceptance', reason: `no reply by ${formatInstant(dueBy)}; ${c.agreement}: ${rule.source}` }
          : {
              action: 'reply-time-limit-passed',
              reason: `no deemed acceptance: the case was decided before ${formatInstant(dueBy)} was acted on`,
            };
      },
      log: { level: 'log', message: `${c._id}: reply time limit ${formatInstant(dueBy)} passed: deemed acceptance (${c.agreement})` },
    };
  }

  /** No tacit acceptance under this agreement: the case is marked overdue and escalated to the officers. */
  private overdue(c: Due, dueBy: Date): TimeLimitStep {
    return {
      subject: c._id,
      limit: 'reply',
      event: 'overdue',
      dueBy,
      act: async () => {
        const entry = { at: this.clock.now(), event: 'overdue', by: 'system', details: { replyDueBy: dueBy } };
        await this.cases.update(
          { _id: c._id, status: { $in: [...RUNNING_STATUSES] } },
          { $set: { status: 'overdue', escalated: true }, $push: { history: entry } },
        );
      },
      audit: {
        action: 'reply-overdue-escalated',
        reason: `no reply by ${formatInstant(dueBy)} and ${c.agreement} has no tacit acceptance`,
      },
      count: () => verificationMetrics.overdue.inc({ partner: c.partnerCode }),
      log: { level: 'error', message: `${c._id}: reply time limit ${formatInstant(dueBy)} passed without a decision: escalated` },
    };
  }
}
