import { Injectable } from '@nestjs/common';
import { NotFoundError, RuleBrokenError } from '@readmission/errors';
import { CostReference, CostReferenceKind } from '../domain/costs';
import { Transfers } from '../infrastructure/transfers.repository';
import { MistakeReturns } from '../infrastructure/mistake-returns.repository';
import { OutgoingTransfers } from '../infrastructure/outgoing-transfers.repository';
import { Transits } from '../infrastructure/transits.repository';

const AZERBAIJAN = 'AZ';

/**
 * What a cost entry's reference stands for, per reference kind: the ledger is one, the procedures are many. A new
 * procedure adds its kind to COST_REFERENCE_KINDS and its resolver here.
 */
@Injectable()
export class CostReferences {
  private readonly resolvers: Record<CostReferenceKind, (reference: string) => Promise<CostReference>>;

  constructor(transfers: Transfers, transits: Transits, outgoing: OutgoingTransfers, mistakes: MistakeReturns) {
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
      // A partner's transit through Azerbaijan (`<partner>:<transitReference>`, docs/rules.md#transit): the partner
      // requested it and bears its transport costs up to the border of the state of final destination.
      transit: async (reference) => {
        const transit = await transits.findById(reference);
        if (!transit) throw new NotFoundError(`no transit ${reference} (a transit's reference is <partner>:<transitReference>)`);
        if (!['consented', 'entered', 'left'].includes(transit.status))
          throw new RuleBrokenError(`transit ${reference} is ${transit.status}: costs are recorded for a consented or carried out transit`);
        return {
          kind: 'transit',
          reference,
          partnerCode: transit.partnerCode,
          requestingState: transit.partnerCode,
          requestedState: AZERBAIJAN,
        };
      },
      // Azerbaijan's transfer to a partner (`<partner>:<transferReference>`, Azerbaijan as the requesting state): Azerbaijan
      // requested the readmission and bears its transport costs up to the partner's border. Not for a refused notice.
      'outgoing-transfer': async (reference) => {
        const transfer = await outgoing.findById(reference);
        if (!transfer)
          throw new NotFoundError(
            `no outgoing transfer ${reference} (its reference is <partner>:<transferReference>, e.g. DE:AZT-AZR-2026-000001)`,
          );
        if (transfer.status === 'refused')
          throw new RuleBrokenError(
            `outgoing transfer ${reference} was refused by ${transfer.partnerCode}: costs are recorded for a notified, confirmed or handed-over transfer`,
          );
        return {
          kind: 'outgoing-transfer',
          reference,
          partnerCode: transfer.partnerCode,
          requestingState: AZERBAIJAN,
          requestedState: transfer.partnerCode,
        };
      },
      // The return of a person readmitted by mistake (the case number, docs/rules.md#readmission-by-mistake): the partner
      // requested the readmission that is undone, and as its requesting state bears the transport costs of the return
      // (the platform's reading: docs/rules.md#transport-costs). Once the partner accepted.
      'mistake-return': async (reference) => {
        const request = await mistakes.findById(reference);
        if (!request) throw new NotFoundError(`no request for readmission by mistake ${reference} (its reference is the case number)`);
        if (request.status !== 'accepted' && request.status !== 'returned')
          throw new RuleBrokenError(
            `the request for readmission by mistake ${reference} is ${request.status}: costs are recorded once the partner accepted`,
          );
        return {
          kind: 'mistake-return',
          reference,
          partnerCode: request.partnerCode,
          requestingState: request.partnerCode,
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
