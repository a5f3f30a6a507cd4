import { Injectable, Logger } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { createHash } from 'crypto';
import { Connection, Model } from 'mongoose';
import {
  ApplicationSubmittedV1,
  DecodeFailure,
  EventEnvelope,
  PARTNER_OUTBOUND,
  PartnerMessage,
  PartnerOutboundType,
  PartnerReplyRequestedV1,
  RawHeaders,
  TransferNotifiedV1,
  encodeInternalEvent,
  encodeMessage,
  headerText,
  partnerOutboundTopic,
} from '@readmission/contracts';
import { EventPublisher, OutgoingRecord, PermanentError } from '@readmission/messaging';
import { OutboxRelay, initialOutbox, isDuplicateKeyError, nextSequence, withOutboxRecords } from '@readmission/persistence';
import { Clock, deterministicId } from '@readmission/platform';
import { bakuInstant, endOfBakuDayAfter } from './baku-time';
import { IntakeCase, MessageHistoryEntry, PartnerMessageLog } from './intake-case.schema';
import { PARTNER_AGREEMENTS } from './partners';
import { foldName } from './search-name';

export const PLATFORM_SOURCE = 'urn:authority:az:sms';
const SERVICE_SOURCE = 'urn:readmission:intake';

/** A partner reply about to be sent: the record and its history entry. */
interface Reply {
  record: OutgoingRecord;
  entry: MessageHistoryEntry;
}

/**
 * Registers partner applications once and answers them, and publishes every reply other services ask for:
 * the platform's only door to partner topics. Each handled message is one atomic write (with its outbox).
 */
@Injectable()
export class IntakeService {
  private readonly logger = new Logger(IntakeService.name);

  constructor(
    @InjectModel(IntakeCase.name) private readonly cases: Model<IntakeCase>,
    @InjectModel(PartnerMessageLog.name) private readonly log: Model<PartnerMessageLog>,
    @InjectConnection() private readonly connection: Connection,
    private readonly relay: OutboxRelay,
    private readonly publisher: EventPublisher,
    private readonly clock: Clock,
  ) {}

  async handlePartnerMessage(message: PartnerMessage, headers: RawHeaders): Promise<void> {
    switch (message.type) {
      case 'readmission.application.submitted.v1':
        return this.registerApplication(message, message.payload as ApplicationSubmittedV1, headers);
      case 'readmission.transfer.notified.v1':
        return this.routeTransferNotice(message, message.payload as TransferNotifiedV1, headers);
      default:
        // Supplements, withdrawals and cancellations are kept (never lost) and routed by the intake issue's work.
        return this.keepUnrouted(message, headers);
    }
  }

