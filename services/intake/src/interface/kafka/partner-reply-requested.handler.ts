import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ConsumedRecord, PassThroughRpcFilter, decodeEvent } from '@readmission/messaging';
import { SendRequestedPartnerReply } from '../../application/send-requested-partner-reply';

/** Replies other services ask intake to send to a partner. */
@UseFilters(PassThroughRpcFilter)
@Controller()
export class PartnerReplyRequestedHandler {
  constructor(private readonly sendReply: SendRequestedPartnerReply) {}

  @EventPattern('readmission.internal.partner-reply-requested.v1')
  async onReplyRequested(@Payload() record: ConsumedRecord): Promise<void> {
    const { envelope, payload } = decodeEvent(record, 'readmission.internal.partner-reply-requested.v1');
    await this.sendReply.execute(payload, envelope.id);
  }
}
