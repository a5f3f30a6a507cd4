import { Injectable } from '@nestjs/common';
import { formatInstant } from '@readmission/agreements';
import {
  EncodedRecord,
  PartnerMessage,
  RawHeaders,
  TransferCancelledV1,
  TransferNotifiedV1,
  encodeInternalEvent,
} from '@readmission/contracts';
import { inboundEntry } from '../domain/message-history';
import { unknownApplications, unknownTransfer } from '../domain/rejection-reasons';
import { CaseRepository } from '../infrastructure/case.repository';
import { PartnerMessageLogRepository } from '../infrastructure/partner-message-log.repository';
import { inboundLogId } from '../infrastructure/partner-message-log.schema';
import { RejectPartnerMessage } from './reject-partner-message';
import { RepeatFirstAnswer } from './repeat-first-answer';
import { routedEventMeta } from './routed-event-meta';

/**
 * Transfer notices and their cancellations go to transfer, which answers them; a notice naming no known case, or a
 * cancellation of a transfer never notified, is answered here. Each is kept in the partner message log.
 */
@Injectable()
export class RouteTransferMessage {
  constructor(
    private readonly cases: CaseRepository,
    private readonly log: PartnerMessageLogRepository,
    private readonly answers: RepeatFirstAnswer,
    private readonly reject: RejectPartnerMessage,
  ) {}

  async notice(message: PartnerMessage, notice: TransferNotifiedV1, headers: RawHeaders, receivedAt: Date): Promise<void> {
    const { partnerCode, envelope } = message;
    const known = await this.cases.knownReferences(partnerCode, notice.partnerReferences);
    if (known.size === 0)
      return this.reject.execute(
        message,
        notice.transferReference,
        headers,
        unknownApplications(partnerCode, notice.partnerReferences),
        receivedAt,
      );
    const routed = encodeInternalEvent(
      'readmission.internal.transfer-notified.v1',
      { partnerCode, noticeId: envelope.id, receivedAt: formatInstant(receivedAt), notice },
      routedEventMeta('notice', message, receivedAt),
    );
    await this.route(message, notice.transferReference, headers, receivedAt, routed);
  }

  async cancellation(message: PartnerMessage, cancellation: TransferCancelledV1, headers: RawHeaders, receivedAt: Date): Promise<void> {
    const { partnerCode, envelope } = message;
    if (!(await this.log.transferNotified(partnerCode, cancellation.transferReference))) {
      return this.reject.execute(
        message,
        cancellation.transferReference,
        headers,
        [unknownTransfer(partnerCode, cancellation.transferReference)],
        receivedAt,
      );
    }
    const routed = encodeInternalEvent(
      'readmission.internal.transfer-cancelled.v1',
      { partnerCode, messageId: envelope.id, receivedAt: formatInstant(receivedAt), cancellation },
      routedEventMeta('cancelled', message, receivedAt),
    );
    await this.route(message, cancellation.transferReference, headers, receivedAt, routed);
  }

  /** Keeps the message (its transfer reference as record key) and queues its event to transfer, in one write. */
  private route(
    message: PartnerMessage,
    transferReference: string,
    headers: RawHeaders,
    receivedAt: Date,
    routed: EncodedRecord & { topic: string },
  ): Promise<void> {
    const { partnerCode, envelope } = message;
    return this.answers.recordOnce(
      {
        _id: inboundLogId(partnerCode, envelope.id),
        partnerCode,
        recordKey: transferReference,
        outcome: 'routed-to-transfer',
        history: [inboundEntry(message, headers, receivedAt)],
      },
      [routed],
    );
  }
}
