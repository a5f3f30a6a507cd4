import { Injectable, Logger } from '@nestjs/common';
import { Caller } from '@readmission/auth';
import { ConflictError } from '@readmission/errors';
import { AuditTrail, Clock } from '@readmission/platform';
import { assertOpenForHandover, handoverOutcome } from '../domain/transfer';
import { AcceptedCases } from '../infrastructure/accepted-cases.repository';
import { Completions } from '../infrastructure/completions.repository';
import { HandoverRecords } from '../infrastructure/handover-records.repository';
import { PersonBookings } from '../infrastructure/person-bookings.repository';
import { Transfers } from '../infrastructure/transfers.repository';
import { PartnerReplies } from './partner-replies';
import { transferMetrics } from './transfer-metrics';
import { assertMayActAt } from '../domain/border-access';

export interface ClosedTransfer {
  transferReference: string;
  handedOver: string[];
  notArrived: string[];
}

/**
 * A border officer closes a transfer: transfer.completed (handed over / not arrived; a person not recorded did not
 * arrive) and a person-arrived event per arrived person. The Completion insert is the claim: published once,
 * whoever closes; the transfer and its cases then follow it.
 */
@Injectable()
export class CloseTransfer {
  private readonly logger = new Logger(CloseTransfer.name);

  constructor(
    private readonly transfers: Transfers,
    private readonly cases: AcceptedCases,
    private readonly handovers: HandoverRecords,
    private readonly completions: Completions,
    private readonly bookings: PersonBookings,
    private readonly replies: PartnerReplies,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(partnerCode: string, transferReference: string, caller: Caller): Promise<ClosedTransfer> {
    const transfer = await this.transfers.get(partnerCode, transferReference);
    assertMayActAt(caller, transfer.borderCrossingPoint);
    assertOpenForHandover(transfer);
    const recorded = new Map((await this.handovers.ofTransfers([transfer._id])).map((r) => [r.partnerReference, r]));
    const arrivedReferences = new Set([...recorded.values()].filter((r) => r.outcome === 'arrived').map((r) => r.partnerReference));
    const outcome = handoverOutcome(transfer.manifest, arrivedReferences);
    const handedOver = outcome.handedOver.map((m) => m.partnerReference);
    const notArrived = outcome.notArrived.map((m) => m.partnerReference);
    const now = this.clock.now();
    const arrivedCases = await this.cases.findEach(
      '_id',
      outcome.handedOver.map((m) => m.caseNumber as string),
    );
    const events = [
      this.replies.transferCompleted(partnerCode, transfer._id, { transferReference, handedOver, notArrived }),
      ...arrivedCases.map((c) => this.replies.personArrived(c, transfer, new Date(recorded.get(c.partnerReference)?.recordedAt ?? now))),
    ];
    if (
      !(await this.completions.insertOnce({ _id: transfer._id, handedOver, notArrived, closedBy: caller.subject, closedAt: now }, events))
    ) {
      await this.settle(transfer._id); // closed by someone else (or a crash before the follow-up): finish it
      throw new ConflictError(`transfer ${transferReference} is already completed`);
    }
    await this.audit.record({
      actor: caller,
      action: 'transfer-closed',
      subject: transfer._id,
      details: { handedOver: handedOver.length, notArrived: notArrived.length },
    });
    transferMetrics.completed.inc();
    await this.settle(transfer._id);
    this.logger.log(`transfer ${transfer._id} completed: ${handedOver.length} handed over, ${notArrived.length} not arrived`);
    return { transferReference, handedOver, notArrived };
  }

  /** After a Completion exists: the transfer and its cases follow it (idempotent, so it may run again). */
  private async settle(transferId: string): Promise<void> {
    const completion = await this.completions.findById(transferId);
    if (!completion) return;
    const transfer = await this.transfers.findById(transferId, { manifest: 1 });
    const caseOf = new Map((transfer?.manifest ?? []).map((m) => [m.partnerReference, m.caseNumber]));
    await this.cases.markTransferred(
      completion.handedOver.map((r) => caseOf.get(r)).filter((c): c is string => !!c),
      completion.closedAt,
    );
    // Those who did not arrive wait for a new notice within the time limit.
    await this.cases.releaseFrom(transferId);
    await this.bookings.releaseAll(transferId);
    const { handedOver, notArrived, closedBy, closedAt } = completion;
    await this.transfers.update(
      { _id: transferId, status: { $ne: 'completed' } },
      {
        $set: { status: 'completed', handover: { handedOver, notArrived, closedBy, closedAt } },
        $push: {
          history: {
            at: closedAt,
            event: 'completed',
            by: closedBy,
            details: { handedOver: handedOver.length, notArrived: notArrived.length },
          },
        },
      },
    );
  }
}
