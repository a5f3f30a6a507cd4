import { Injectable, Logger } from '@nestjs/common';
import { DecodeFailure, EventEnvelope, PartnerMessage, RawHeaders } from '@readmission/contracts';
import { Clock, deterministicId } from '@readmission/platform';
import { ReferenceData } from '@readmission/reference-data';
import { MessageHistoryEntry, textHeaders } from '../domain/message-history';
import { partnerReply } from '../domain/partner-reply';
import { withLegalBasis } from '../domain/legal-basis';
import { RejectionReason } from '../domain/rejection-reasons';
import { inboundLogId } from '../infrastructure/partner-message-log.schema';
import { APPLICATION_SUBMITTED, intakeMetrics } from './intake-metrics';
import { RepeatFirstAnswer } from './repeat-first-answer';

/** Answers a partner message that cannot be accepted; the rejection is kept and repeated on redelivery. */
@Injectable()
export class RejectPartnerMessage {
  private readonly logger = new Logger(RejectPartnerMessage.name);

  constructor(
    private readonly answers: RepeatFirstAnswer,
    private readonly referenceData: ReferenceData,
    private readonly clock: Clock,
  ) {}

  /** A message that passed its closed schema, rejected by a rule: kept as received (only interface fields). */
  execute(message: PartnerMessage, recordKey: string, headers: RawHeaders, reasons: RejectionReason[]): Promise<void> {
    return this.reject(message.partnerCode, recordKey, message.envelope, headers, reasons, { ...(message.payload as object) });
  }

  /** A record that could not be decoded but names its partner: answered, its payload not kept. */
  unparsable(
    partnerCode: string,
    failure: Extract<DecodeFailure, { kind: 'rejected' }>,
    headers: RawHeaders,
    position: string,
  ): Promise<void> {
    return this.reject(partnerCode, failure.key, failure.envelope, headers, failure.reasons, {}, position);
  }

  private async reject(
    partnerCode: string,
    recordKey: string,
    envelope: Partial<EventEnvelope>,
    headers: RawHeaders,
    reasons: RejectionReason[],
    payload: Record<string, unknown>,
    position?: string,
  ): Promise<void> {
    const inboundId = envelope.id ?? `no-ce-id:${position}`;
    const receivedAt = this.clock.now();
    // Every reason names the rule it applies (docs/rules.md#what-every-answer-names), from the rulebook in effect.
    const rulebook = await this.referenceData.rulebookAt(receivedAt).catch(() => undefined);
    // Once per code: a message with twenty invalid fields carries the explanation once, not twenty times.
    const explained = new Set<string>();
    reasons = reasons.map((r) => {
      if (explained.has(r.code)) return r;
      explained.add(r.code);
      return withLegalBasis(r, { partnerCode, messageType: envelope.type, rulebook });
    });
    const rejection = partnerReply(
      partnerCode,
      'readmission.application.rejected.v1',
      deterministicId('rejected', partnerCode, inboundId),
      { partnerReference: recordKey, reasons },
      { causationId: envelope.id },
      this.clock.now(),
    );
    const inbound: MessageHistoryEntry = {
      direction: 'inbound',
      type: envelope.type ?? 'unknown',
      ceId: inboundId,
      at: receivedAt,
      headers: textHeaders(headers),
      payload,
    };
    await this.answers.recordOnce(
      { _id: inboundLogId(partnerCode, inboundId), partnerCode, recordKey, outcome: 'rejected', history: [inbound, rejection.entry] },
      [rejection.record],
    );
    if (envelope.type === APPLICATION_SUBMITTED) intakeMetrics.rejected.inc({ partner: partnerCode, code: reasons[0]?.code ?? 'unknown' });
    this.logger.log(`rejected ${partnerCode} message ${inboundId}: ${reasons.map((r) => r.code).join(', ')}`);
  }
}