  async registerApplication(message: PartnerMessage, application: ApplicationSubmittedV1, headers: RawHeaders): Promise<void> {
    const { partnerCode, envelope } = message;
    const contentHash = hashOf(application);
    const existing = await this.cases.findOne({ partnerCode, partnerReference: application.partnerReference }).lean().exec();
    if (existing) {
      if (existing.inboundIds.includes(envelope.id) || existing.contentHash === contentHash) {
        // Redelivery, or a partner's resend of the same application: repeat the first answer, nothing more.
        this.logger.log(`${existing._id}: repeated submission ${envelope.id}, repeating the acknowledgement`);
        await this.relay.flush(this.cases as never, existing._id);
        await this.repeatReplies(existing.history, existing.inboundIds[0], partnerCode);
        return;
      }
      return this.reject(partnerCode, application.partnerReference, envelope, headers, [
        { code: 'duplicate-reference', field: '$.partnerReference', message: `partnerReference ${application.partnerReference} was already used for a different application (case ${existing._id})` },
      ]);
    }

    const partner = PARTNER_AGREEMENTS[partnerCode];
    const receivedAt = this.clock.now();
    if (!partner || bakuInstant(receivedAt).slice(0, 10) < partner.inForceFrom) {
      return this.reject(partnerCode, application.partnerReference, envelope, headers, [
        { code: 'no-applicable-agreement', message: `no readmission agreement with ${partnerCode} is in force on ${bakuInstant(receivedAt).slice(0, 10)}` },
      ]);
    }

    const year = Number(bakuInstant(receivedAt).slice(0, 4));
    const caseNumber = `RA-${year}-${String(await nextSequence(this.connection, `case-number-${year}`)).padStart(6, '0')}`;
    // Walking skeleton: the normal procedure's 15 calendar days (working-rules.md, assumed). The versioned
    // rulebook (intake issue) replaces this with per-agreement rules, working days and clock starts.
    const replyDueBy = endOfBakuDayAfter(receivedAt, application.procedure === 'normal' ? 15 : 2);
    const ack = this.reply(partnerCode, 'readmission.application.acknowledged.v1', deterministicId('ack', partnerCode, envelope.id), {
      partnerReference: application.partnerReference,
      caseNumber,
      receivedAt: bakuInstant(receivedAt),
      agreement: partner.agreement,
      procedure: application.procedure,
      replyDueBy: bakuInstant(replyDueBy),
    }, { subject: caseNumber, causationId: envelope.id });
    const registered = encodeInternalEvent(
      'readmission.internal.case-registered.v1',
      {
        caseNumber,
        partnerCode,
        partnerReference: application.partnerReference,
        agreement: partner.agreement,
        rulebookVersion: 'skeleton-1',
        procedure: application.procedure,
        category: application.category,
        receivedAt: bakuInstant(receivedAt),
        replyDueBy: bakuInstant(replyDueBy),
        application,
      },
      { id: deterministicId('registered', caseNumber), source: SERVICE_SOURCE, time: receivedAt.toISOString(), subject: caseNumber, causationId: envelope.id },
    );
    try {
      await this.cases.create({
        _id: caseNumber,
        partnerCode,
        partnerReference: application.partnerReference,
        agreement: partner.agreement,
        procedure: application.procedure,
        category: application.category,
        status: 'registered',
        receivedAt,
        replyDueBy,
        contentHash,
        searchName: foldName(`${application.person.surname} ${application.person.givenNames}`),
        inboundIds: [envelope.id],
        replyIds: [ack.entry.ceId],
        history: [inboundEntry(message, headers, receivedAt), ack.entry],
        ...initialOutbox([ack.record, registered]),
      });
    } catch (error) {
      // Another delivery registered the same reference a moment ago: handle this one again as a repeat.
      if (isDuplicateKeyError(error)) return this.registerApplication(message, application, headers);
      throw error;
    }
    this.logger.log(`${caseNumber} registered for ${partnerCode} (${application.procedure}, ${application.category})`);
    await this.relay.flush(this.cases as never, caseNumber);
  }

  /** Answers a message that cannot be accepted; the rejection is kept and repeated on redelivery. */
  async reject(
    partnerCode: string,
    recordKey: string,
    envelope: Partial<EventEnvelope>,
    headers: RawHeaders,
    reasons: { code: string; field?: string; message: string }[],
    position?: string,
  ): Promise<void> {
    const inboundId = envelope.id ?? `no-ce-id:${position}`;
    const receivedAt = this.clock.now();
    const rejection = this.reply(partnerCode, 'readmission.application.rejected.v1', deterministicId('rejected', partnerCode, inboundId), {
      partnerReference: recordKey,
      reasons,
    }, { causationId: envelope.id });
    const inbound: MessageHistoryEntry = {
      direction: 'inbound',
      type: envelope.type ?? 'unknown',
      ceId: inboundId,
      at: receivedAt,
      headers: textHeaders(headers),
      payload: {},
    };
    await this.logOnce(`in:${partnerCode}:${inboundId}`, partnerCode, recordKey, 'rejected', [inbound, rejection.entry], [rejection.record]);
    this.logger.log(`rejected ${partnerCode} message ${inboundId}: ${reasons.map((r) => r.code).join(', ')}`);
  }

  async rejectUnparsable(partnerCode: string, failure: Extract<DecodeFailure, { kind: 'rejected' }>, headers: RawHeaders, position: string): Promise<void> {
    return this.reject(partnerCode, failure.key, failure.envelope, headers, failure.reasons, position);
  }

  async routeTransferNotice(message: PartnerMessage, notice: TransferNotifiedV1, headers: RawHeaders): Promise<void> {
    const receivedAt = this.clock.now();
    const routed = encodeInternalEvent(
      'readmission.internal.transfer-notified.v1',
      { partnerCode: message.partnerCode, noticeId: message.envelope.id, receivedAt: bakuInstant(receivedAt), notice },
      { id: deterministicId('notice', message.partnerCode, message.envelope.id), source: SERVICE_SOURCE, time: receivedAt.toISOString(), causationId: message.envelope.id },
    );
    await this.logOnce(`in:${message.partnerCode}:${message.envelope.id}`, message.partnerCode, message.key, 'routed-to-transfer', [inboundEntry(message, headers, receivedAt)], [routed]);
  }

