import { Injectable, Logger } from '@nestjs/common';
import { PartnerMessage, RawHeaders, RequestAcknowledgedV1, RequestDecidedV1, RequestTravelDocumentIssuedV1 } from '@readmission/contracts';
import { UpdateQuery } from 'mongoose';
import { ReferenceData } from '@readmission/reference-data';
import { inboundEntry } from '../domain/message-history';
import { RequestStatus, partnerReplyDeadline, transferDeadline } from '../domain/outgoing-request';
import { OutgoingRequestRepository } from '../infrastructure/outgoing-request.repository';
import { OutgoingRequest } from '../infrastructure/outgoing-request.schema';
import { RejectPartnerMessage } from './reject-partner-message';

type Answer = RequestAcknowledgedV1 | RequestDecidedV1 | RequestTravelDocumentIssuedV1;

/** Before the partner decided: an acknowledgement or a decision still changes the request's state. */
const UNDECIDED: RequestStatus[] = ['submitted', 'acknowledged', 'overdue'];

/**
 * The partner's answers to one of Azerbaijan's requests (`readmission.request.*` on its inbound topic): the
 * acknowledgement (the Swiss reply clock starts there, CH-AZ Art. 8(2)), the decision (an acceptance starts the
 * transfer time limit; a refusal keeps its written grounds) and the travel document. Each is kept in the request's
 * history once (its ce_id in `appliedIds`); one that comes after the state it would change (a decision after a
 * deemed acceptance) is kept as received and changes nothing. A request number unknown for this partner is answered
 * `unknown-reference`.
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
    const change = await this.changeFor(message.type, answer, request, receivedAt);
    // The state change applies only from the state it expects; otherwise the message is kept and changes nothing.
    const applied =
      change &&
      (await this.requests.update(
        { _id: request._id, appliedIds: { $ne: ceId }, status: { $in: change.from } },
        { ...kept, ...change.update },
      ));
    if (!applied) await this.requests.update({ _id: request._id, appliedIds: { $ne: ceId } }, kept);
    this.logger.log(`${request._id}: ${message.type} from ${partnerCode}${applied ? '' : ' kept (no state change)'}`);
  }

  private async changeFor(
    type: string,
    answer: Answer,
    request: OutgoingRequest,
    receivedAt: Date,
  ): Promise<{ from: RequestStatus[]; update: UpdateQuery<OutgoingRequest> } | undefined> {
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
          return { from: UNDECIDED, update: { $set: { status: 'refused', decision, replyLimitHandled: true } } };
        const calendars = await this.referenceData.calendarBook(receivedAt);
        const transfer = transferDeadline(request.agreementRules, receivedAt, calendars, request.rulebookVersion);
        return {
          from: UNDECIDED,
          update: {
            $set: { status: 'accepted', decision, replyLimitHandled: true, transferDueBy: transfer.dueBy },
            $addToSet: { deadlines: transfer },
          },
        };
      }
      case 'readmission.request.travel-document-issued.v1': {
        const { documentNumber, validFrom, validUntil } = answer as RequestTravelDocumentIssuedV1;
        return { from: ['accepted', 'transfer-notified'], update: { $set: { travelDocument: { documentNumber, validFrom, validUntil } } } };
      }
    }
    return undefined;
  }
}
