import { Injectable, Logger } from '@nestjs/common';
import { DecodedMessage, MistakeAnsweredInternalV1 } from '@readmission/contracts';
import { NotFoundError } from '@readmission/errors';
import { AuditTrail } from '@readmission/platform';
import { MistakeReturns } from '../infrastructure/mistake-returns.repository';
import { PartnerReplies } from './partner-replies';
import { transferMetrics } from './transfer-metrics';

/**
 * The partner's answer to a request for readmission by mistake (interface 1.1, routed by intake): kept on the case.
 * A second answer is answered `unknown-reference` (the first answer stands); an answer to no request is dead-lettered.
 */
@Injectable()
export class RecordMistakeAnswer {
  private readonly logger = new Logger(RecordMistakeAnswer.name);

  constructor(
    private readonly mistakes: MistakeReturns,
    private readonly replies: PartnerReplies,
    private readonly audit: AuditTrail,
  ) {}

  async execute({ payload: p }: DecodedMessage<MistakeAnsweredInternalV1>): Promise<void> {
    const { caseNumber, partnerReference, answer, grounds, note } = p.answer;
    const found = await this.mistakes.findById(caseNumber);
    const receivedAt = new Date(p.receivedAt);
    // Intake routes only answers about a registered case of this partner; one about a case never asked is set aside.
    if (!found || found.partnerCode !== p.partnerCode)
      throw new NotFoundError(`no request for readmission by mistake was made for ${caseNumber} (answer ${p.messageId})`);
    if (found.status !== 'requested' && found.answer?.messageId !== p.messageId) {
      const why = `the request for readmission by mistake of ${caseNumber} was already answered (${found.answer?.answer}); the first answer stands`;
      const rejection = this.replies.mistakeAnswerRejected(p.partnerCode, partnerReference, caseNumber, p.messageId, why);
      const history = { at: receivedAt, event: 'second-answer-refused', by: p.partnerCode, details: { messageId: p.messageId } };
      await this.mistakes.update({ _id: caseNumber }, { $push: { history } }, [rejection]);
      return void this.logger.warn(`${caseNumber}: second answer ${p.messageId} to readmission by mistake refused`);
    }
    const status = answer === 'accepted' ? 'accepted' : 'refused';
    const applied = await this.mistakes.update(
      { _id: caseNumber, status: 'requested' },
      {
        $set: { status, answer: { answer, grounds, note, receivedAt, messageId: p.messageId } },
        $push: {
          history: { at: receivedAt, event: `return-by-mistake-${status}`, by: p.partnerCode, details: { messageId: p.messageId } },
        },
      },
    );
    if (!applied) return; // a redelivery: done already
    await this.audit.record({
      actor: 'system',
      action: `return-by-mistake-${status}`,
      subject: caseNumber,
      id: `mistake-answer:${p.messageId}`,
      details: { partner: p.partnerCode, messageId: p.messageId },
    });
    transferMetrics.mistakeReturns.inc({ partner: p.partnerCode, outcome: status });
    this.logger.log(`${caseNumber}: partner ${status} the request for readmission by mistake`);
  }
}
