import { Injectable, Logger } from '@nestjs/common';
import { DecodedMessage, TransferCancelledInternalV1 } from '@readmission/contracts';
import { Clock } from '@readmission/platform';
import { transferIdOf } from '../domain/transfer';
import { EarlyCancellations } from '../infrastructure/early-cancellations.repository';
import { Transfers } from '../infrastructure/transfers.repository';
import { ReleaseBooking } from './release-booking';

/** A partner's cancellation frees the capacity and the persons (they may be notified again); harmless when repeated. */
@Injectable()
export class CancelTransfer {
  private readonly logger = new Logger(CancelTransfer.name);

  constructor(
    private readonly transfers: Transfers,
    private readonly earlyCancellations: EarlyCancellations,
    private readonly release: ReleaseBooking,
    private readonly clock: Clock,
  ) {}

  async execute({ payload }: DecodedMessage<TransferCancelledInternalV1>): Promise<void> {
    const transferId = transferIdOf(payload.partnerCode, payload.cancellation.transferReference);
    const found = await this.transfers.findById(transferId, { status: 1 });
    if (!found) {
      // Intake routes a cancellation only for a notice it routed: the notice is on its way (another topic). Kept once.
      await this.earlyCancellations.insertOnce({ _id: transferId, receivedAt: new Date(payload.receivedAt), messageId: payload.messageId });
      return void this.logger.log(`cancellation ${payload.messageId} for transfer ${transferId} arrived before its notice: kept`);
    }
    if (found.status === 'completed' || found.status === 'cancelled') {
      return void this.logger.log(`transfer ${transferId} is ${found.status}: cancellation ${payload.messageId} changes nothing`);
    }
    await this.release.execute(transferId);
    const event = {
      at: this.clock.now(),
      event: 'cancelled',
      by: `partner:${payload.partnerCode}`,
      details: { messageId: payload.messageId, reason: payload.cancellation.reason },
    };
    await this.transfers.update({ _id: transferId }, { $set: { status: 'cancelled' }, $push: { history: event } });
    this.logger.log(`transfer ${transferId} cancelled by the partner; capacity released`);
  }
}
