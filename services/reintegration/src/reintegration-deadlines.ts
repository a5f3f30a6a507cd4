import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { formatInstant } from '@readmission/agreements';
import { insertOnce } from '@readmission/persistence';
import { AuditTrail, Clock, PeriodicSweep } from '@readmission/platform';
import { OPEN_REFERRAL_STATUSES } from './domain';
import { FollowUp, Referral, ReintegrationAlert, ReintegrationCase } from './reintegration-case.schema';
import { ReintegrationService, reintegrationMetrics } from './reintegration.service';

/**
 * Overdue referrals and follow-ups as alerts, like verification's ReplyDeadlines: a sweep every
 * DEADLINE_SWEEP_MS (0 = off, tests sweep by hand with their clock); each alert is claimed by inserting a
 * document with a deterministic _id, so several instances sweeping at once raise it, count it and audit it once.
 */
@Injectable()
export class ReintegrationDeadlines extends PeriodicSweep {
  protected readonly logger = new Logger(ReintegrationDeadlines.name);

  constructor(
    @InjectModel(Referral.name) private readonly referrals: Model<Referral>,
    @InjectModel(FollowUp.name) private readonly followUps: Model<FollowUp>,
    @InjectModel(ReintegrationCase.name) private readonly cases: Model<ReintegrationCase>,
    @InjectModel(ReintegrationAlert.name) private readonly alerts: Model<ReintegrationAlert>,
    private readonly reintegration: ReintegrationService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {
    super();
  }


  async sweep(): Promise<{ referralsOverdue: number; followUpsOverdue: number }> {
    const now = this.clock.now();
    const done = { referralsOverdue: 0, followUpsOverdue: 0 };
    // Items already alerted are marked and left out of the query, so that long-overdue ones never crowd out new ones.
    const referrals = await this.referrals
      .find({ status: { $in: OPEN_REFERRAL_STATUSES }, dueBy: { $lt: now }, overdueAlerted: { $ne: true } }, { _id: 1, caseNumber: 1, bodyCode: 1, dueBy: 1 })
      .sort({ dueBy: 1 })
      .limit(1000)
      .lean()
      .exec();
    for (const r of referrals) {
      const dueBy = new Date(r.dueBy);
      const claimed = await this.claim(`referral-overdue:${r._id}:${dueBy.toISOString()}`, r.caseNumber, 'referral-overdue');
      await this.referrals.updateOne({ _id: r._id }, { $set: { overdueAlerted: true } }).exec();
      if (!claimed) continue;
      reintegrationMetrics.referralsOverdue.inc({ body: r.bodyCode });
      await this.reintegration.note(r.caseNumber, 'referral-overdue', 'system', { referralId: r._id, bodyCode: r.bodyCode, dueBy });
      await this.audit.record({ actor: 'system', action: 'referral-overdue', subject: r.caseNumber, reason: `${r.bodyCode} did not complete referral ${r._id} by ${formatInstant(dueBy)}`, details: { referralId: r._id, bodyCode: r.bodyCode }, id: `referral-overdue:${r._id}` });
      this.logger.warn(`${r.caseNumber}: referral ${r._id} to ${r.bodyCode} overdue (due ${formatInstant(dueBy)})`);
      done.referralsOverdue += 1;
    }
    const followUps = await this.followUps
      .find({ status: 'scheduled', dueBy: { $lt: now }, overdueAlerted: { $ne: true } }, { _id: 1, caseNumber: 1, month: 1, dueBy: 1 })
      .sort({ dueBy: 1 })
      .limit(1000)
      .lean()
      .exec();
    for (const f of followUps) {
      const claimed = await this.claim(`follow-up-overdue:${f._id}`, f.caseNumber, 'follow-up-overdue');
      await this.followUps.updateOne({ _id: f._id }, { $set: { overdueAlerted: true } }).exec();
      if (!claimed) continue;
      reintegrationMetrics.followUpsOverdue.inc({ month: String(f.month) });
      await this.reintegration.note(f.caseNumber, 'follow-up-overdue', 'system', { month: f.month, dueBy: f.dueBy });
      await this.audit.record({ actor: 'system', action: 'follow-up-overdue', subject: f.caseNumber, reason: `${f.month}-month follow-up not recorded by ${formatInstant(new Date(f.dueBy))}`, id: `follow-up-overdue:${f._id}` });
      this.logger.warn(`${f.caseNumber}: ${f.month}-month follow-up overdue`);
      done.followUpsOverdue += 1;
    }
    return done;
  }

  private claim(id: string, caseNumber: string, kind: string): Promise<boolean> {
    return insertOnce(this.alerts, { _id: id, caseNumber, kind, at: this.clock.now() });
  }
}
