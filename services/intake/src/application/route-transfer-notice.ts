import { Injectable } from '@nestjs/common';
import { formatInstant } from '@readmission/agreements';
import { PartnerMessage, RawHeaders, TransferNotifiedV1, encodeInternalEvent } from '@readmission/contracts';
import { deterministicId } from '@readmission/platform';
import { INTAKE_SOURCE } from '../domain/event-sources';
import { inboundEntry } from '../domain/message-history';
import { unknownApplications } from '../domain/rejection-reasons';
import { CaseRepository } from '../infrastructure/case.repository';
import { inboundLogId } from '../infrastructure/partner-message-log.schema';
import { RejectPartnerMessage } from './reject-partner-message';
import { RepeatFirstAnswer } from './repeat-first-answer';

/** Transfer notices go to transfer, which answers per person; a notice naming no known case is answered here. */
@Injectable()
export class RouteTransferNotice {
  constructor(
    private readonly cases: CaseRepository,
    private readonly answers: RepeatFirstAnswer,
    private readonly reject: RejectPartnerMessage,
  ) {}

  async execute(message: PartnerMessage, notice: TransferNotifiedV1, headers: RawHeaders, receivedAt: Date): Promise<void> {
    const { partnerCode, envelope } = message;
    const known = await this.cases.knownReferences(partnerCode, notice.partnerReferences);
    if (known.size === 0) return this.reject.execute(message, notice.transferReference, headers, unknownApplications(partnerCode, notice.partnerReferences));
    const routed = encodeInternalEvent(
      'readmission.internal.transfer-notified.v1',
      { partnerCode, noticeId: envelope.id, receivedAt: formatInstant(receivedAt), notice },
      { id: deterministicId('notice', partnerCode, envelope.id), source: INTAKE_SOURCE, time: receivedAt.toISOString(), causationId: envelope.id },
    );
    await this.answers.recordOnce(
      { _id: inboundLogId(partnerCode, envelope.id), partnerCode, recordKey: notice.transferReference, outcome: 'routed-to-transfer', history: [inboundEntry(message, headers, receivedAt)] },
      [routed],
    );
  }
}
