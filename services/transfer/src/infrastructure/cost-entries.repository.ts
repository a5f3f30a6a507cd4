import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OutboxRelay, Repository, Stored } from '@readmission/persistence';
import { CostEntry } from './cost-entry.schema';

/** The filter of CostRepaymentsOverdueGauge's count (explained in index-backed.int-spec.ts). */
export const costRepaymentsOverdue = (today: string) => ({ repaidOn: { $exists: false }, 'invoice.repaymentDue.dueDate': { $lt: today } });

/** The cost ledger (collection `cost-entries`). */
@Injectable()
export class CostEntries extends Repository<CostEntry> {
  constructor(@InjectModel(CostEntry.name) model: Model<CostEntry>, relay: OutboxRelay) {
    super(model, relay);
  }

  list(
    filter: { referenceKind?: string; reference?: string; partnerCode?: string; year?: number },
    limit: number,
  ): Promise<Stored<CostEntry>[]> {
    const query = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
    return this.find(query, { sort: { incurredOn: 1, _id: 1 }, limit });
  }

  /** Invoiced costs not repaid by their repayment due date (a Baku date before `today`), per partner (the gauge). */
  repaymentsOverduePerPartner(today: string): Promise<Map<string, number>> {
    return this.countBy(costRepaymentsOverdue(today), 'partnerCode');
  }

  ofYears(from: number, to: number, partnerCode?: string): Promise<Stored<CostEntry>[]> {
    return this.find({ year: { $gte: from, $lte: to }, ...(partnerCode ? { partnerCode } : {}) });
  }
}
