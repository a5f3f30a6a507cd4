import { Injectable } from '@nestjs/common';
import { computeDeadline } from '@readmission/agreements';
import { Caller } from '@readmission/auth';
import { ConflictError, NotFoundError, RuleBrokenError } from '@readmission/errors';
import { AuditTrail } from '@readmission/platform';
import { Stored } from '@readmission/persistence';
import { ReferenceData } from '@readmission/reference-data';
import { CostEntries } from '../infrastructure/cost-entries.repository';
import { CostEntry } from '../infrastructure/cost-entry.schema';
import { RulebookSource } from './rulebook-source';

/**
 * The state that advanced a cost invoices the one that bears it; the repayment falls due `rules.costRepayment` after
 * the invoice (30 calendar days, assumed: docs/rules.md#transport-costs), computed by the one deadline calculator.
 */
@Injectable()
export class RecordCostInvoice {
  constructor(
    private readonly entries: CostEntries,
    private readonly rulebooks: RulebookSource,
    private readonly referenceData: ReferenceData,
    private readonly audit: AuditTrail,
  ) {}

  async execute(id: string, input: { number: string; issuedOn: string }, caller: Caller): Promise<Stored<CostEntry>> {
    const entry = await this.entries.findById(id);
    if (!entry) throw new NotFoundError(`no cost entry ${id}`);
    if (!entry.advancedBy)
      throw new RuleBrokenError(
        `cost entry ${id} was paid by ${entry.borneBy}, which bears it: there is nothing to invoice (record advancedBy)`,
      );
    if (entry.invoice) throw new ConflictError(`cost entry ${id} is already invoiced (${entry.invoice.number})`);
    if (input.issuedOn < entry.incurredOn)
      throw new RuleBrokenError(`the invoice (${input.issuedOn}) cannot precede the cost (${entry.incurredOn})`);
    const { rule, rulebookVersion } = await this.rulebooks.procedureRule(entry.partnerCode, input.issuedOn, 'costRepayment');
    const calendars = await this.referenceData.calendarBook(new Date());
    const repaymentDue = computeDeadline('costRepayment', rule, { date: input.issuedOn }, calendars, { rulebookVersion });
    const invoice = { number: input.number, issuedOn: input.issuedOn, repaymentDue };
    const updated = await this.entries.update({ _id: id, invoice: { $exists: false } }, { $set: { invoice } });
    if (!updated) throw new ConflictError(`cost entry ${id} is already invoiced`);
    await this.audit.record({
      actor: caller,
      action: 'cost-invoiced',
      subject: `${entry.referenceKind}:${entry.reference}`,
      details: { costEntry: id, invoice: input.number, issuedOn: input.issuedOn, repaymentDueOn: repaymentDue.dueDate },
    });
    return { ...entry, invoice };
  }
}
