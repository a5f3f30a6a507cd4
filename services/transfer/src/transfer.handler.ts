import { UseFilters, Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ConsumedRecord, PassThroughRpcFilter, decodeEvent } from '@readmission/messaging';
import { TransferService } from './transfer.service';

/** Kafka handlers: errors reach KafkaEventServer unchanged, to be retried or dead-lettered by their class. */
@UseFilters(PassThroughRpcFilter)
@Controller()
export class TransferHandler {
  constructor(private readonly transfers: TransferService) {}

  @EventPattern('readmission.internal.case-decided.v1')
  async onCaseDecided(@Payload() record: ConsumedRecord): Promise<void> {
    await this.transfers.onCaseDecided(decodeEvent(record, 'readmission.internal.case-decided.v1'));
  }

  @EventPattern('readmission.internal.transfer-notified.v1')
  async onTransferNotified(@Payload() record: ConsumedRecord): Promise<void> {
    await this.transfers.onTransferNotified(decodeEvent(record, 'readmission.internal.transfer-notified.v1'));
  }

  @EventPattern('readmission.internal.transfer-cancelled.v1')
  async onTransferCancelled(@Payload() record: ConsumedRecord): Promise<void> {
    await this.transfers.onTransferCancelled(decodeEvent(record, 'readmission.internal.transfer-cancelled.v1'));
  }
}
