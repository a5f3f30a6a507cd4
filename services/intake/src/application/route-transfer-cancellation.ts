import { Injectable } from '@nestjs/common';
import { formatInstant } from '@readmission/agreements';
import { PartnerMessage, RawHeaders, TransferCancelledV1, encodeInternalEvent } from '@readmission/contracts';
import { deterministicId } from '@readmission/platform';
import { INTAKE_SOURCE } from '../domain/event-sources';
import { inboundEntry } from '../domain/message-history';
import { unknownTransfer } from '../domain/rejection-reasons';
import { PartnerMessageLogRepository } from '../infrastructure/partner-message-log.repository';
import { inboundLogId } from '../infrastructure/partner-message-log.schema';
import { RejectPartnerMessage } from './reject-partner-message';
import { RepeatFirstAnswer } from './repeat-first-answer';

/** Cancellations of a notified transfer go to transfer; one of a transfer never notified is answered here. */
@Injectable()
export class RouteTransferCancellation {
  constructor(
    private readonly log: PartnerMessageLogRepository,
    private readonly answers: RepeatFirstAnswer,
    private readonly reject: RejectPartnerMessage,
  ) {}

  async execute(message: PartnerMessage, cancellation: TransferCancelledV1, headers: RawHeaders, receivedAt: Date): Promise<void> {
    const { partnerCode, envelope } = message;
    if (!(await this.log.transferNotified(partnerCode, cancellation.transferReference))) {
      return this.reject.execute(message, cancellation.transferReference, headers, [unknownTransfer(partnerCode, cancellation.transferReference)]);
    }
    const routed = encodeInternalEvent(
      'readmission.internal.transfer-cancelled.v1',
      { partnerCode, messageId: envelope.id, receivedAt: formatInstant(receivedAt), cancellation },
      { id: deterministicId('cancelled', partnerCode, envelope.id), source: INTAKE_SOURCE, time: receivedAt.toISOString(), causationId: envelope.id },
    );
    await this.answers.recordOnce(
      { _id: inboundLogId(partnerCode, envelope.id), partnerCode, recordKey: cancellation.transferReference, outcome: 'routed-to-transfer', history: [inboundEntry(message, headers, receivedAt)] },
      [routed],
    );
  }
}
