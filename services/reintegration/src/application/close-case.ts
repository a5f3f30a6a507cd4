import { Injectable } from '@nestjs/common';
import { Caller } from '@readmission/auth';
import { ConflictError } from '@readmission/errors';
import { AuditTrail, Clock } from '@readmission/platform';
import { FollowUps } from '../infrastructure/follow-ups.repository';
import { ReintegrationCases } from '../infrastructure/reintegration-cases.repository';
import { loadCase } from './load-case';

/** Closes a case with an outcome and a reason; its remaining follow-ups are cancelled. */
@Injectable()
export class CloseCase {
  constructor(
    private readonly cases: ReintegrationCases,
    private readonly followUps: FollowUps,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(caseNumber: string, closure: { outcome: string; reason: string }, caller: Caller) {
    const c = await loadCase(this.cases, caseNumber, { status: 1 });
    if (c.status === 'closed') throw new ConflictError(`case ${caseNumber} is already closed`, { status: c.status });
    const at = this.clock.now();
    await this.cases.change(
      caseNumber,
      { $set: { status: 'closed', outcome: closure.outcome, closeReason: closure.reason, closedAt: at } },
      { at, event: 'closed', by: caller.subject, details: { outcome: closure.outcome } },
    );
    await this.followUps.cancelScheduled(caseNumber);
    await this.audit.record({
      actor: caller,
      action: 'case-closed',
      subject: caseNumber,
      reason: closure.reason,
      details: { outcome: closure.outcome },
    });
    return { caseNumber, status: 'closed', outcome: closure.outcome };
  }
}
