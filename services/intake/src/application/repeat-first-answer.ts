import { Injectable } from '@nestjs/common';
import { EventPublisher, OutgoingRecord } from '@readmission/messaging';
import { MessageHistoryEntry, answerToRepeat, repliesIn } from '../domain/message-history';
import { repeatedRecord } from '../domain/partner-reply';
import { CaseRepository } from '../infrastructure/case.repository';
import { LoggedPartnerMessage, PartnerMessageLogRepository } from '../infrastructure/partner-message-log.repository';
import { inboundLogId } from '../infrastructure/partner-message-log.schema';

/**
 * A redelivered partner message (same ce_id) is answered by repeating the first answer, unchanged (same ce_id,
 * headers and value), never judged again: time has moved on and the rulebook may have changed, but the partner
 * must get the same reply. The first answer is whatever the message's record holds: its case's history, or its
 * entry in the partner message log.
 */
@Injectable()
export class RepeatFirstAnswer {
  constructor(
    private readonly cases: CaseRepository,
    private readonly log: PartnerMessageLogRepository,
    private readonly publisher: EventPublisher,
  ) {}

  /** If this partner message was handled before, repeats what was answered then and returns true. */
  async ifHandled(partnerCode: string, ceId: string, type: string): Promise<boolean> {
    const logged = await this.log.findById(inboundLogId(partnerCode, ceId));
    if (logged) {
      await this.repeat(logged.history, undefined, partnerCode);
      return true;
    }
    const inCase = await this.cases.findByInboundId(partnerCode, ceId);
    if (inCase) {
      await this.repeat(inCase.history, answerToRepeat(inCase.history, inCase.inboundIds[0], ceId, type), partnerCode);
      return true;
    }
    return false;
  }

  /**
   * Records a message that belongs to no case with its answer and the events it publishes, once per id; a
   * message whose record exists already (a redelivery, or a race with one) gets the recorded answer again.
   */
  async recordOnce(entry: LoggedPartnerMessage, events: OutgoingRecord[]): Promise<void> {
    if (await this.log.insertOnce(entry, events)) return;
    const existing = await this.log.findById(entry._id);
    if (existing) await this.repeat(existing.history, undefined, entry.partnerCode);
  }

  /** Publishes again, unchanged, the replies a history holds (all of them, or those caused by one message). */
  async repeat(history: MessageHistoryEntry[], causationId: string | undefined, partnerCode: string): Promise<void> {
    await this.publisher.publish(repliesIn(history, causationId).map((entry) => repeatedRecord(entry, partnerCode)));
  }
}
