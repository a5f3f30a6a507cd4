import { Injectable } from '@nestjs/common';
import { CaseDecidedV1 } from '@readmission/contracts';
import { ReadmissionTimelines } from '../infrastructure/readmission-timeline.repository';

/** Projects a decision on the merits into the readmission timeline (on case-decided), with the registration facts it repeats. */
@Injectable()
export class RecordCaseDecision {
  constructor(private readonly timeline: ReadmissionTimelines) {}

  execute(c: CaseDecidedV1): Promise<void> {
    return this.timeline.project(c.caseNumber, {
      partnerCode: c.partnerCode,
      agreement: c.agreement,
      category: c.category,
      receivedAt: new Date(c.receivedAt),
      decision: c.decision,
      decidedAt: new Date(c.decidedAt),
    });
  }
}
