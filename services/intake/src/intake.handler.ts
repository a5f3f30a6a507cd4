import { Controller, Logger, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { parsePartnerRecord } from '@readmission/contracts';
import { ConsumedRecord, PassThroughRpcFilter, PermanentError, decodeEvent } from '@readmission/messaging';
import { IntakeService } from './intake.service';

/** `partner-inbound` stands for the inbound topic of every configured partner (see main.ts). */
export const PARTNER_INBOUND_PATTERN = 'partner-inbound';

/** Kafka handlers: errors reach KafkaEventServer unchanged, to be retried or dead-lettered by their class. */
@UseFilters(PassThroughRpcFilter)
@Controller()
export class IntakeHandler {
  private readonly logger = new Logger(IntakeHandler.name);

  constructor(private readonly intake: IntakeService) {}

  @EventPattern(PARTNER_INBOUND_PATTERN)
  async onPartnerRecord(@Payload() record: ConsumedRecord): Promise<void> {
    const parsed = parsePartnerRecord(record);
    if (parsed.ok) return this.intake.handlePartnerMessage(parsed.message, record.headers, this.intake.receiptOf(record));
    if (parsed.failure.kind === 'unattributable' || !parsed.partnerCode) {
      // Nobody to answer: the dead-letter topic keeps it and operators see it counted.
      throw new PermanentError(`unattributable partner record: ${parsed.failure.kind === 'unattributable' ? parsed.failure.reason : 'no partner'}`);
    }
    await this.intake.rejectUnparsable(parsed.partnerCode, parsed.failure, record.headers, `${record.topic}/${record.partition}/${record.offset}`);
  }

  @EventPattern('readmission.internal.partner-reply-requested.v1')
  async onReplyRequested(@Payload() record: ConsumedRecord): Promise<void> {
    const { payload } = decodeEvent(record, 'readmission.internal.partner-reply-requested.v1');
    await this.intake.publishRequestedReply(payload);
  }
}
