import { Injectable, Logger } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { createHash } from 'crypto';
import { Connection, Model } from 'mongoose';
import { Deadline, MissingCalendarError, bakuDate, formatInstant } from '@readmission/agreements';
import {
  ApplicationSubmittedV1,
  CE,
  ApplicationSupplementedV1,
  ApplicationWithdrawnV1,
  DecodeFailure,
  EventEnvelope,
  PARTNER_OUTBOUND,
  PartnerMessage,
  PartnerOutboundType,
  PartnerReplyRequestedV1,
  RawHeaders,
  TransferCancelledV1,
  TransferNotifiedV1,
  encodeInternalEvent,
  encodeMessage,
  headerText,
  partnerOutboundTopic,
} from '@readmission/contracts';
import { EventPublisher, OutgoingRecord, PermanentError } from '@readmission/messaging';
import { OutboxRelay, initialOutbox, isDuplicateKeyError, nextSequence, withOutboxRecords } from '@readmission/persistence';
import { Clock, deterministicId } from '@readmission/platform';
import { ReferenceDataService } from './reference-data/reference-data.service';
import { checkApplication, replyDeadline } from './application-checks';
import { IntakeCase, MessageHistoryEntry, PartnerMessageLog } from './intake-case.schema';
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
    private readonly referenceData: ReferenceDataService,
  ) {}

  /**
   * The receipt of a partner record: the broker's append time (inbound topics are LogAppendTime), so that a backlog
   * in intake never moves a deadline; never later than now (a test's clock, or a topic configured otherwise).
   */
  receiptOf(record: { timestamp: string }): Date {
    const now = this.clock.now();
    const appended = Number(record.timestamp);
    return Number.isFinite(appended) && appended > 0 && appended < now.getTime() ? new Date(appended) : now;
  }

  async handlePartnerMessage(message: PartnerMessage, headers: RawHeaders, receivedAt: Date = this.clock.now()): Promise<void> {
    // A redelivery (same ce_id) is answered by repeating the first answer, never judged again: time has moved
    // on and the rulebook may have changed, but the partner must get the same reply.
    if (await this.repeatIfHandled(message.partnerCode, message.envelope.id, message.type)) return;
    switch (message.type) {
      case 'readmission.application.submitted.v1':
        return this.registerApplication(message, message.payload as ApplicationSubmittedV1, headers, receivedAt);
      case 'readmission.application.supplemented.v1':
      case 'readmission.application.withdrawn.v1':
        return this.routeCaseMessage(message, message.payload as ApplicationSupplementedV1 | ApplicationWithdrawnV1, headers, receivedAt);
      case 'readmission.transfer.notified.v1':
        return this.routeTransferNotice(message, message.payload as TransferNotifiedV1, headers, receivedAt);
      case 'readmission.transfer.cancelled.v1':
        return this.routeTransferCancellation(message, message.payload as TransferCancelledV1, headers, receivedAt);
    }
  }

  async registerApplication(message: PartnerMessage, application: ApplicationSubmittedV1, headers: RawHeaders, receivedAt: Date): Promise<void> {
    const { partnerCode, envelope } = message;
    const contentHash = hashOf(application);
    const existing = await this.cases.findOne({ partnerCode, partnerReference: application.partnerReference }).lean().exec();
    if (existing && existing.contentHash === contentHash) {
      // A partner's resend of the same application under a new ce_id: its receipt is recorded, and the first answer
      // is repeated, nothing more.
      this.logger.log(`${existing._id}: same application resent as ${envelope.id}, repeating the acknowledgement`);
      await this.cases.updateOne({ _id: existing._id, inboundIds: { $ne: envelope.id } }, { $push: { inboundIds: envelope.id, history: inboundEntry(message, headers, receivedAt) } }).exec();
      await this.relay.flush(this.cases as never, existing._id);
      await this.repeatReplies(existing.history, existing.inboundIds[0], partnerCode);
      return;
    }

    const rulebook = await this.referenceData.rulebookAt(receivedAt);
    const calendars = await this.referenceData.calendars();
    const check = checkApplication(application, partnerCode, receivedAt, rulebook, calendars);
    if (!check.ok) return this.reject(partnerCode, application.partnerReference, envelope, headers, [check.reason], undefined, message);
    if (existing) {
      return this.reject(partnerCode, application.partnerReference, envelope, headers, [
        { code: 'duplicate-reference', field: '$.partnerReference', message: `partnerReference ${application.partnerReference} was already used for a different application (case ${existing._id})` },
      ], undefined, message);
    }

    const { agreement } = check;
    const acknowledgedAt = this.clock.now();
    let reply: Deadline;
    try {
      reply = replyDeadline(agreement, application.procedure, { receivedAt, acknowledgedAt }, calendars);
    } catch (error) {
      // A missing calendar is an operator's matter, never the partner's: fail loudly (dead-letter, counted).
      if (error instanceof MissingCalendarError) throw new PermanentError(`cannot compute the reply time limit: ${error.message}`);
      throw error;
    }
    const year = Number(bakuDate(receivedAt).slice(0, 4));
    const caseNumber = `RA-${year}-${String(await nextSequence(this.connection, `case-number-${year}`)).padStart(6, '0')}`;
    const ack = this.reply(partnerCode, 'readmission.application.acknowledged.v1', deterministicId('ack', partnerCode, envelope.id), {
      partnerReference: application.partnerReference,
      caseNumber,
      receivedAt: formatInstant(receivedAt),
      agreement: agreement.code,
      procedure: application.procedure,
      replyDueBy: formatInstant(reply.dueBy),
    }, { subject: caseNumber, causationId: envelope.id });
    const registered = encodeInternalEvent(
      'readmission.internal.case-registered.v1',
      {
        caseNumber,
        partnerCode,
        partnerReference: application.partnerReference,
        agreement: agreement.code,
        rulebookVersion: rulebook.version,
        agreementRules: agreement as unknown as Record<string, unknown>,
        procedure: application.procedure,
        category: application.category,
        receivedAt: formatInstant(receivedAt),
        replyDueBy: formatInstant(reply.dueBy),
        application,
      },
      { id: deterministicId('registered', caseNumber), source: SERVICE_SOURCE, time: receivedAt.toISOString(), subject: caseNumber, causationId: envelope.id },
    );
    try {
      await this.cases.create({
        _id: caseNumber,
        partnerCode,
        partnerReference: application.partnerReference,
        agreement: agreement.code,
        rulebookVersion: rulebook.version,
        procedure: application.procedure,
        category: application.category,
        status: 'registered',
        receivedAt,
        acknowledgedAt,
        replyDueBy: reply.dueBy,
        deadlines: [...check.deadlines, reply].map(({ name, dueDate, dueBy, rule, calendarBasis }) => ({ name, dueDate, dueBy, rule, calendarBasis })),
        contentHash,
        searchName: foldName(searchableNames(application)),
        inboundIds: [envelope.id],
        replyIds: [ack.entry.ceId],
        history: [inboundEntry(message, headers, receivedAt), ack.entry],
        ...initialOutbox([ack.record, registered]),
      });
    } catch (error) {
      // Another delivery registered the same reference a moment ago: handle this one again as a repeat.
      if (isDuplicateKeyError(error)) return this.registerApplication(message, application, headers, receivedAt);
      throw error;
    }
    this.logger.log(`${caseNumber} registered for ${partnerCode} under ${agreement.code}, rulebook ${rulebook.version} (${application.procedure}, ${application.category})`);
    await this.relay.flush(this.cases as never, caseNumber);
  }

  /** Supplements and withdrawals: kept in the case's history and routed to verification; unknown cases are answered. */
  async routeCaseMessage(message: PartnerMessage, payload: ApplicationSupplementedV1 | ApplicationWithdrawnV1, headers: RawHeaders, receivedAt: Date): Promise<void> {
    const { partnerCode, envelope } = message;
    const found = await this.cases.findOne({ partnerCode, partnerReference: payload.partnerReference }, { _id: 1 }).lean().exec();
    if (!found) {
      return this.reject(partnerCode, payload.partnerReference, envelope, headers, [
        { code: 'unknown-reference', field: '$.partnerReference', message: `no application with partnerReference ${payload.partnerReference} was registered for ${partnerCode}` },
      ], undefined, message);
    }
    const caseNumber = found._id;
    const meta = { id: deterministicId('routed', partnerCode, envelope.id), source: SERVICE_SOURCE, time: receivedAt.toISOString(), subject: caseNumber, causationId: envelope.id };
    const withdrawal = message.type === 'readmission.application.withdrawn.v1';
    const routed = withdrawal
      ? encodeInternalEvent('readmission.internal.application-withdrawn.v1', { caseNumber, partnerCode, messageId: envelope.id, receivedAt: formatInstant(receivedAt), withdrawal: payload as ApplicationWithdrawnV1 }, meta)
      : encodeInternalEvent('readmission.internal.application-supplemented.v1', { caseNumber, partnerCode, messageId: envelope.id, receivedAt: formatInstant(receivedAt), supplement: payload as ApplicationSupplementedV1 }, meta);
    await this.cases
      .updateOne(
        { _id: caseNumber, inboundIds: { $ne: envelope.id } },
        withOutboxRecords(
          { $push: { inboundIds: envelope.id, history: inboundEntry(message, headers, receivedAt) }, ...(withdrawal ? { $set: { status: 'withdrawn' } } : {}) },
          [routed],
        ),
      )
      .exec();
    this.logger.log(`${caseNumber}: ${withdrawal ? 'withdrawal' : 'supplement'} ${envelope.id} routed to verification`);
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
    message?: PartnerMessage,
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
      // A message that passed the closed schema is kept as received (only interface fields); a broken one is not.
      payload: message ? { ...(message.payload as object) } : {},
    };
    await this.logOnce(`in:${partnerCode}:${inboundId}`, partnerCode, recordKey, 'rejected', [inbound, rejection.entry], [rejection.record]);
    this.logger.log(`rejected ${partnerCode} message ${inboundId}: ${reasons.map((r) => r.code).join(', ')}`);
  }

  async rejectUnparsable(partnerCode: string, failure: Extract<DecodeFailure, { kind: 'rejected' }>, headers: RawHeaders, position: string): Promise<void> {
    return this.reject(partnerCode, failure.key, failure.envelope, headers, failure.reasons, position);
  }

  /** Transfer notices go to transfer, which answers per person; a notice naming no known case is answered here. */
  async routeTransferNotice(message: PartnerMessage, notice: TransferNotifiedV1, headers: RawHeaders, receivedAt: Date): Promise<void> {
    const { partnerCode, envelope } = message;
    const known = new Set(
      (await this.cases.find({ partnerCode, partnerReference: { $in: notice.partnerReferences } }, { partnerReference: 1 }).lean().exec()).map((c) => c.partnerReference),
    );
    if (known.size === 0) {
      return this.reject(partnerCode, notice.transferReference, envelope, headers, notice.partnerReferences.slice(0, 50).map((ref, i) => ({
        code: 'unknown-reference' as const,
        field: `$.partnerReferences[${i}]`,
        message: `no application with partnerReference ${ref} was registered for ${partnerCode}`,
      })), undefined, message);
    }
    const routed = encodeInternalEvent(
      'readmission.internal.transfer-notified.v1',
      { partnerCode, noticeId: envelope.id, receivedAt: formatInstant(receivedAt), notice },
      { id: deterministicId('notice', partnerCode, envelope.id), source: SERVICE_SOURCE, time: receivedAt.toISOString(), causationId: envelope.id },
    );
    await this.logOnce(`in:${partnerCode}:${envelope.id}`, partnerCode, notice.transferReference, 'routed-to-transfer', [inboundEntry(message, headers, receivedAt)], [routed]);
  }

  async routeTransferCancellation(message: PartnerMessage, cancellation: TransferCancelledV1, headers: RawHeaders, receivedAt: Date): Promise<void> {
    const { partnerCode, envelope } = message;
    if (!(await this.log.exists({ partnerCode, recordKey: cancellation.transferReference, outcome: 'routed-to-transfer' }))) {
      return this.reject(partnerCode, cancellation.transferReference, envelope, headers, [
        { code: 'unknown-reference', field: '$.transferReference', message: `no transfer ${cancellation.transferReference} was notified by ${partnerCode}` },
      ], undefined, message);
    }
    const routed = encodeInternalEvent(
      'readmission.internal.transfer-cancelled.v1',
      { partnerCode, messageId: envelope.id, receivedAt: formatInstant(receivedAt), cancellation },
      { id: deterministicId('cancelled', partnerCode, envelope.id), source: SERVICE_SOURCE, time: receivedAt.toISOString(), causationId: envelope.id },
    );
    await this.logOnce(`in:${partnerCode}:${envelope.id}`, partnerCode, cancellation.transferReference, 'routed-to-transfer', [inboundEntry(message, headers, receivedAt)], [routed]);
  }

  /** If this partner message was handled before, repeats what was answered then and returns true. */
  private async repeatIfHandled(partnerCode: string, ceId: string, type: string): Promise<boolean> {
    const logged = await this.log.findById(`in:${partnerCode}:${ceId}`).lean().exec();
    if (logged) {
      await this.relay.flush(this.log as never, logged._id);
      await this.repeatReplies(logged.history, undefined, partnerCode);
      return true;
    }
    const inCase = await this.cases.findOne({ partnerCode, inboundIds: ceId }, { _id: 1, history: 1, inboundIds: 1 }).lean().exec();
    if (inCase) {
      await this.relay.flush(this.cases as never, inCase._id);
      // A resent application (its own ce_id, no answer of its own) is answered with the first acknowledgement again.
      const answered = inCase.history.some((h) => h.direction === 'outbound' && h.causationId === ceId);
      const cause = !answered && type === 'readmission.application.submitted.v1' ? inCase.inboundIds[0] : ceId;
      await this.repeatReplies(inCase.history, cause, partnerCode);
      return true;
    }
    return false;
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
    const encoded = encodeMessage(PARTNER_OUTBOUND[type], payload, { id: replyId, source: PLATFORM_SOURCE, time: formatInstant(now), ...extra });
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

/** Every name the person is known by, for the officers' diacritics-insensitive search. */
function searchableNames(application: ApplicationSubmittedV1): string {
  const p = application.person;
  return [p.surname, p.givenNames, ...(p.previousSurnames ?? []), ...(p.aliases ?? [])].join(' ');
}

/** The headers the interface defines (CloudEvents and content-type), as text: nothing else a partner sent is kept. */
function textHeaders(headers: RawHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.values(CE)) {
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
