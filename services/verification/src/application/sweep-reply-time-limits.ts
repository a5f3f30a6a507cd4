import { Injectable, Logger } from '@nestjs/common';
import { formatInstant } from '@readmission/agreements';
import { AuditTrail, Clock, PeriodicSweep } from '@readmission/platform';
import { alertPointsReached } from '../domain/reply-time-limit';
import { RUNNING_STATUSES } from '../domain/verification-case';
import { DeadlineEvents } from '../infrastructure/deadline-events.repository';
import { Stored } from '../infrastructure/store-repository';
import { VerificationCase } from '../infrastructure/verification-case.schema';
import { VerificationCases } from '../infrastructure/verification-cases.repository';
import { DecideCase } from './decide-case';
import { alertPoints } from './reply-alert-points';
import { verificationMetrics } from './verification-metrics';

type Due = Pick<Stored<VerificationCase>, '_id' | 'replyDueBy' | 'agreementRules' | 'assessment' | 'agreement'>;

/**
 * The reply time limit as events: alerts before it falls due, then a deemed acceptance where the agreement
 * says silence is acceptance, or overdue and escalated where it does not. State lives in the store (survives
 * restarts); each event is claimed by inserting a unique document, so several instances sweeping at once raise
 * it once, and the decision itself is insert-once (DecideCase).
 */
@Injectable()
export class SweepReplyTimeLimits extends PeriodicSweep {
  protected readonly logger = new Logger(SweepReplyTimeLimits.name);
  private readonly points = alertPoints();

  constructor(
    private readonly cases: VerificationCases,
    private readonly events: DeadlineEvents,
    private readonly decide: DecideCase,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {
    super();
  }

  /** One pass over the undecided cases whose next point has come. Returns what it did, for tests and logs. */
  async sweep(): Promise<{ alerts: number; deemed: number; overdue: number }> {
    const now = this.clock.now();
    const horizon = new Date(now.getTime() + this.points[0] * 3600_000);
    const due = await this.cases.find(
      { status: { $in: [...RUNNING_STATUSES] }, replyDueBy: { $lte: horizon } },
      { projection: { _id: 1, replyDueBy: 1, agreementRules: 1, assessment: 1, agreement: 1 }, sort: { replyDueBy: 1 }, limit: 500 },
    );
    const done = { alerts: 0, deemed: 0, overdue: 0 };
    for (const c of due) {
      const dueBy = new Date(c.replyDueBy);
      for (const hours of alertPointsReached(dueBy, now, this.points)) if (await this.alert(c._id, hours, dueBy, now)) done.alerts += 1;
      if (now <= dueBy) continue;
      if (c.agreementRules.rules.tacitAcceptance.value) {
        if (await this.deemAccepted(c, dueBy)) done.deemed += 1;
      } else if (await this.escalate(c, dueBy, now)) done.overdue += 1;
    }
    return done;
  }

  private async alert(caseNumber: string, hours: number, dueBy: Date, now: Date): Promise<boolean> {
    if (!(await this.events.claim(caseNumber, `alert-${hours}h`, dueBy, now))) return false;
    verificationMetrics.alerts.inc({ hours_before: String(hours) });
    await this.cases.update({ _id: caseNumber }, { $addToSet: { alertsRaised: hours }, $push: { history: { at: now, event: 'reply-alert', by: 'system', details: { hoursBefore: hours, replyDueBy: dueBy } } } });
    this.logger.warn(`${caseNumber}: reply due ${formatInstant(dueBy)} (alert ${hours} h before)`);
    return true;
  }

  /** Silence is acceptance under this agreement: the transfer is deemed agreed when the reply fell due (basis: the evidence held). */
  private async deemAccepted(c: Due, dueBy: Date): Promise<boolean> {
    const basis = c.assessment?.strongest === 'proof' ? 'proof' : 'prima-facie';
    const result = await this.decide.execute(c._id, { decision: 'accepted', basis, deemed: true }, 'system', undefined, dueBy);
    if (!result.decided) return false;
    const rule = c.agreementRules.rules.tacitAcceptance;
    await this.audit.record({ actor: 'system', action: 'deemed-acceptance', subject: c._id, reason: `no reply by ${formatInstant(dueBy)}; ${c.agreement}: ${rule.source}`, id: `deemed:${c._id}` });
    return true;
  }

  /** No tacit acceptance under this agreement: the case is marked overdue and escalated to the officers. */
  private async escalate(c: Due, dueBy: Date, now: Date): Promise<boolean> {
    if (!(await this.events.claim(c._id, 'overdue', dueBy, now))) return false;
    await this.cases.update({ _id: c._id, status: { $in: [...RUNNING_STATUSES] } }, { $set: { status: 'overdue', escalated: true }, $push: { history: { at: now, event: 'overdue', by: 'system', details: { replyDueBy: dueBy } } } });
    await this.audit.record({ actor: 'system', action: 'reply-overdue-escalated', subject: c._id, reason: `no reply by ${formatInstant(dueBy)} and ${c.agreement} has no tacit acceptance`, id: `overdue:${c._id}:${dueBy.toISOString()}` });
    verificationMetrics.overdue.inc();
    this.logger.error(`${c._id}: reply time limit ${formatInstant(dueBy)} passed without a decision: escalated`);
    return true;
  }
}
