import { Injectable } from '@nestjs/common';
import {
  ApplicationSubmittedV1,
  ApplicationSupplementedV1,
  ApplicationWithdrawnV1,
  DecodeFailure,
  PartnerMessage,
  RawHeaders,
  RemedyPendingV1,
  RequestAcknowledgedV1,
  TransferCancelledV1,
  TransferNotifiedV1,
  TransitRequestedV1,
} from '@readmission/contracts';
import { Delivery, Inbox, ReusedMessageIdError, fingerprintOf } from '@readmission/persistence';
import { Clock } from '@readmission/platform';
import { receiptOf } from '../domain/receipt';
import { RegisterApplication } from './register-application';
import { RejectPartnerMessage } from './reject-partner-message';
import { APPLICATION_SUBMITTED, intakeMetrics } from './intake-metrics';
import { RepeatFirstAnswer } from './repeat-first-answer';
import { RouteSupplementOrWithdrawal } from './route-supplement-or-withdrawal';
import { RouteTransferMessage } from './route-transfer-message';
import { RecordRequestAnswer } from './record-request-answer';
import { RouteTransitRequest } from './route-transit-request';

/** The inbox consumer of partner records; a message is known by `<partner>:<ce_id>`. */
const CONSUMER = 'intake.partner-inbound';

/** What is known of a partner record before its use case runs. */
interface Received {
  partnerCode: string;
  ceId: string;
  type: string;
  fingerprint: string;
  key: string;
  headers: RawHeaders;
  receivedAt: Date;
}

/**
 * A partner record, once per message: a redelivery (same ce_id, same content) gets the first answer again,
 * unchanged; anything else goes to the use case of its type, received at the broker's append time.
 *
 * The inbox records each delivery with a fingerprint of its content; the message's own record (its case's history,
 * or its partner message log entry) keeps the answer that a redelivery repeats. A delivery that crashed part way is
 * run again, and looks for that record first: an answer already given is repeated, never judged again (time has
 * moved on, the rulebook may have changed). A partner reusing a ce_id for other content is answered with a rejection
 * naming `ce_id` (the first message's answer stands); that rejection is repeated on its own redelivery.
 */
@Injectable()
export class ReceivePartnerMessage {
  constructor(
    private readonly inbox: Inbox,
    private readonly answers: RepeatFirstAnswer,
    private readonly register: RegisterApplication,
    private readonly routeCaseMessage: RouteSupplementOrWithdrawal,
    private readonly routeTransferMessage: RouteTransferMessage,
    private readonly routeTransitRequest: RouteTransitRequest,
    private readonly reject: RejectPartnerMessage,
    private readonly requestAnswer: RecordRequestAnswer,
    private readonly clock: Clock,
  ) {}

  /** A message that passed its closed schema. */
  async execute(message: PartnerMessage, headers: RawHeaders, brokerTimestamp: string): Promise<void> {
    const receivedAt = receiptOf(brokerTimestamp, this.clock.now());
    const fingerprint = fingerprintOf({ type: message.type, key: message.key, payload: message.payload });
    await this.once(
      {
        partnerCode: message.partnerCode,
        ceId: message.envelope.id,
        type: message.type,
        fingerprint,
        key: message.key,
        headers,
        receivedAt,
      },
      () => this.route(message, headers, receivedAt),
    );
  }

  /**
   * A record that names its partner but could not be decoded: rejected, once (`position` stands in for a missing
   * ce_id); its fingerprint is that of its bytes.
   */
  async unparsable(
    partnerCode: string,
    failure: Extract<DecodeFailure, { kind: 'rejected' }>,
    record: { headers: RawHeaders; value: Buffer | null; timestamp: string },
    position: string,
  ): Promise<void> {
    const receivedAt = receiptOf(record.timestamp, this.clock.now());
    const ceId = failure.envelope.id ?? `no-ce-id:${position}`;
    const type = failure.envelope.type ?? 'unknown';
    const fingerprint = fingerprintOf({ type, key: failure.key, bytes: record.value?.toString('base64') ?? null });
    await this.once({ partnerCode, ceId, type, fingerprint, key: failure.key, headers: record.headers, receivedAt }, () =>
      this.reject.unparsable(partnerCode, failure, record.headers, position, receivedAt),
    );
  }

  private async once(received: Received, effect: () => Promise<void>): Promise<void> {
    const { partnerCode, ceId, type, fingerprint } = received;
    // Only a retried delivery can find an answer given already; a first delivery does not look (that look-up
    // reads the cases by inbound id, a scan on FerretDB that grows with the stored cases).
    const answer = async ({ retry }: Delivery) => {
      if (retry && (await this.answers.ifHandled(partnerCode, ceId, type))) return;
      if (type === APPLICATION_SUBMITTED) intakeMetrics.received.inc({ partner: partnerCode });
      await effect();
    };
    try {
      const { first } = await this.inbox.handle({ consumer: CONSUMER, id: `${partnerCode}:${ceId}`, fingerprint }, answer);
      if (!first) await this.answers.ifHandled(partnerCode, ceId, type);
    } catch (error) {
      if (!(error instanceof ReusedMessageIdError)) throw error;
      await this.reject.reusedId(partnerCode, ceId, fingerprint, received.key, type, received.headers, received.receivedAt);
    }
  }

  private route(message: PartnerMessage, headers: RawHeaders, receivedAt: Date): Promise<void> {
    switch (message.type) {
      case 'readmission.application.submitted.v1':
        return this.register.execute(message, message.payload as ApplicationSubmittedV1, headers, receivedAt);
      case 'readmission.application.supplemented.v1':
      case 'readmission.application.withdrawn.v1':
      case 'readmission.remedy.pending.v1':
      case 'readmission.remedy.lifted.v1':
      case 'readmission.mistake.answered.v1':
        return this.routeCaseMessage.execute(
          message,
          message.payload as ApplicationSupplementedV1 | ApplicationWithdrawnV1 | RemedyPendingV1,
          headers,
          receivedAt,
        );
      case 'readmission.transfer.notified.v1':
        return this.routeTransferMessage.notice(message, message.payload as TransferNotifiedV1, headers, receivedAt);
      case 'readmission.transfer.cancelled.v1':
        return this.routeTransferMessage.cancellation(message, message.payload as TransferCancelledV1, headers, receivedAt);
      case 'readmission.request.acknowledged.v1':
      case 'readmission.request.decided.v1':
      case 'readmission.request.travel-document-issued.v1':
      case 'readmission.request.rejected.v1':
      case 'readmission.request.transfer-confirmed.v1':
      case 'readmission.request.transfer-refused.v1':
        return this.requestAnswer.execute(message, message.payload as RequestAcknowledgedV1, headers, receivedAt);
      case 'readmission.transit.requested.v1':
        return this.routeTransitRequest.execute(message, message.payload as TransitRequestedV1, headers, receivedAt);
    }
  }
}
