import { Injectable, Logger } from '@nestjs/common';
import { DecodedMessage, OutgoingTransferRecordedV1 } from '@readmission/contracts';
import { OutgoingTransfers } from '../infrastructure/outgoing-transfers.repository';

/** The partner's code and the transfer reference name an outgoing transfer, as they name a partner's transfer. */
export const outgoingTransferId = (partnerCode: string, transferReference: string) => `${partnerCode}:${transferReference}`;

/**
 * What happened to one of Azerbaijan's transfers to a partner (`readmission.internal.outgoing-transfer-recorded.v1`,
 * from intake): the transfer kept once, each event added once, the latest being its status (the events of one
 * transfer come in order on its key). Idempotent: an event already kept changes nothing.
 */
@Injectable()
export class RecordOutgoingTransfer {
  private readonly logger = new Logger(RecordOutgoingTransfer.name);

  constructor(private readonly transfers: OutgoingTransfers) {}

  async execute({ payload: p }: DecodedMessage<OutgoingTransferRecordedV1>): Promise<void> {
    const _id = outgoingTransferId(p.partnerCode, p.transferReference);
    const event = { event: p.event, at: new Date(p.at) };
    await this.transfers.insertOnce({
      _id,
      partnerCode: p.partnerCode,
      requestNumber: p.requestNumber,
      agreement: p.agreement,
      transferReference: p.transferReference,
      status: p.event,
      borderCrossingPoint: p.borderCrossingPoint,
      plannedArrival: new Date(p.plannedArrival),
      events: [],
    });
    const added = await this.transfers.update(
      { _id, 'events.event': { $ne: p.event } },
      { $set: { status: p.event }, $push: { events: event } },
    );
    this.logger.log(`outgoing transfer ${_id} (${p.requestNumber}): ${p.event}${added ? '' : ' already kept'}`);
  }
}
