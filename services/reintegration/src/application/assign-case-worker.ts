import { Injectable } from '@nestjs/common';
import { Caller } from '@readmission/auth';
import { AuditTrail, Clock } from '@readmission/platform';
import { assertNotClosed } from '../domain/reintegration-case';
import { ReintegrationCases } from '../infrastructure/reintegration-cases.repository';
import { loadCase } from './load-case';

/** Assigns a case to a case worker (the caller by default). */
@Injectable()
export class AssignCaseWorker {
  constructor(
    private readonly cases: ReintegrationCases,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(caseNumber: string, caseWorker: string, caller: Caller) {
    const c = await loadCase(this.cases, caseNumber);
    assertNotClosed(c);
    await this.cases.change(
      caseNumber,
      { $set: { caseWorker } },
      { at: this.clock.now(), event: 'assigned', by: caller.subject, details: { caseWorker, previous: c.caseWorker ?? null } },
    );
    await this.audit.record({
      actor: caller,
      action: 'case-assigned',
      subject: caseNumber,
      reason: `assigned to ${caseWorker}`,
      details: { caseWorker },
    });
    return { caseNumber, caseWorker };
  }
}
