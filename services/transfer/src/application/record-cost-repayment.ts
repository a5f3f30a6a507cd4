import { Injectable } from '@nestjs/common';
import { Caller } from '@readmission/auth';
import { ConflictError, NotFoundError, RuleBrokenError } from '@readmission/errors';
import { AuditTrail } from '@readmission/platform';
import { Stored } from '@readmission/persistence';
import { CostEntries } from '../infrastructure/cost-entries.repository';
import { CostEntry } from '../infrastructure/cost-entry.schema';

/** The invoiced cost was repaid on a date (late or not: the entry then says by how many days). */
@Injectable()
export class RecordCostRepayment {
  constructor(
    private readonly entries: CostEntries,
    private readonly audit: AuditTrail,
  ) {}

  async execute(id: string, input: { repaidOn: string }, caller: Caller): Promise<Stored<CostEntry> & { repaidLate: boolean }> {
    const entry = await this.entries.findById(id);
    if (!entry) throw new NotFoundError(`no cost entry ${id}`);
    if (!entry.invoice) throw new RuleBrokenError(`cost entry ${id} has no invoice: record the invoice first`);
    if (entry.repaidOn) throw new ConflictError(`cost entry ${id} was repaid on ${entry.repaidOn}`);
    if (input.repaidOn < entry.invoice.issuedOn)
      throw new RuleBrokenError(`the repayment (${input.repaidOn}) cannot precede the invoice (${entry.invoice.issuedOn})`);
    const updated = await this.entries.update({ _id: id, repaidOn: { $exists: false } }, { $set: { repaidOn: input.repaidOn } });
    if (!updated) throw new ConflictError(`cost entry ${id} is already repaid`);
    const due = entry.invoice.repaymentDue?.dueDate;
    const repaidLate = !!due && input.repaidOn > due;
    await this.audit.record({
      actor: caller,
      action: 'cost-repaid',
      subject: `${entry.referenceKind}:${entry.reference}`,
      details: { costEntry: id, repaidOn: input.repaidOn, repaymentDueOn: due, repaidLate },
    });
    return { ...entry, repaidOn: input.repaidOn, repaidLate };
  }
}
