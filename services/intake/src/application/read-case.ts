import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@readmission/errors';
import { CaseRepository } from '../infrastructure/case.repository';

/** One case as officers and auditors read it: with its partner message history. */
@Injectable()
export class ReadCase {
  constructor(private readonly cases: CaseRepository) {}

  async execute(caseNumber: string) {
    const found = await this.cases.findById(caseNumber, { contentHash: 0, searchKeys: 0 });
    if (!found) throw new NotFoundError(`no case ${caseNumber}`);
    const { _id, ...rest } = found;
    return { caseNumber: _id, ...rest };
  }
}
