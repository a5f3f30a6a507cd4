import { Injectable, Logger } from '@nestjs/common';
import { formatInstant } from '@readmission/agreements';
import {
  ApplicationSupplementedV1,
  ApplicationWithdrawnV1,
  MistakeAnsweredV1,
  PartnerMessage,
  RawHeaders,
  RemedyLiftedV1,
  RemedyPendingV1,
  encodeInternalEvent,
} from '@readmission/contracts';
import { inboundEntry } from '../domain/message-history';
import { unknownApplication } from '../domain/rejection-reasons';
import { CaseRepository } from '../infrastructure/case.repository';
import { RejectPartnerMessage } from './reject-partner-message';
import { routedEventMeta } from './routed-event-meta';

/**
 * Messages about a registered case: kept in the case's history and routed, supplements and withdrawals to
 * verification, pending remedies and their lifting and answers to a request for readmission by mistake (interface
 * 1.1) to transfer; unknown cases are answered.
 */
@Injectable()
export class RouteSupplementOrWithdrawal {
  private readonly logger = new Logger(RouteSupplementOrWithdrawal.name);

  constructor(
    private readonly cases: CaseRepository,
    private readonly reject: RejectPartnerMessage,
  ) {}

  async execute(
    message: PartnerMessage,
    payload: ApplicationSupplementedV1 | ApplicationWithdrawnV1 | RemedyPendingV1 | RemedyLiftedV1 | MistakeAnsweredV1,
    headers: RawHeaders,
    receivedAt: Date,
  ): Promise<void> {
    const { partnerCode, envelope } = message;
    const caseNumber = await this.cases.caseNumberOf(partnerCode, payload.partnerReference);
    const named = (payload as MistakeAnsweredV1).caseNumber;
    if (!caseNumber || (named !== undefined && named !== caseNumber))
      return this.reject.execute(
        message,
        payload.partnerReference,
        headers,
        [
          caseNumber
            ? {
                code: 'unknown-reference',
                field: '$.caseNumber',
                message: `${named} is not the case number of ${payload.partnerReference}`,
              }
            : unknownApplication(partnerCode, payload.partnerReference),
        ],
        receivedAt,
      );
    const meta = routedEventMeta('routed', message, receivedAt, caseNumber);
    const common = { caseNumber, partnerCode, messageId: envelope.id, receivedAt: formatInstant(receivedAt) };
    if (message.type === 'readmission.mistake.answered.v1') {
      const answer = payload as MistakeAnsweredV1;
      const routed = encodeInternalEvent(
        'readmission.internal.mistake-answered.v1',
        { partnerCode, messageId: envelope.id, receivedAt: common.receivedAt, answer },
        meta,
      );
      await this.cases.applyInbound(caseNumber, inboundEntry(message, headers, receivedAt), {}, [routed]);
      return void this.logger.log(`${caseNumber}: answer to readmission by mistake (${answer.answer}) ${envelope.id} routed to transfer`);
    }
    if (message.type === 'readmission.remedy.pending.v1' || message.type === 'readmission.remedy.lifted.v1') {
      const pending = message.type === 'readmission.remedy.pending.v1';
      const r = payload as RemedyPendingV1 & RemedyLiftedV1;
      const remedy = encodeInternalEvent(
        'readmission.internal.remedy-changed.v1',
        {
          ...common,
          partnerReference: r.partnerReference,
          state: pending ? 'pending' : 'lifted',
          kind: r.kind,
          date: pending ? r.since : r.on,
          ...(r.authority ? { authority: r.authority } : {}),
          ...(r.note ? { note: r.note } : {}),
        },
        meta,
      );
      await this.cases.applyInbound(caseNumber, inboundEntry(message, headers, receivedAt), {}, [remedy]);
      return void this.logger.log(`${caseNumber}: remedy ${pending ? 'pending' : 'lifted'} (${r.kind}) ${envelope.id} routed to transfer`);
    }
    const withdrawal = message.type === 'readmission.application.withdrawn.v1';
    const routed = withdrawal
      ? encodeInternalEvent(
          'readmission.internal.application-withdrawn.v1',
          { ...common, withdrawal: payload as ApplicationWithdrawnV1 },
          meta,
        )
      : encodeInternalEvent(
          'readmission.internal.application-supplemented.v1',
          { ...common, supplement: payload as ApplicationSupplementedV1 },
          meta,
        );
    await this.cases.applyInbound(caseNumber, inboundEntry(message, headers, receivedAt), withdrawal ? { status: 'withdrawn' } : {}, [
      routed,
    ]);
    this.logger.log(`${caseNumber}: ${withdrawal ? 'withdrawal' : 'supplement'} ${envelope.id} routed to verification`);
  }
}
