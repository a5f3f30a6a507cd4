import { Injectable } from '@nestjs/common';
import { NotFoundError, RuleBrokenError } from '@readmission/errors';
import { CostReference, CostReferenceKind } from '../domain/costs';
import { Transfers } from '../infrastructure/transfers.repository';

const AZERBAIJAN = 'AZ';

/**
 * What a cost entry's reference stands for, per reference kind: the ledger is one, the procedures are many. A new
 * procedure adds its kind to COST_REFERENCE_KINDS and its resolver here.
 */
@Injectable()
export class CostReferences {
  private readonly resolvers: Record<CostReferenceKind, (reference: string) => Promise<CostReference>>;

  constructor(transfers: Transfers) {
    this.resolvers = {
      // A partner's transfer to Azerbaijan (`<partner>:<transferReference>`): the partner requested it.
      readmission: async (reference) => {
        const transfer = await transfers.findById(reference);
        if (!transfer) throw new NotFoundError(`no transfer ${reference} (a readmission's reference is <partner>:<transferReference>)`);
        if (transfer.status !== 'confirmed' && transfer.status !== 'completed')
          throw new RuleBrokenError(
            `transfer ${reference} is ${transfer.status}: costs are recorded for a confirmed or completed transfer`,
          );
        return {
          kind: 'readmission',
          reference,
          partnerCode: transfer.partnerCode,
          requestingState: transfer.partnerCode,
          requestedState: AZERBAIJAN,
        };
      },
    };
  }

  /** Lets a procedure owned elsewhere in this service resolve its own references. */
  register(kind: CostReferenceKind, resolver: (reference: string) => Promise<CostReference>): void {
    this.resolvers[kind] = resolver;
  }

  resolve(kind: CostReferenceKind, reference: string): Promise<CostReference> {
    return this.resolvers[kind](reference);
  }
}
