import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AgreementRules, formatInstant } from '@readmission/agreements';
import { insertOnce } from '@readmission/persistence';
import { AuditTrail, Clock, PeriodicSweep, alertPointsFrom } from '@readmission/platform';
import { DeadlineEvent, VerificationCase } from './verification-case.schema';
import { VerificationService, verificationMetrics } from './verification.service';

/** Hours before the reply falls due at which an alert is raised (REPLY_ALERT_HOURS, e.g. "72,24"). */
export function alertPoints(env: NodeJS.ProcessEnv = process.env): number[] {
  return alertPointsFrom(env, 'REPLY_ALERT_HOURS', '72,24');
}

/**
 * The reply time limit as events: alerts before it falls due, then a deemed acceptance where the agreement
 * says silence is acceptance, or overdue and escalated where it does not. State lives in the store (survives
 * restarts); each event is claimed by inserting a unique document, so several instances sweeping at once raise
 * it once, and the decision itself is insert-once (see VerificationService.decide).
 */
@Injectable()
export class ReplyDeadlines extends PeriodicSweep {
  protected readonly logger = new Logger(ReplyDeadlines.name);
  private readonly points = alertPoints();

  constructor(
    @InjectModel(VerificationCase.name) private readonly cases: Model<VerificationCase>,
    @InjectModel(DeadlineEvent.name) private readonly events: Model<DeadlineEvent>,
    private readonly verification: VerificationService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {
    super();
  }


  /** One pass over the undecided cases whose next point has come. Returns what it did, for tests and logs. */
  async sweep(): Promise<{ alerts: number; deemed: number; overdue: number }> {
    const now = this.clock.now();
    const horizon = new Date(now.getTime() + this.points[0] * 3600_000);
    const due = await this.cases
      .find({ status: { $in: ['awaiting-review', 'awaiting-interview'] }, replyDueBy: { $lte: horizon } }, { _id: 1, replyDueBy: 1, agreementRules: 1, assessment: 1, agreement: 1 })
      .sort({ replyDueBy: 1 })
      .limit(500)
      .lean()
      .exec();
    const done = { alerts: 0, deemed: 0, overdue: 0 };
    for (const c of due) {
      const dueBy = new Date(c.replyDueBy);
      for (const hours of this.points) {
        if (now.getTime() < dueBy.getTime() - hours * 3600_000) continue;
        if (now > dueBy) break; // past the limit: no more alerts, the limit itself is acted on below
        if (await this.claim(c._id, `alert-${hours}h`, dueBy)) {
          verificationMetrics.alerts.inc({ hours_before: String(hours) });
          await this.cases.updateOne({ _id: c._id }, { $addToSet: { alertsRaised: hours }, $push: { history: { at: now, event: 'reply-alert', by: 'system', details: { hoursBefore: hours, replyDueBy: dueBy } } } }).exec();
          this.logger.warn(`${c._id}: reply due ${formatInstant(dueBy)} (alert ${hours} h before)`);
          done.alerts += 1;
        }
      }
      if (now <= dueBy) continue;
      const rules = c.agreementRules as unknown as AgreementRules;
      if (rules.rules.tacitAcceptance.value) {
        // Silence is acceptance under this agreement: the transfer is deemed agreed (basis: the evidence held).
        const strongest = (c.assessment as { strongest?: string } | undefined)?.strongest;
        const result = await this.verification.decide(c._id, { decision: 'accepted', basis: strongest === 'proof' ? 'proof' : 'prima-facie', deemed: true }, 'system', undefined, dueBy);
        if (result.decided) {
          await this.audit.record({ actor: 'system', action: 'deemed-acceptance', subject: c._id, reason: `no reply by ${formatInstant(dueBy)}; ${c.agreement}: ${rules.rules.tacitAcceptance.source}`, id: `deemed:${c._id}` });
          done.deemed += 1;
        }
      } else if (await this.claim(c._id, 'overdue', dueBy)) {
        await this.cases.updateOne({ _id: c._id, status: { $in: ['awaiting-review', 'awaiting-interview'] } }, { $set: { status: 'overdue', escalated: true }, $push: { history: { at: now, event: 'overdue', by: 'system', details: { replyDueBy: dueBy } } } }).exec();
        await this.audit.record({ actor: 'system', action: 'reply-overdue-escalated', subject: c._id, reason: `no reply by ${formatInstant(dueBy)} and ${c.agreement} has no tacit acceptance`, id: `overdue:${c._id}:${dueBy.toISOString()}` });
        verificationMetrics.overdue.inc();
        this.logger.error(`${c._id}: reply time limit ${formatInstant(dueBy)} passed without a decision: escalated`);
        done.overdue += 1;
      }
    }
    return done;
  }

  /** True for the one caller that records this event for this time limit (an extension re-arms the points). */
  private claim(caseNumber: string, event: string, dueBy: Date): Promise<boolean> {
    return insertOnce(this.events, { _id: `${caseNumber}:${event}:${dueBy.toISOString()}`, caseNumber, event, at: this.clock.now() });
  }
}
