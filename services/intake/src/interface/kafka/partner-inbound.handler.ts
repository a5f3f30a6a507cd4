import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { parsePartnerRecord } from '@readmission/contracts';
import { InvalidInputError } from '@readmission/errors';
import { ConsumedRecord, PassThroughRpcFilter } from '@readmission/messaging';
import { ReceivePartnerMessage } from '../../application/receive-partner-message';

/** `partner-inbound` stands for the inbound topic of every configured partner (see intake.app.ts). */
export const PARTNER_INBOUND_PATTERN = 'partner-inbound';

/** Partner records: decoded, then received; one that cannot be decoded is answered, or dead-lettered if nobody can be. */
@UseFilters(PassThroughRpcFilter)
@Controller()
export class PartnerInboundHandler {
  constructor(private readonly receive: ReceivePartnerMessage) {}

  @EventPattern(PARTNER_INBOUND_PATTERN)
  async onPartnerRecord(@Payload() record: ConsumedRecord): Promise<void> {
    const parsed = parsePartnerRecord(record);
    if (parsed.ok) return this.receive.execute(parsed.message, record.headers, record.timestamp);
    if (parsed.failure.kind === 'unattributable' || !parsed.partnerCode) {
      // Nobody to answer: the dead-letter topic keeps it and operators see it counted.
      throw new InvalidInputError(
        `unattributable partner record: ${parsed.failure.kind === 'unattributable' ? parsed.failure.reason : 'no partner'}`,
      );
    }
    await this.receive.unparsable(parsed.partnerCode, parsed.failure, record, `${record.topic}/${record.partition}/${record.offset}`);
  }
}
