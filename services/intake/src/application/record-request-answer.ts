import { Injectable, Logger } from '@nestjs/common';
import {
  PartnerMessage,
  RawHeaders,
  RequestAcknowledgedV1,
  RequestDecidedV1,
  RequestRejectedV1,
  RequestTransferConfirmedV1,
  RequestTransferRefusedV1,
  RequestTravelDocumentIssuedV1,
} from '@readmission/contracts';
import { FilterQuery, UpdateQuery } from 'mongoose';
import { ReferenceData } from '@readmission/reference-data';
import { inboundEntry } from '../domain/message-history';
import {
  ACCEPTED_STATUSES,
  RequestStatus,
  TRANSFER_PENDING_STATUSES,
  UNDECIDED_STATUSES,
  partnerReplyDeadline,
  transferDeadline,
} from '../domain/outgoing-request';
import { OutgoingRequestRepository } from '../infrastructure/outgoing-request.repository';
import { OutgoingRequest } from '../infrastructure/outgoing-request.schema';
import { RejectPartnerMessage } from './reject-partner-message';
import { intakeMetrics } from './intake-metrics';
import { outgoingTransferRecorded } from './outgoing-transfer-event';
import { OutgoingRecord } from '@readmission/messaging';
import { Stored } from '@readmission/persistence';

type Answer =
  | RequestAcknowledgedV1
  | RequestDecidedV1
  | RequestTravelDocumentIssuedV1
  | RequestRejectedV1
  | RequestTransferConfirmedV1
  | RequestTransferRefusedV1;

/** A state change: the states it applies from, what else the stored request must match, the update, and its outcome. */
interface Change {
  from: RequestStatus[];
  where?: FilterQuery<OutgoingRequest>;
  update: UpdateQuery<OutgoingRequest>;
  outcome: string;
  /** Internal events the change publishes (in the same write). */
  events?: OutgoingRecord[];
}

/**
 * The partner's answers to one of Azerbaijan's requests (`readmission.request.*` on its inbound topic): the
 * acknowledgement (the Swiss reply clock starts there, CH-AZ Art. 8(2)), the decision (an acceptance starts the
 * transfer time limit; a refusal keeps its written grounds) and the travel document. Each is kept in the request's
 * history once (its ce_id in `appliedIds`); one that comes after the state it would change (a decision after a
 * deemed acceptance) is kept as received and changes nothing. A request number unknown for this partner is answered
 * `unknown-reference`. Interface 1.1 adds the mirror of Azerbaijan's own answers: a rejection as invalid (before a
 * decision: the request is `rejected`, each reason by field), and the confirmation (`transfer-confirmed`) or refusal of
 * the transfer notice named by its `transferReference` (a refusal sets the notice aside in `refusedTransfers` and the
 * request is `accepted` again, so that the officer can notify another transfer).
 */
@Injectable()
export class RecordRequestAnswer {
  private readonly logger = new Logger(RecordRequestAnswer.name);

  constructor(
    private readonly requests: OutgoingRequestRepository,
    private readonly reject: RejectPartnerMessage,
    private readonly referenceData: ReferenceData,
  ) {}

  async execute(message: PartnerMessage, answer: Answer, headers: RawHeaders, receivedAt: Date): Promise<void> {
    const { partnerCode } = message;
    const request = await this.requests.findOne({ _id: answer.requestNumber, partnerCode });
    if (!request)
      return this.reject.execute(
        message,
        answer.requestNumber,
        headers,
        [
          {
            code: 'unknown-reference',
            field: '$.requestNumber',
            message: `Azerbaijan sent no request ${answer.requestNumber} to ${partnerCode}`,
          },
        ],
        receivedAt,
      );
    const ceId = message.envelope.id;
    const entry = inboundEntry(message, headers, receivedAt);
    const kept: UpdateQuery<OutgoingRequest> = { $push: { appliedIds: ceId, history: entry } };
    const change = await this.changeFor(message.type, answer, request, receivedAt, ceId);
    // The state change applies only from the state it expects; otherwise the message is kept and changes nothing.
    const applied =
      change &&
      (await this.requests.update(
        { _id: request._id, appliedIds: { $ne: ceId }, status: { $in: change.from }, ...change.where },
        mergeUpdates(kept, change.update),
        change.events ?? [],
      ));
    if (!applied) await this.requests.update({ _id: request._id, appliedIds: { $ne: ceId } }, kept);
    intakeMetrics.requestAnswers.inc({ partner: partnerCode, type: message.type, outcome: applied ? change.outcome : 'kept' });
    this.logger.log(`${request._id}: ${message.type} from ${partnerCode}${applied ? '' : ' kept (no state change)'}`);
  }

