import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@readmission/errors';
import { AuditTrail } from '@readmission/platform';
import { VerificationCases } from '../infrastructure/verification-cases.repository';

/** One case for the officer: evidence and what it established, registry candidates, proposal, interview, decision, history, audit trail. */
@Injectable()
export class ShowCase {
  constructor(
    private readonly cases: VerificationCases,
    private readonly audit: AuditTrail,
  ) {}

  async execute(caseNumber: string) {
    const found = await this.cases.findById(caseNumber, { appliedIds: 0 });
    if (!found) throw new NotFoundError(`no case ${caseNumber}`);
    const { _id, ...rest } = found;
    return { caseNumber: _id, ...rest, audit: await this.audit.list({ subject: caseNumber }) };
  }
}
