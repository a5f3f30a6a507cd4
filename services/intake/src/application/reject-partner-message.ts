import { Injectable, Logger } from '@nestjs/common';
import { DecodeFailure, EventEnvelope, PartnerMessage, RawHeaders } from '@readmission/contracts';
import { Clock, deterministicId } from '@readmission/platform';
import { ReferenceData } from '@readmission/reference-data';
import { MessageHistoryEntry, textHeaders } from '../domain/message-history';
import { withLegalBasis } from '../domain/legal-basis';
import { partnerReply } from '../domain/partner-reply';
import { RejectionReason, reusedMessageId } from '../domain/rejection-reasons';
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
  execute(message: PartnerMessage, recordKey: string, headers: RawHeaders, reasons: RejectionReason[], receivedAt: Date): Promise<void> {
    const { partnerCode, envelope } = message;
    return this.reject({ partnerCode, recordKey, envelope, headers, reasons, payload: { ...(message.payload as object) }, receivedAt });
  }

  /** A record that could not be decoded but names its partner: answered, its payload not kept. */
  unparsable(
    partnerCode: string,
    failure: Extract<DecodeFailure, { kind: 'rejected' }>,
    headers: RawHeaders,
    position: string,
    receivedAt: Date,
  ): Promise<void> {
    const { key: recordKey, envelope, reasons } = failure;
    return this.reject({ partnerCode, recordKey, envelope, headers, reasons, payload: {}, receivedAt, position });
  }

  /**
   * A message reusing the ce_id of another message with other content (`fingerprint` is its own): answered with a
   * rejection naming `ce_id`, kept apart from the first message (whose answer stands) and repeated on its redelivery.
   */
  reusedId(
    partnerCode: string,
    ceId: string,
    fingerprint: string,
    recordKey: string,
    type: string,
    headers: RawHeaders,
    receivedAt: Date,
  ): Promise<void> {
    const reasons = [reusedMessageId(ceId)];
    const variant = fingerprint.slice(0, 16);
    return this.reject({
      partnerCode,
      recordKey,
      envelope: { id: ceId, type },
      headers,
      reasons,
      payload: {},
      receivedAt,
      logId: `${inboundLogId(partnerCode, ceId)}#${variant}`,
      replyId: deterministicId('reused-id', partnerCode, ceId, variant),
    });
  }

  private async reject(r: {
    partnerCode: string;
    recordKey: string;
    envelope: Partial<EventEnvelope>;
    headers: RawHeaders;
    reasons: RejectionReason[];
    payload: Record<string, unknown>;
    /** The broker's time of receipt of the record (a replay keeps the original's). */
    receivedAt: Date;
    position?: string;
    logId?: string;
    replyId?: string;
  }): Promise<void> {
    const { partnerCode, envelope } = r;
    const inboundId = envelope.id ?? `no-ce-id:${r.position}`;
    // Every reason names the rule it applies (docs/rules.md#what-every-answer-names), from the rulebook in effect.
    const rulebook = await this.referenceData.rulebookAt(r.receivedAt).catch(() => undefined);
    // Once per code: a message with twenty invalid fields carries the explanation once, not twenty times.
    const explained = new Set<string>();
    const reasons = r.reasons.map((reason) => {
      if (explained.has(reason.code)) return reason;
      explained.add(reason.code);
      return withLegalBasis(reason, { partnerCode, messageType: envelope.type, rulebook });
    });
    const rejection = partnerReply(
      partnerCode,
      'readmission.application.rejected.v1',
      r.replyId ?? deterministicId('rejected', partnerCode, inboundId),
      { partnerReference: r.recordKey, reasons },
      { causationId: envelope.id },
      this.clock.now(),
    );
    const inbound: MessageHistoryEntry = {
      direction: 'inbound',
      type: envelope.type ?? 'unknown',
      ceId: inboundId,
      at: r.receivedAt,
      headers: textHeaders(r.headers),
      payload: r.payload,
    };
    await this.answers.recordOnce(
      {
        _id: r.logId ?? inboundLogId(partnerCode, inboundId),
        partnerCode,
        recordKey: r.recordKey,
        outcome: 'rejected',
        history: [inbound, rejection.entry],
      },
      [rejection.record],
    );
    if (envelope.type === APPLICATION_SUBMITTED) intakeMetrics.rejected.inc({ partner: partnerCode, code: reasons[0]?.code ?? 'unknown' });
    this.logger.log(`rejected ${partnerCode} message ${inboundId}: ${reasons.map((x) => x.code).join(', ')}`);
  }
}
