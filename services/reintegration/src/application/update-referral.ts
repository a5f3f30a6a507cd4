import { Injectable } from '@nestjs/common';
import { Caller } from '@readmission/auth';
import { ConflictError, NotFoundError } from '@readmission/errors';
import { AuditTrail, Clock } from '@readmission/platform';
import { ReferralStatus, checkReferralUpdate, isFinal } from '../domain/referral';
import { Referrals } from '../infrastructure/referrals.repository';
import { ReintegrationCases } from '../infrastructure/reintegration-cases.repository';
import { loadCase } from './load-case';

/** Records a referral's new status (accepted, in-progress, done, declined) and, when final, its outcome. */
@Injectable()
export class UpdateReferral {
  constructor(
    private readonly cases: ReintegrationCases,
    private readonly referrals: Referrals,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(caseNumber: string, id: string, u: { status: ReferralStatus; outcome?: string; note?: string }, caller: Caller) {
    await loadCase(this.cases, caseNumber, { _id: 1 });
    const ref = await this.referrals.findOne({ _id: id, caseNumber }, { status: 1 });
    if (!ref) throw new NotFoundError(`case ${caseNumber} has no referral ${id}`);
    checkReferralUpdate(id, ref.status, u);
    const at = this.clock.now();
    const set = { status: u.status, ...(u.outcome ? { outcome: u.outcome } : {}), ...(isFinal(u.status) ? { closedAt: at } : {}) };
    const changed = await this.referrals.update(
      { _id: id, status: ref.status },
      { $set: set, $push: { statusHistory: { status: u.status, at, by: caller.subject, note: u.note } } },
    );
    if (!changed) throw new ConflictError(`referral ${id} changed meanwhile: read it again`);
    await this.cases.change(caseNumber, {}, { at, event: `referral-${u.status}`, by: caller.subject, details: { referralId: id } });
    await this.audit.record({
      actor: caller,
      action: 'referral-updated',
      subject: caseNumber,
      reason: u.note ?? u.outcome ?? u.status,
      details: { referralId: id, status: u.status, outcome: u.outcome },
    });
    return this.referrals.findById(id);
  }
}
