import { Injectable } from '@nestjs/common';
import { AuditTrail, Clock } from '@readmission/platform';
import { isOverdue } from '../domain/referral';
import { FollowUps } from '../infrastructure/follow-ups.repository';
import { Referrals } from '../infrastructure/referrals.repository';
import { ReintegrationCases } from '../infrastructure/reintegration-cases.repository';
import { loadCase } from './load-case';

/** One case with its whole story: history, assessment, plan, consents, referrals (with `overdue`), follow-ups and audit trail. */
@Injectable()
export class ShowCase {
  constructor(
    private readonly cases: ReintegrationCases,
    private readonly referrals: Referrals,
    private readonly followUps: FollowUps,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(caseNumber: string) {
    const found = await loadCase(this.cases, caseNumber, { appliedIds: 0 });
    const now = this.clock.now();
    const referrals = (await this.referrals.find({ caseNumber }, { sort: { sentAt: 1 } })).map((r) => ({
      ...r,
      overdue: isOverdue(r, now),
    }));
    const followUps = await this.followUps.find({ caseNumber }, { sort: { month: 1 } });
    return { caseNumber, ...found, referrals, followUps, audit: await this.audit.list({ subject: caseNumber }) };
  }
}