  private async changeFor(
    type: string,
    answer: Answer,
    request: Stored<OutgoingRequest>,
    receivedAt: Date,
    messageId: string,
  ): Promise<Change | undefined> {
    switch (type) {
      case 'readmission.request.acknowledged.v1': {
        const ack = answer as RequestAcknowledgedV1;
        const calendars = await this.referenceData.calendarBook(receivedAt);
        const reply = request.replyDueBy
          ? undefined
          : partnerReplyDeadline(
              request.agreementRules,
              request.procedure as 'normal',
              request.partnerCode,
              { sentAt: request.sentAt, acknowledgedAt: receivedAt },
              calendars,
              request.rulebookVersion,
            );
        return {
          from: ['submitted'],
          outcome: 'acknowledged',
          update: {
            $set: {
              status: 'acknowledged',
              acknowledgedAt: receivedAt,
              partnerCaseReference: ack.partnerCaseReference,
              ...(reply ? { replyDueBy: reply.dueBy } : {}),
            },
            ...(reply ? { $addToSet: { deadlines: reply } } : {}),
          },
        };
      }
      case 'readmission.request.decided.v1': {
        const decided = answer as RequestDecidedV1;
        const decision = {
          decision: decided.decision,
          ...(decided.grounds ? { grounds: decided.grounds } : {}),
          decidedAt: receivedAt,
          deemed: false,
        };
        if (decided.decision === 'refused')
          return {
            from: UNDECIDED_STATUSES,
            outcome: 'refused',
            update: { $set: { status: 'refused', decision, replyLimitHandled: true } },
          };
        const calendars = await this.referenceData.calendarBook(receivedAt);
        const transfer = transferDeadline(request.agreementRules, receivedAt, calendars, request.rulebookVersion);
        return {
          from: UNDECIDED_STATUSES,
          outcome: 'accepted',
          update: {
            $set: { status: 'accepted', decision, replyLimitHandled: true, transferDueBy: transfer.dueBy },
            $addToSet: { deadlines: transfer },
          },
        };
      }
      case 'readmission.request.travel-document-issued.v1': {
        const { documentNumber, validFrom, validUntil } = answer as RequestTravelDocumentIssuedV1;
        return {
          from: [...ACCEPTED_STATUSES],
          outcome: 'travel-document',
          update: { $set: { travelDocument: { documentNumber, validFrom, validUntil } } },
        };
      }
      case 'readmission.request.rejected.v1': {
        const { reasons, rejectedAt } = answer as RequestRejectedV1;
        const rejection = { reasons: reasons.map((r) => ({ ...r })), rejectedAt, receivedAt };
        return {
          from: UNDECIDED_STATUSES,
          outcome: 'rejected',
          update: { $set: { status: 'rejected', rejection, replyLimitHandled: true } },
        };
      }
      case 'readmission.request.transfer-confirmed.v1': {
        const { transferReference, arrival, borderCrossingPoint } = answer as RequestTransferConfirmedV1;
        return {
          from: ['transfer-notified'],
          where: { 'transfer.transferReference': transferReference },
          outcome: 'transfer-confirmed',
          update: { $set: { status: 'transfer-confirmed', 'transfer.confirmation': { arrival, borderCrossingPoint, at: receivedAt } } },
          events: request.transfer ? [outgoingTransferRecorded(request, request.transfer, 'confirmed', receivedAt, messageId)] : [],
        };
      }
      case 'readmission.request.transfer-refused.v1': {
        const { transferReference, reasons } = answer as RequestTransferRefusedV1;
        if (request.transfer?.transferReference !== transferReference) return undefined;
        const refused = { ...request.transfer, refusal: { reasons: reasons.map((r) => ({ ...r })), at: receivedAt } };
        return {
          from: TRANSFER_PENDING_STATUSES,
          where: { 'transfer.transferReference': transferReference },
          outcome: 'transfer-refused',
          update: { $set: { status: 'accepted' }, $unset: { transfer: 1 }, $push: { refusedTransfers: refused } },
          events: [outgoingTransferRecorded(request, request.transfer, 'refused', receivedAt, messageId)],
        };
      }
    }
    return undefined;
  }
}

/** The history entry every answer adds, with a change's own update ($push of both kept together). */
function mergeUpdates(kept: UpdateQuery<OutgoingRequest>, change: UpdateQuery<OutgoingRequest>): UpdateQuery<OutgoingRequest> {
  return { ...change, ...kept, $push: { ...kept.$push, ...change.$push } };
}
