import { Injectable } from '@nestjs/common';
import { Caller } from '@readmission/auth';
import { AuditTrail, Clock } from '@readmission/platform';
import { assertNotClosed } from '../domain/reintegration-case';
import { ReintegrationCases } from '../infrastructure/reintegration-cases.repository';
import { loadCase } from './load-case';

export interface Guardian {
  kind: string;
  name: string;
  organisation?: string;
  contact?: string;
  appointedBy?: string;
}

/** Records an unaccompanied minor's guardian or child protection body; the case is then open for work. */
@Injectable()
export class RecordGuardian {
  constructor(
    private readonly cases: ReintegrationCases,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(caseNumber: string, guardian: Guardian, caller: Caller) {
    assertNotClosed(await loadCase(this.cases, caseNumber));
    const at = this.clock.now();
    await this.cases.change(
      caseNumber,
      { $set: { guardian: { ...guardian, recordedAt: at, recordedBy: caller.subject }, status: 'open' } },
      { at, event: 'guardian-recorded', by: caller.subject, details: { kind: guardian.kind } },
    );
    await this.audit.record({
      actor: caller,
      action: 'guardian-recorded',
      subject: caseNumber,
      reason: `${guardian.kind} appointed${guardian.appointedBy ? ` by ${guardian.appointedBy}` : ''}`,
    });
    return { caseNumber, status: 'open' };
  }
}
