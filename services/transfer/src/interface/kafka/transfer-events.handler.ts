import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ConsumedRecord, PassThroughRpcFilter, decodeEvent } from '@readmission/messaging';
import { CancelTransfer } from '../../application/cancel-transfer';
import { JudgeTransferNotice } from '../../application/judge-transfer-notice';
import { RegisterAcceptedCase } from '../../application/register-accepted-case';

/** Kafka handlers: decode, call the use case. Errors reach KafkaEventServer unchanged, to be retried or dead-lettered by their class. */
@UseFilters(PassThroughRpcFilter)
@Controller()
export class TransferEventsHandler {
  constructor(
    private readonly registerAcceptedCase: RegisterAcceptedCase,
    private readonly judgeTransferNotice: JudgeTransferNotice,
    private readonly cancelTransfer: CancelTransfer,
  ) {}

  @EventPattern('readmission.internal.case-decided.v1')
  async onCaseDecided(@Payload() record: ConsumedRecord): Promise<void> {
    await this.registerAcceptedCase.execute(decodeEvent(record, 'readmission.internal.case-decided.v1'));
  }

  @EventPattern('readmission.internal.transfer-notified.v1')
  async onTransferNotified(@Payload() record: ConsumedRecord): Promise<void> {
    await this.judgeTransferNotice.execute(decodeEvent(record, 'readmission.internal.transfer-notified.v1'));
  }

  @EventPattern('readmission.internal.transfer-cancelled.v1')
  async onTransferCancelled(@Payload() record: ConsumedRecord): Promise<void> {
    await this.cancelTransfer.execute(decodeEvent(record, 'readmission.internal.transfer-cancelled.v1'));
  }
}
