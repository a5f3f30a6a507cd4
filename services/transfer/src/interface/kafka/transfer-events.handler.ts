import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ConsumedRecord, PassThroughRpcFilter, decodeEvent } from '@readmission/messaging';
import { Inbox, consumeOnce } from '@readmission/persistence';
import { CancelTransfer } from '../../application/cancel-transfer';
import { JudgeTransferNotice } from '../../application/judge-transfer-notice';
import { LapseAcceptance, WAITING_CONSUMER as LAPSED_CONSUMER } from '../../application/lapse-acceptance';
import { RecordMistakeAnswer } from '../../application/record-mistake-answer';
import { RecordRemedy } from '../../application/record-remedy';
import { RegisterAcceptedCase } from '../../application/register-accepted-case';
import { RegisterTransit } from '../../application/register-transit';
import { RecordOutgoingTransfer } from '../../application/record-outgoing-transfer';

const CASE_DECIDED = 'readmission.internal.case-decided.v1';
const TRANSFER_NOTIFIED = 'readmission.internal.transfer-notified.v1';
const TRANSFER_CANCELLED = 'readmission.internal.transfer-cancelled.v1';
const ACCEPTANCE_LAPSED = 'readmission.internal.acceptance-lapsed.v1';
const REMEDY_CHANGED = 'readmission.internal.remedy-changed.v1';
const MISTAKE_ANSWERED = 'readmission.internal.mistake-answered.v1';
const TRANSIT_REQUESTED = 'readmission.internal.transit-requested.v1';
const OUTGOING_TRANSFER = 'readmission.internal.outgoing-transfer-recorded.v1';

/**
 * Kafka handlers: decode, call the use case through the inbox (a redelivery of a handled message does nothing; one
 * whose handling crashed reruns the use case, which is idempotent), except the acceptance (see onCaseDecided). Errors reach KafkaEventServer unchanged:
 * domain errors are dead-lettered at once, others retried.
 */
@UseFilters(PassThroughRpcFilter)
@Controller()
export class TransferEventsHandler {
  constructor(
    private readonly inbox: Inbox,
    private readonly registerAcceptedCase: RegisterAcceptedCase,
    private readonly judgeTransferNotice: JudgeTransferNotice,
    private readonly cancelTransfer: CancelTransfer,
    private readonly lapseAcceptance: LapseAcceptance,
    private readonly recordRemedy: RecordRemedy,
    private readonly recordMistakeAnswer: RecordMistakeAnswer,
    private readonly registerTransit: RegisterTransit,
    private readonly recordOutgoingTransfer: RecordOutgoingTransfer,
  ) {}

  /**
   * Not through the inbox: opening the accepted case is a one-time effect named by the case number (insertOnce in
   * RegisterAcceptedCase), which also catches the same decision arriving under another message id, and a group of
   * hundreds of acceptances is not slowed by three inbox writes each.
   */
  @EventPattern(CASE_DECIDED)
  async onCaseDecided(@Payload() record: ConsumedRecord): Promise<void> {
    await this.registerAcceptedCase.execute(decodeEvent(record, CASE_DECIDED));
  }

  @EventPattern(TRANSFER_NOTIFIED)
  onTransferNotified(@Payload() record: ConsumedRecord): Promise<void> {
    return consumeOnce(this.inbox, 'transfer.transfer-notified', record, TRANSFER_NOTIFIED, (m) => this.judgeTransferNotice.execute(m));
  }

  @EventPattern(ACCEPTANCE_LAPSED)
  onAcceptanceLapsed(@Payload() record: ConsumedRecord): Promise<void> {
    return consumeOnce(this.inbox, LAPSED_CONSUMER, record, ACCEPTANCE_LAPSED, (m) => this.lapseAcceptance.execute(m));
  }

  @EventPattern(REMEDY_CHANGED)
  onRemedyChanged(@Payload() record: ConsumedRecord): Promise<void> {
    return consumeOnce(this.inbox, 'transfer.remedy-changed', record, REMEDY_CHANGED, (m) => this.recordRemedy.execute(m));
  }

  @EventPattern(MISTAKE_ANSWERED)
  onMistakeAnswered(@Payload() record: ConsumedRecord): Promise<void> {
    return consumeOnce(this.inbox, 'transfer.mistake-answered', record, MISTAKE_ANSWERED, (m) => this.recordMistakeAnswer.execute(m));
  }

  @EventPattern(TRANSIT_REQUESTED)
  onTransitRequested(@Payload() record: ConsumedRecord): Promise<void> {
    return consumeOnce(this.inbox, 'transfer.transit-requested', record, TRANSIT_REQUESTED, (m) => this.registerTransit.execute(m));
  }

  @EventPattern(OUTGOING_TRANSFER)
  onOutgoingTransfer(@Payload() record: ConsumedRecord): Promise<void> {
    return consumeOnce(this.inbox, 'transfer.outgoing-transfer', record, OUTGOING_TRANSFER, (m) => this.recordOutgoingTransfer.execute(m));
  }

  @EventPattern(TRANSFER_CANCELLED)
  onTransferCancelled(@Payload() record: ConsumedRecord): Promise<void> {
    return consumeOnce(this.inbox, 'transfer.transfer-cancelled', record, TRANSFER_CANCELLED, (m) => this.cancelTransfer.execute(m));
  }
}
