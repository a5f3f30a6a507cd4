import { Injectable } from '@nestjs/common';
import { CaseRegisteredV1 } from '@readmission/contracts';
import { ReadmissionTimelines } from '../infrastructure/readmission-timeline.repository';

/** Projects a registration into the readmission timeline (on case-registered): when and under which agreement it was received. */
@Injectable()
export class RecordCaseRegistered {
  constructor(private readonly timeline: ReadmissionTimelines) {}

  execute(c: CaseRegisteredV1): Promise<void> {
    return this.timeline.project(c.caseNumber, {
      partnerCode: c.partnerCode,
      agreement: c.agreement,
      category: c.category,
      receivedAt: new Date(c.receivedAt),
    });
  }
}
