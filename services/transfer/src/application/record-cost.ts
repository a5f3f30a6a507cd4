import { randomUUID } from 'crypto';
import { Injectable } from '@nestjs/common';
import { CostBearer, yearOf } from '@readmission/agreements';
import { Caller } from '@readmission/auth';
import { InvalidInputError } from '@readmission/errors';
import { AuditTrail, Clock } from '@readmission/platform';
import { Stored } from '@readmission/persistence';
import { CostReferenceKind, bearingState, toMinorUnits } from '../domain/costs';
import { CostEntries } from '../infrastructure/cost-entries.repository';
import { CostEntry } from '../infrastructure/cost-entry.schema';
import { CostReferences } from './cost-references';
import { RulebookSource } from './rulebook-source';
import { transferMetrics } from './transfer-metrics';

export interface CostInput {
  referenceKind: CostReferenceKind;
  reference: string;
  leg: string;
  incurredOn: string;
  amount: string;
  currency: string;
  /** Absent: the rule's bearer. A different one is a departure and needs `departureReason`. */
  bearer?: CostBearer;
  departureReason?: string;
  /** The state that paid in advance, when it is not the one bearing the cost (it invoices the other). */
  advancedBy?: CostBearer;
}

/** An officer records a transport cost of a procedure in the ledger (docs/rules.md#transport-costs). */
@Injectable()
export class RecordCost {
  constructor(
    private readonly entries: CostEntries,
    private readonly references: CostReferences,
    private readonly rulebooks: RulebookSource,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(input: CostInput, caller: Caller): Promise<Stored<CostEntry>> {
    const reference = await this.references.resolve(input.referenceKind, input.reference);
    const { agreement, rule, rulebookVersion } = await this.rulebooks.procedureRule(
      reference.partnerCode,
      input.incurredOn,
      'transportCostsBorneBy',
    );
    const bearer = input.bearer ?? rule.value;
    if (bearer !== rule.value && !input.departureReason)
      throw new InvalidInputError(
        `${agreement.code}: the transport costs are borne by the ${rule.value.replace('-', ' ')} (${rule.source})`,
        [{ path: 'departureReason', message: 'required when the bearer departs from the rule' }],
      );
    const advancedBy = input.advancedBy && input.advancedBy !== bearer ? bearingState(reference, input.advancedBy) : undefined;
    const entry: Stored<CostEntry> = {
      _id: randomUUID(),
      referenceKind: reference.kind,
      reference: reference.reference,
      partnerCode: reference.partnerCode,
      agreement: agreement.code,
      requestingState: reference.requestingState,
      leg: input.leg,
      incurredOn: input.incurredOn,
      year: yearOf(input.incurredOn),
      amountMinor: toMinorUnits(input.amount),
      currency: input.currency,
      bearer,
      borneBy: bearingState(reference, bearer),
      rule: { value: rule.value, status: rule.status, source: rule.source, rulebookVersion },
      ...(bearer !== rule.value ? { departureReason: input.departureReason } : {}),
      ...(advancedBy ? { advancedBy } : {}),
      recordedBy: caller.subject,
      recordedAt: this.clock.now(),
    };
    await this.entries.insert(entry);
    await this.audit.record({
      actor: caller,
      action: 'cost-recorded',
      subject: `${reference.kind}:${reference.reference}`,
      ...(entry.departureReason ? { reason: entry.departureReason } : {}),
      details: { costEntry: entry._id, leg: entry.leg, amount: input.amount, currency: entry.currency, bearer, borneBy: entry.borneBy },
    });
    transferMetrics.costEntries.inc({ partner: entry.partnerCode, kind: entry.referenceKind });
    return entry;
  }
}