  private async keepUnrouted(message: PartnerMessage, headers: RawHeaders): Promise<void> {
    await this.logOnce(`in:${message.partnerCode}:${message.envelope.id}`, message.partnerCode, message.key, 'kept-unrouted', [inboundEntry(message, headers, this.clock.now())], []);
  }

  /** Publishes a reply another service asked for, once, and keeps it in the case's history. */
  async publishRequestedReply(request: PartnerReplyRequestedV1): Promise<void> {
    const definition = (PARTNER_OUTBOUND as Record<string, (typeof PARTNER_OUTBOUND)[PartnerOutboundType]>)[request.messageType];
    if (!definition) throw new PermanentError(`${request.messageType} is not a partner outbound message type`);
    let reply: Reply;
    try {
      reply = this.reply(request.partnerCode, request.messageType as PartnerOutboundType, request.replyId, request.payload, {
        subject: request.caseNumber,
        causationId: request.causationId,
      });
    } catch (error) {
      throw new PermanentError((error as Error).message);
    }
    if (request.caseNumber) {
      const updated = await this.cases
        .updateOne(
          { _id: request.caseNumber, replyIds: { $ne: request.replyId } },
          withOutboxRecords({ $push: { replyIds: request.replyId, history: reply.entry } }, [reply.record]),
        )
        .exec();
      if (updated.matchedCount === 0 && !(await this.cases.exists({ _id: request.caseNumber }))) {
        throw new PermanentError(`reply ${request.replyId} names case ${request.caseNumber}, which intake does not know`);
      }
      await this.relay.flush(this.cases as never, request.caseNumber);
      return;
    }
    await this.logOnce(`out:${request.replyId}`, request.partnerCode, request.recordKey, 'sent', [reply.entry], [reply.record]);
  }

  private reply(
    partnerCode: string,
    type: PartnerOutboundType,
    replyId: string,
    payload: object,
    extra: { subject?: string; causationId?: string },
  ): Reply {
    const now = this.clock.now();
    const encoded = encodeMessage(PARTNER_OUTBOUND[type], payload, { id: replyId, source: PLATFORM_SOURCE, time: bakuInstant(now), ...extra });
    return {
      record: { topic: partnerOutboundTopic(partnerCode), ...encoded },
      entry: { direction: 'outbound', type, ceId: replyId, causationId: extra.causationId, at: now, headers: encoded.headers, payload: payload as Record<string, unknown> },
    };
  }

  /** One log document per message id: written once; a redelivery re-publishes the same records. */
  private async logOnce(id: string, partnerCode: string, recordKey: string, outcome: string, history: MessageHistoryEntry[], records: OutgoingRecord[]): Promise<void> {
    try {
      await this.log.create({ _id: id, partnerCode, recordKey, outcome, history, ...initialOutbox(records) });
      await this.relay.flush(this.log as never, id);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await this.log.findById(id).lean().exec();
      await this.relay.flush(this.log as never, id);
      if (existing) await this.repeatReplies(existing.history, undefined, partnerCode);
    }
  }

  /** Publishes again, unchanged (same ce_id), the replies already sent for a message. */
  private async repeatReplies(history: MessageHistoryEntry[], causationId: string | undefined, partnerCode: string): Promise<void> {
    const replies = history.filter((h) => h.direction === 'outbound' && h.type.startsWith('readmission.') && (!causationId || h.causationId === causationId));
    await this.publisher.publish(
      replies.map((h) => ({ topic: partnerOutboundTopic(partnerCode), key: String(h.payload.partnerReference ?? h.payload.transferReference), value: JSON.stringify(h.payload), headers: h.headers })),
    );
  }
}

function inboundEntry(message: PartnerMessage, headers: RawHeaders, at: Date): MessageHistoryEntry {
  return { direction: 'inbound', type: message.type, ceId: message.envelope.id, at, headers: textHeaders(headers), payload: { ...(message.payload as object) } };
}

function textHeaders(headers: RawHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    const value = headerText(headers, name);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** Hash of a JSON value with keys in a stable order. */
function hashOf(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])])) : v;
  return createHash('sha256').update(JSON.stringify(canonical(value))).digest('hex');
}
