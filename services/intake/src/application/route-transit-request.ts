import { Injectable, Logger } from '@nestjs/common';
import { MissingCalendarError, formatInstant } from '@readmission/agreements';
import { PartnerMessage, RawHeaders, TransitRequestedV1, encodeInternalEvent } from '@readmission/contracts';
import { NotFoundError } from '@readmission/errors';
import { fingerprintOf } from '@readmission/persistence';
import { Clock, deterministicId } from '@readmission/platform';
import { ReferenceData } from '@readmission/reference-data';
import { inboundEntry } from '../domain/message-history';
import { partnerReply } from '../domain/partner-reply';
import { duplicateTransitReference } from '../domain/rejection-reasons';
import { TransitCheck, checkTransitRequest } from '../domain/transit-checks';
import { PartnerMessageLogRepository } from '../infrastructure/partner-message-log.repository';
import { inboundLogId } from '../infrastructure/partner-message-log.schema';
import { RejectPartnerMessage } from './reject-partner-message';
import { RepeatFirstAnswer } from './repeat-first-answer';
import { routedEventMeta } from './routed-event-meta';

/** The log outcome of a transit request acknowledged and routed to transfer. */
export const TRANSIT_ROUTED = 'transit-routed-to-transfer';

/**
 * A partner's transit request (interface 1.1, docs/rules.md#transit): checked against the rulebook in effect at
 * receipt, acknowledged with its reply time limit and routed to transfer (which owns transits), in one write of the
 * partner message log; or answered why not. A resend of the same request under a new ce_id gets the first
 * acknowledgement again; a reference reused for another request is answered `duplicate-reference`.
 */
@Injectable()
export class RouteTransitRequest {
  private readonly logger = new Logger(RouteTransitRequest.name);

  constructor(
    private readonly log: PartnerMessageLogRepository,
    private readonly answers: RepeatFirstAnswer,
    private readonly reject: RejectPartnerMessage,
    private readonly referenceData: ReferenceData,
    private readonly clock: Clock,
  ) {}

  async execute(message: PartnerMessage, request: TransitRequestedV1, headers: RawHeaders, receivedAt: Date): Promise<void> {
    const { partnerCode, envelope } = message;
    const existing = await this.log.findOne({ partnerCode, recordKey: request.transitReference, outcome: TRANSIT_ROUTED });
    if (existing) {
      const first = existing.history.find((h) => h.direction === 'inbound');
      if (first && sameContent(first.payload, request)) {
        this.logger.log(`transit ${partnerCode}:${request.transitReference}: same request resent as ${envelope.id}, repeating the answer`);
        return this.answers.repeat(existing.history, undefined, partnerCode);
      }
      return this.reject.execute(
        message,
        request.transitReference,
        headers,
        [duplicateTransitReference(request.transitReference)],
        receivedAt,
      );
    }
    const rulebook = await this.referenceData.rulebookAt(receivedAt);
    let check: TransitCheck;
    try {
      check = checkTransitRequest(request, partnerCode, receivedAt, rulebook, await this.referenceData.calendarBook(receivedAt));
    } catch (error) {
      if (error instanceof MissingCalendarError) throw new NotFoundError(`cannot compute the transit reply time limit: ${error.message}`);
      throw error;
    }
    if (!check.ok) return this.reject.execute(message, request.transitReference, headers, [check.reason], receivedAt);

    const { agreement, transit, reply } = check;
    const ack = partnerReply(
      partnerCode,
      'readmission.transit.acknowledged.v1',
      deterministicId('transit-ack', partnerCode, envelope.id),
      {
        transitReference: request.transitReference,
        receivedAt: formatInstant(receivedAt),
        agreement: agreement.code,
        replyDueBy: formatInstant(reply.dueBy),
      },
      { causationId: envelope.id },
      this.clock.now(),
    );
    const routed = encodeInternalEvent(
      'readmission.internal.transit-requested.v1',
      {
        partnerCode,
        messageId: envelope.id,
        receivedAt: formatInstant(receivedAt),
        agreement: agreement.code,
        rulebookVersion: rulebook.version,
        transitRules: transit,
        replyDueBy: formatInstant(reply.dueBy),
        replyRule: reply.rule,
        request,
      },
      routedEventMeta('transit-requested', message, receivedAt),
    );
    await this.answers.recordOnce(
      {
        _id: inboundLogId(partnerCode, envelope.id),
        partnerCode,
        recordKey: request.transitReference,
        outcome: TRANSIT_ROUTED,
        history: [inboundEntry(message, headers, receivedAt), ack.entry],
      },
      [ack.record, routed],
    );
    this.logger.log(
      `transit ${partnerCode}:${request.transitReference} acknowledged under ${agreement.code}, rulebook ${rulebook.version}`,
    );
  }
}

/** Whether a stored request (as read back from the store) and a received one say the same (JSON content). */
function sameContent(stored: object, received: object): boolean {
  const plain = (v: object) => fingerprintOf(JSON.parse(JSON.stringify(v)));
  return plain(stored) === plain(received);
}
