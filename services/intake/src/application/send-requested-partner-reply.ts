import { Injectable } from '@nestjs/common';
import { PartnerReplyRequestedV1 } from '@readmission/contracts';
import { InvalidInputError, NotFoundError, RuleBrokenError } from '@readmission/errors';
import { Inbox, fingerprintOf } from '@readmission/persistence';
import { Clock } from '@readmission/platform';
import { PartnerReply, isPartnerOutboundType, partnerReply } from '../domain/partner-reply';
import { CaseRepository } from '../infrastructure/case.repository';
import { replyLogId } from '../infrastructure/partner-message-log.schema';
import { RepeatFirstAnswer } from './repeat-first-answer';

/**
 * Sends a reply another service asked for (intake is the platform's only door to partner topics), once per
 * replyId, and keeps it in its case's history, or in the partner message log when it names no case. The inbox
 * handles each request message once; the replyId guard keeps two requests for one reply from sending it twice. A reply
 * about a case goes only to that case's partner: a request naming another partner is refused (dead-lettered).
 */
@Injectable()
export class SendRequestedPartnerReply {
  constructor(
    private readonly inbox: Inbox,
    private readonly cases: CaseRepository,
    private readonly answers: RepeatFirstAnswer,
    private readonly clock: Clock,
  ) {}

  async execute(request: PartnerReplyRequestedV1, messageId: string): Promise<void> {
    await this.inbox.handle({ consumer: 'intake.partner-reply-requested', id: messageId, fingerprint: fingerprintOf(request) }, () =>
      this.send(request),
    );
  }

  private async send(request: PartnerReplyRequestedV1): Promise<void> {
    if (!isPartnerOutboundType(request.messageType))
      throw new InvalidInputError(`${request.messageType} is not a partner outbound message type`);
    let reply: PartnerReply;
    try {
      reply = partnerReply(
        request.partnerCode,
        request.messageType,
        request.replyId,
        request.payload,
        { subject: request.caseNumber, causationId: request.causationId },
        this.clock.now(),
      );
    } catch (error) {
      throw new InvalidInputError((error as Error).message); // the payload breaks the partner contract of its type
    }
    if (request.caseNumber) {
      // Only the case's own partner is ever answered about it: a request naming another partner is forged or wrong.
      const owner = await this.cases.findById(request.caseNumber, { partnerCode: 1 });
      if (owner && owner.partnerCode !== request.partnerCode)
        throw new RuleBrokenError(
          `reply ${request.replyId} is addressed to ${request.partnerCode}, but case ${request.caseNumber} is ${owner.partnerCode}'s`,
        );
      if (!(await this.cases.applyReply(request.caseNumber, request.replyId, reply.entry, reply.record))) {
        throw new NotFoundError(`reply ${request.replyId} names case ${request.caseNumber}, which intake does not know`);
      }
      return;
    }
    await this.answers.recordOnce(
      {
        _id: replyLogId(request.replyId),
        partnerCode: request.partnerCode,
        recordKey: request.recordKey,
        outcome: 'sent',
        history: [reply.entry],
      },
      [reply.record],
    );
  }
}
