import { Injectable, Logger } from '@nestjs/common';
import { DecodedMessage, TransferCancelledInternalV1 } from '@readmission/contracts';
import { Clock } from '@readmission/platform';
import { cancellationPrevails, transferIdOf } from '../domain/transfer';
import { Cancellations } from '../infrastructure/cancellations.repository';
import { Transfers } from '../infrastructure/transfers.repository';
import { ReleaseBooking } from './release-booking';

/**
 * A partner's cancellation frees the capacity and the persons (they may be notified again), unless the transfer's
 * notice was received after it (docs/rules.md#advance-notice-and-cancellation): notices and cancellations are
 * compared by time of receipt, whatever order they are handled in. Harmless when repeated.
 */
@Injectable()
export class CancelTransfer {
  private readonly logger = new Logger(CancelTransfer.name);

  constructor(
    private readonly transfers: Transfers,
    private readonly cancellations: Cancellations,
    private readonly release: ReleaseBooking,
    private readonly clock: Clock,
  ) {}

  async execute({ payload }: DecodedMessage<TransferCancelledInternalV1>): Promise<void> {
    const transferId = transferIdOf(payload.partnerCode, payload.cancellation.transferReference);
    // Kept first: a notice judged meanwhile finds it (JudgeTransferNotice applies it after its own write).
    await this.cancellations.recordNewest(transferId, new Date(payload.receivedAt), payload.messageId);
    await this.applyLatest(transferId, {
      messageId: payload.messageId,
      reason: payload.cancellation.reason,
      by: `partner:${payload.partnerCode}`,
    });
  }

  /**
   * Applies the transfer's latest cancellation to its notice, if the cancellation was received after it: the places
   * and persons are freed and the transfer is `cancelled`. A cancellation received before the notice changes
   * nothing (recorded in the history when `message` names it). Idempotent.
   */
  async applyLatest(transferId: string, message?: { messageId: string; reason?: string; by: string }): Promise<void> {
    const [found, cancellation] = await Promise.all([
      this.transfers.findById(transferId, { status: 1, noticeId: 1, noticeReceivedAt: 1 }),
      this.cancellations.findById(transferId),
    ]);
    if (!cancellation) return;
    if (!found) {
      // Intake routes a cancellation only for a notice it routed: the notice is on its way (another topic).
      return void this.logger.log(`cancellation ${cancellation.messageId} for transfer ${transferId} arrived before its notice: kept`);
    }
    if (found.status === 'completed' || found.status === 'cancelled') {
      return void this.logger.log(`transfer ${transferId} is ${found.status}: cancellation ${cancellation.messageId} changes nothing`);
    }
    if (!cancellationPrevails(cancellation.receivedAt, found.noticeReceivedAt)) {
      if (!message) return;
      const event = { at: this.clock.now(), event: 'cancellation-superseded', by: message.by, details: { messageId: message.messageId } };
      await this.transfers.update({ _id: transferId }, { $push: { history: event } });
      return void this.logger.log(
        `transfer ${transferId}: cancellation ${message.messageId} was received before notice ${found.noticeId}: ignored`,
      );
    }
    await this.release.execute(transferId);
    const event = {
      at: this.clock.now(),
      event: 'cancelled',
      by: message?.by ?? 'system',
      details: { messageId: cancellation.messageId, ...(message?.reason ? { reason: message.reason } : {}) },
    };
    await this.transfers.update(
      { _id: transferId, status: { $ne: 'cancelled' } },
      { $set: { status: 'cancelled' }, $push: { history: event } },
    );
    this.logger.log(`transfer ${transferId} cancelled by the partner; capacity released`);
  }
}
