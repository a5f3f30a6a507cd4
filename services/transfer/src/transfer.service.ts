import { BadRequestException, ConflictException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Counter, register } from 'prom-client';
import { AgreementRules, CalendarSource, TimeLimit, WorkingCalendar, addCalendarDays, addMonths, addWorkingDays, bakuDate, endOfBakuDay, formatInstant } from '@readmission/agreements';
import { Caller } from '@readmission/auth';
import { CaseDecidedV1, DecodedMessage, TransferCancelledInternalV1, TransferNotifiedInternalV1, encodeInternalEvent } from '@readmission/contracts';
import { OutgoingRecord } from '@readmission/messaging';
import { OutboxRelay, initialOutbox, insertOnce, isDuplicateKeyError, withOutboxRecords } from '@readmission/persistence';
import { AuditTrail, Clock, deterministicId } from '@readmission/platform';
import { CrossingPointConfig, capacityOn } from './crossing-points';
import { CaseForNotice, Refusal, judgePerson, validUntilFor } from './notice-rules';
import { AcceptedCase, CapacitySlot, Completion, EarlyCancellation, HandoverRecord, ManifestEntry, Transfer, TravelDocument } from './transfer.schema';

const SOURCE = 'urn:readmission:transfer';
export const CROSSING_POINTS = Symbol('CROSSING_POINTS');

function counter(name: string, help: string, labelNames: string[] = []): Counter<string> {
  return (register.getSingleMetric(name) as Counter<string>) ?? new Counter({ name, help, labelNames });
}
export const transferMetrics = {
  documents: counter('transfer_travel_documents_issued_total', 'Travel documents (return certificates) issued, by kind (issue, reissue).', ['kind']),
  notices: counter('transfer_notices_total', 'Transfer notices answered, by outcome (confirmed, partly-confirmed, refused).', ['outcome']),
  persons: counter('transfer_notice_persons_total', 'Persons of notices, by verdict and refusal code.', ['verdict', 'code']),
  handovers: counter('transfer_handover_persons_total', 'Persons recorded at the border, by outcome (arrived, not-arrived).', ['outcome']),
  completed: counter('transfer_transfers_completed_total', 'Transfers closed at the border.'),
  alerts: counter('transfer_time_limit_alerts_total', 'Transfer time-limit alerts, by days before the limit.', ['days_before']),
  expired: counter('transfer_time_limits_expired_total', 'Accepted cases whose transfer time limit passed without a transfer.'),
  extensions: counter('transfer_time_limit_extensions_total', 'Transfer time limits extended for legal or practical obstacles.'),
  notClosed: counter('transfer_transfers_not_closed_total', 'Confirmed transfers whose arrival day passed without being closed at the border.'),
};

/** A time limit of the rulebook applied to a Baku date. */
export function addLimit(calendar: WorkingCalendar, date: string, limit: TimeLimit): string {
  if (limit.unit === 'months') return addMonths(date, limit.value);
  if (limit.unit === 'calendar-days') return addCalendarDays(date, limit.value);
  return addWorkingDays(calendar, date, limit.value).date;
}

/** The return certificate's number, derived from the (unique) case number: RA-2026-000123 → AZRC-2026-000123, reissues -2, -3… */
export function documentNumberFor(caseNumber: string, issue: number): string {
  const base = caseNumber.replace(/^RA-/, 'AZRC-');
  return issue === 1 ? base : `${base}-${issue}`;
}

/**
 * Accepted applications become transfers: travel document at acceptance, advance notices judged person by
 * person against the agreement and the crossing point's capacity, the handover recorded person by person, and
 * the transfer time limit (see TransferDeadlines). Every exactly-once effect is a unique-key insert.
 */
@Injectable()
export class TransferService {
  private readonly logger = new Logger(TransferService.name);

  constructor(
    @InjectModel(AcceptedCase.name) private readonly accepted: Model<AcceptedCase>,
    @InjectModel(Transfer.name) private readonly transfers: Model<Transfer>,
    @InjectModel(CapacitySlot.name) private readonly slots: Model<CapacitySlot>,
    @InjectModel(HandoverRecord.name) private readonly handovers: Model<HandoverRecord>,
    @InjectModel(Completion.name) private readonly completions: Model<Completion>,
    @InjectModel(EarlyCancellation.name) private readonly earlyCancellations: Model<EarlyCancellation>,
    @Inject(CROSSING_POINTS) readonly crossingPoints: CrossingPointConfig,
    private readonly relay: OutboxRelay,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly calendars: CalendarSource,
  ) {}

  /** An acceptance opens the case for transfer and, for a national, issues the return certificate at once. */
  async onCaseDecided({ payload, envelope }: DecodedMessage<CaseDecidedV1>): Promise<void> {
    if (payload.decision !== 'accepted') return;
    if (await this.accepted.exists({ _id: payload.caseNumber })) return this.flushCase(payload.caseNumber); // redelivery
    const rules = payload.agreementRules as unknown as AgreementRules;
    const calendar = await this.azCalendar();
    const acceptedAt = new Date(payload.decidedAt);
    const acceptDay = bakuDate(acceptedAt);
    const transferDueBy = endOfBakuDay(addLimit(calendar, acceptDay, rules.timeLimits.transfer));
    const now = this.clock.now();
    const records: OutgoingRecord[] = [];
    let travelDocument: TravelDocument | undefined;
    if (payload.category === 'national') {
      const validFrom = bakuDate(now);
      travelDocument = { documentNumber: documentNumberFor(payload.caseNumber, 1), validFrom, validUntil: validUntilFor(validFrom, rules), issuedAt: now, kind: 'issue' };
      records.push(this.documentReply(payload.caseNumber, payload.partnerCode, payload.partnerReference, travelDocument, envelope.id));
    }
    try {
      await this.accepted.create({
        _id: payload.caseNumber,
        partnerCode: payload.partnerCode,
        partnerReference: payload.partnerReference,
        agreement: payload.agreement,
        category: payload.category,
        status: 'awaiting-transfer',
        acceptedAt,
        issueDueBy: endOfBakuDay(addLimit(calendar, acceptDay, rules.timeLimits.travelDocumentIssue)),
        transferDueBy,
        originalTransferDueBy: transferDueBy,
        travelDocument,
        travelDocuments: travelDocument ? [travelDocument] : [],
        decision: JSON.parse(JSON.stringify(payload)),
        history: [{ at: now, event: 'accepted', by: 'system', details: { deemed: payload.deemed, transferDueBy, ...(travelDocument ? { documentNumber: travelDocument.documentNumber } : {}) } }],
        ...initialOutbox(records),
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return this.flushCase(payload.caseNumber);
    }
    if (travelDocument) transferMetrics.documents.inc({ kind: 'issue' });
    this.logger.log(`${payload.caseNumber}: accepted, transfer due by ${formatInstant(transferDueBy)}${travelDocument ? `, travel document ${travelDocument.documentNumber}` : ''}`);
    await this.flushCase(payload.caseNumber);
  }

  /**
   * An advance notice, answered per person: transfer.confirmed for those that can come (each holding a capacity
   * slot), transfer.refused with a reason per reference for the others. A redelivered notice finds its transfer
   * and only publishes again what is pending; a new notice for the same transfer (amended date or group) releases
   * the old booking and is judged afresh.
   */
  async onTransferNotified({ payload }: DecodedMessage<TransferNotifiedInternalV1>): Promise<void> {
    const { notice, partnerCode, noticeId } = payload;
    const transferId = `${partnerCode}:${notice.transferReference}`;
    const existing = await this.transfers.findById(transferId, { noticeId: 1, status: 1 }).lean().exec();
    if (existing?.noticeId === noticeId) return this.flushTransfer(transferId);
    if (existing?.status === 'completed') {
      this.logger.warn(`transfer ${transferId}: notice ${noticeId} for a completed transfer ignored`);
      return;
    }
    if (existing) await this.release(transferId); // amended notice: judged again from scratch

    const receivedAt = new Date(payload.receivedAt);
    const cancelledFirst = await this.earlyCancellations.findById(transferId).lean().exec();
    if (cancelledFirst && cancelledFirst.receivedAt >= receivedAt) {
      this.logger.log(`transfer ${transferId}: notice ${noticeId} was cancelled (${cancelledFirst.messageId}) before it reached transfer: nothing booked`);
      return;
    }
    const plannedArrival = new Date(notice.plannedArrival);
    const arrivalDate = bakuDate(plannedArrival);
    const point = notice.borderCrossingPoint;
    const capacity = capacityOn(this.crossingPoints, point, arrivalDate);
    const calendar = await this.azCalendar();
    const cases = new Map((await this.accepted.find({ partnerCode, partnerReference: { $in: notice.partnerReferences } }).lean().exec()).map((c) => [c.partnerReference, c]));
    // Slots this transfer already holds (a redelivery after a crash before the transfer was written): reused.
    const held = new Map((await this.slots.find({ transferId, point, date: arrivalDate }).lean().exec()).map((s) => [s.caseNumber, s._id]));
    let taken: Set<number> | undefined;

    const manifest: ManifestEntry[] = [];
    const seen = new Set<string>();
    for (const reference of notice.partnerReferences) {
      const found = cases.get(reference);
      const refuse = (refusal: Refusal) => manifest.push({ partnerReference: reference, ...(found ? { caseNumber: found._id } : {}), verdict: 'refused', refusal });
      if (seen.has(reference)) {
        refuse({ code: 'duplicate-in-notice', message: `${reference}: listed more than once in this notice` });
        continue;
      }
      seen.add(reference);
      if (capacity === undefined) {
        refuse({ code: 'unknown-crossing-point', message: `${reference}: ${point} is not a border crossing point Azerbaijan receives transfers at` });
        continue;
      }
      const verdict = judgePerson(reference, found && this.forNotice(found), { transferId, receivedAt, plannedArrival }, calendar);
      if ('refusal' in verdict) {
        refuse(verdict.refusal);
        continue;
      }
      const c = found as AcceptedCase;
      if (verdict.reissue) {
        const document = await this.reissue(c, transferId, noticeId);
        if (document.validUntil < arrivalDate) {
          refuse({ code: 'travel-document-expires', message: `${reference}: travel document ${document.documentNumber} is valid until ${document.validUntil}, before the arrival on ${arrivalDate}` });
          continue;
        }
      }
      let slot = held.get(c._id);
      if (!slot) {
        taken ??= new Set((await this.slots.find({ point, date: arrivalDate }, { n: 1 }).lean().exec()).map((s) => s.n));
        slot = await this.claimSlot(point, arrivalDate, capacity, taken, transferId, c._id);
      }
      if (!slot) {
        refuse({ code: 'capacity-exhausted', message: `${reference}: ${point} has no capacity left on ${arrivalDate} (${capacity} persons a day)` });
        continue;
      }
      manifest.push({ partnerReference: reference, caseNumber: c._id, verdict: 'confirmed', slot });
    }

    const confirmed = manifest.filter((m) => m.verdict === 'confirmed');
    const refused = manifest.filter((m) => m.verdict === 'refused');
    const records: OutgoingRecord[] = [];
    if (confirmed.length > 0) {
      records.push(
        this.reply(partnerCode, 'readmission.transfer.confirmed.v1', notice.transferReference, deterministicId('transfer-confirmed', transferId, noticeId), {
          transferReference: notice.transferReference,
          partnerReferences: confirmed.map((m) => m.partnerReference),
          arrival: notice.plannedArrival,
          borderCrossingPoint: point,
        }, noticeId),
      );
    }
    if (refused.length > 0) {
      records.push(
        this.reply(partnerCode, 'readmission.transfer.refused.v1', notice.transferReference, deterministicId('transfer-refused', transferId, noticeId), {
          transferReference: notice.transferReference,
          reasons: refused.map((m) => m.refusal),
        }, noticeId),
      );
    }
    // Book the persons first: a crash before the transfer is written leaves the redelivery to find them booked on it.
    if (confirmed.length > 0) await this.accepted.updateMany({ _id: { $in: confirmed.map((m) => m.caseNumber) } }, { $set: { currentTransfer: transferId } }).exec();
    const now = this.clock.now();
    const status = confirmed.length > 0 ? 'confirmed' : 'refused';
    const fields = {
      partnerCode,
      transferReference: notice.transferReference,
      status,
      noticeId,
      noticeReceivedAt: receivedAt,
      plannedArrival,
      arrivalDate,
      borderCrossingPoint: point,
      transport: JSON.parse(JSON.stringify(notice.transport)),
      partnerReferences: notice.partnerReferences,
      manifest,
    };
    const event = { at: now, event: existing ? 'notice-amended' : 'notified', by: `partner:${partnerCode}`, details: { noticeId, status, confirmed: confirmed.length, refused: refused.length } };
    if (existing) {
      await this.transfers.updateOne({ _id: transferId }, withOutboxRecords({ $set: fields, $push: { history: event } }, records)).exec();
    } else {
      await insertOnce(this.transfers, { _id: transferId, ...fields, history: [event], ...initialOutbox(records) });
    }
    transferMetrics.notices.inc({ outcome: refused.length === 0 ? 'confirmed' : confirmed.length === 0 ? 'refused' : 'partly-confirmed' });
    transferMetrics.persons.inc({ verdict: 'confirmed', code: '' }, confirmed.length);
    for (const r of refused) transferMetrics.persons.inc({ verdict: 'refused', code: r.refusal?.code ?? '' });
    this.logger.log(`transfer ${transferId} (notice ${noticeId}) to ${point} on ${arrivalDate}: ${confirmed.length} confirmed, ${refused.length} refused`);
    await this.flushTransfer(transferId);
  }

  /** A cancellation frees the capacity and the persons (they may be notified again); harmless when repeated. */
  async onTransferCancelled({ payload }: DecodedMessage<TransferCancelledInternalV1>): Promise<void> {
    const transferId = `${payload.partnerCode}:${payload.cancellation.transferReference}`;
    const found = await this.transfers.findById(transferId, { status: 1, history: 1 }).lean().exec();
    if (!found) {
      // Intake routes a cancellation only for a notice it routed: the notice is on its way (another topic).
      await insertOnce(this.earlyCancellations, { _id: transferId, receivedAt: new Date(payload.receivedAt), messageId: payload.messageId });
      return void this.logger.log(`cancellation ${payload.messageId} for transfer ${transferId} arrived before its notice: kept`);
    }
    if (found.status === 'completed' || found.status === 'cancelled') return void this.logger.log(`transfer ${transferId} is ${found.status}: cancellation ${payload.messageId} changes nothing`);
    await this.release(transferId);
    await this.transfers
      .updateOne({ _id: transferId }, { $set: { status: 'cancelled' }, $push: { history: { at: this.clock.now(), event: 'cancelled', by: `partner:${payload.partnerCode}`, details: { messageId: payload.messageId, reason: payload.cancellation.reason } } } })
      .exec();
    this.logger.log(`transfer ${transferId} cancelled by the partner; capacity released`);
  }

  /** A border officer records one person: arrived (after the identity and document checks) or not arrived. Once per person. */
  async recordPerson(
    partnerCode: string,
    transferReference: string,
    partnerReference: string,
    input: { arrived: boolean; identityChecked?: boolean; documentChecked?: boolean; note?: string },
    caller: Caller,
  ): Promise<HandoverRecord> {
    const transfer = await this.openTransfer(partnerCode, transferReference);
    const entry = transfer.manifest.find((m) => m.partnerReference === partnerReference && m.verdict === 'confirmed');
    if (!entry?.caseNumber) throw new BadRequestException(`${partnerReference} is not confirmed on transfer ${transferReference}`);
    if (input.arrived && !(input.identityChecked && input.documentChecked)) {
      throw new BadRequestException('an arrival is recorded only after the identity check and the document check (identityChecked and documentChecked true)');
    }
    const record: HandoverRecord = {
      _id: `${transfer._id}#${partnerReference}`,
      transferId: transfer._id,
      partnerReference,
      caseNumber: entry.caseNumber,
      outcome: input.arrived ? 'arrived' : 'not-arrived',
      ...(input.arrived ? { identityChecked: true, documentChecked: true } : {}),
      ...(input.note ? { note: input.note } : {}),
      recordedBy: caller.subject,
      recordedAt: this.clock.now(),
    };
    if (!(await insertOnce(this.handovers, { ...record }))) {
      throw new ConflictException(`${partnerReference} is already recorded on transfer ${transferReference}`);
    }
    await this.audit.record({ actor: caller, action: 'handover-person-recorded', subject: transfer._id, details: { caseNumber: entry.caseNumber, partnerReference, outcome: record.outcome } });
    transferMetrics.handovers.inc({ outcome: record.outcome });
    this.logger.log(`transfer ${transfer._id}: ${entry.caseNumber} ${record.outcome}`);
    return record;
  }

  /**
   * Closes the transfer: transfer.completed (handed over / not arrived; a person not recorded did not arrive) and
   * a person-arrived event per arrived person. The Completion insert is the claim: published once whoever closes.
   */
  async close(partnerCode: string, transferReference: string, caller: Caller): Promise<{ transferReference: string; handedOver: string[]; notArrived: string[] }> {
    const transfer = await this.openTransfer(partnerCode, transferReference);
    const recorded = new Map((await this.handovers.find({ transferId: transfer._id }).lean().exec()).map((r) => [r.partnerReference, r]));
    const confirmed = transfer.manifest.filter((m) => m.verdict === 'confirmed');
    const arrived = confirmed.filter((m) => recorded.get(m.partnerReference)?.outcome === 'arrived');
    const handedOver = arrived.map((m) => m.partnerReference);
    const notArrived = confirmed.filter((m) => !handedOver.includes(m.partnerReference)).map((m) => m.partnerReference);
    const now = this.clock.now();
    const cases = await this.accepted.find({ _id: { $in: arrived.map((m) => m.caseNumber) } }).lean().exec();
    const records: OutgoingRecord[] = [
      this.reply(partnerCode, 'readmission.transfer.completed.v1', transferReference, deterministicId('transfer-completed', transfer._id), { transferReference, handedOver, notArrived }),
      ...cases.map((c) => {
        const d = c.decision;
        const at = recorded.get(c.partnerReference)?.recordedAt ?? now;
        return encodeInternalEvent(
          'readmission.internal.person-arrived.v1',
          {
            caseNumber: c._id,
            partnerCode,
            partnerReference: c.partnerReference,
            transferReference,
            category: d.category,
            arrivedAt: formatInstant(new Date(at)),
            borderCrossingPoint: transfer.borderCrossingPoint,
            person: d.person,
            family: d.family,
            // Assistance details travel only with the person's consent.
            ...(d.assistance?.consentGiven ? { assistance: d.assistance } : {}),
            assistanceNeeded: d.assistance?.needed ?? false,
            unaccompaniedMinor: d.unaccompaniedMinor,
          },
          { id: deterministicId('person-arrived', transfer._id, c._id), source: SOURCE, time: now.toISOString(), subject: c._id },
        );
      }),
    ];
    if (!(await insertOnce(this.completions, { _id: transfer._id, handedOver, notArrived, closedBy: caller.subject, closedAt: now, ...initialOutbox(records) }))) {
      await this.settleCompletion(transfer._id); // closed by someone else (or a crash before the follow-up): finish it
      throw new ConflictException(`transfer ${transferReference} is already completed`);
    }
    await this.audit.record({ actor: caller, action: 'transfer-closed', subject: transfer._id, details: { handedOver: handedOver.length, notArrived: notArrived.length } });
    transferMetrics.completed.inc();
    await this.settleCompletion(transfer._id);
    this.logger.log(`transfer ${transfer._id} completed: ${handedOver.length} handed over, ${notArrived.length} not arrived`);
    return { transferReference, handedOver, notArrived };
  }

  /** The one-call handover: records every confirmed person (the listed ones arrived, after the checks) and closes. */
  async recordHandover(partnerCode: string, transferReference: string, input: { arrived: string[]; identityChecked?: boolean; documentChecked?: boolean }, caller: Caller) {
    const transfer = await this.openTransfer(partnerCode, transferReference);
    const confirmed = transfer.manifest.filter((m) => m.verdict === 'confirmed').map((m) => m.partnerReference);
    const unknown = input.arrived.filter((r) => !confirmed.includes(r));
    if (unknown.length > 0) throw new BadRequestException(`not confirmed on this transfer: ${unknown.join(', ')}`);
    const done = new Set((await this.handovers.find({ transferId: transfer._id }, { partnerReference: 1 }).lean().exec()).map((r) => r.partnerReference));
    for (const reference of confirmed.filter((r) => !done.has(r))) {
      await this.recordPerson(partnerCode, transferReference, reference, { arrived: input.arrived.includes(reference), identityChecked: input.identityChecked, documentChecked: input.documentChecked }, caller);
    }
    return this.close(partnerCode, transferReference, caller);
  }

  /** A recorded extension of the transfer time limit, where the agreement allows one (CH-AZ: while the obstacle lasts). */
  async extend(caseNumber: string, input: { until: string; reason: string }, caller: Caller) {
    const found = await this.accepted.findById(caseNumber).lean().exec();
    if (!found) throw new NotFoundException(`no accepted case ${caseNumber}`);
    if (found.status !== 'awaiting-transfer') throw new ConflictException(`${caseNumber} is ${found.status}`);
    const rule = (found.decision.agreementRules as unknown as AgreementRules).rules.transferExtension;
    if (rule.value === 'none') throw new ConflictException(`${found.agreement} allows no extension of the transfer time limit (${rule.status}: ${rule.source})`);
    const transferDueBy = endOfBakuDay(input.until);
    if (transferDueBy <= found.transferDueBy) throw new BadRequestException(`the transfer is already due by ${bakuDate(found.transferDueBy)}`);
    const now = this.clock.now();
    await this.accepted
      .updateOne({ _id: caseNumber }, { $set: { transferDueBy }, $push: { extensions: { until: input.until, reason: input.reason, by: caller.subject, at: now }, history: { at: now, event: 'transfer-time-limit-extended', by: caller.subject, details: { until: input.until } } } })
      .exec();
    await this.audit.record({ actor: caller, action: 'transfer-time-limit-extended', subject: caseNumber, reason: input.reason, details: { until: input.until, previous: bakuDate(found.transferDueBy), rule: rule.value } });
    transferMetrics.extensions.inc();
    return { caseNumber, transferDueBy: formatInstant(transferDueBy) };
  }

  /** After a Completion exists: the transfer and its cases follow it (idempotent, so it may run again). */
  private async settleCompletion(transferId: string): Promise<void> {
    const completion = await this.completions.findById(transferId, { outbox: 0 }).lean().exec();
    if (!completion) return;
    const transfer = await this.transfers.findById(transferId, { manifest: 1 }).lean().exec();
    const caseOf = new Map((transfer?.manifest ?? []).map((m) => [m.partnerReference, m.caseNumber]));
    const arrivedCases = completion.handedOver.map((r) => caseOf.get(r)).filter((c): c is string => !!c);
    await this.accepted.updateMany({ _id: { $in: arrivedCases } }, { $set: { status: 'transferred' }, $unset: { currentTransfer: 1 } }).exec();
    // Those who did not arrive wait for a new notice within the time limit.
    await this.accepted.updateMany({ currentTransfer: transferId }, { $unset: { currentTransfer: 1 } }).exec();
    await this.transfers
      .updateOne(
        { _id: transferId, status: { $ne: 'completed' } },
        { $set: { status: 'completed', handover: { handedOver: completion.handedOver, notArrived: completion.notArrived, closedBy: completion.closedBy, closedAt: completion.closedAt } }, $push: { history: { at: completion.closedAt, event: 'completed', by: completion.closedBy, details: { handedOver: completion.handedOver.length, notArrived: completion.notArrived.length } } } },
      )
      .exec();
    await this.relay.flush(this.completions as never, transferId);
  }

  /** Issues a new travel document valid from today, replacing one that would expire before the transfer; the partner is told. */
  private async reissue(found: AcceptedCase, transferId: string, noticeId: string): Promise<TravelDocument> {
    const now = this.clock.now();
    const rules = found.decision.agreementRules as unknown as AgreementRules;
    const validFrom = bakuDate(now);
    const document: TravelDocument = { documentNumber: documentNumberFor(found._id, found.travelDocuments.length + 1), validFrom, validUntil: validUntilFor(validFrom, rules), issuedAt: now, kind: 'reissue' };
    const record = this.documentReply(found._id, found.partnerCode, found.partnerReference, document, noticeId);
    await this.accepted
      .updateOne(
        { _id: found._id, 'travelDocument.documentNumber': found.travelDocument?.documentNumber },
        withOutboxRecords({ $set: { travelDocument: document }, $push: { travelDocuments: document, history: { at: now, event: 'travel-document-reissued', by: 'system', details: { documentNumber: document.documentNumber, previous: found.travelDocument?.documentNumber, transferId } } } }, [record]),
      )
      .exec();
    transferMetrics.documents.inc({ kind: 'reissue' });
    this.logger.log(`${found._id}: travel document reissued as ${document.documentNumber} (previous expires before transfer ${transferId})`);
    await this.flushCase(found._id);
    return document;
  }

  /** Claims the first free place `<point>:<date>:<n>`; `taken` holds the numbers known to be taken. Undefined when full. */
  private async claimSlot(point: string, date: string, capacity: number, taken: Set<number>, transferId: string, caseNumber: string): Promise<string | undefined> {
    for (let n = 1; n <= capacity; n++) {
      if (taken.has(n)) continue;
      taken.add(n);
      const id = `${point}:${date}:${n}`;
      try {
        await this.slots.create({ _id: id, point, date, n, transferId, caseNumber });
        return id;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error; // taken meanwhile by another notice: try the next place
      }
    }
    return undefined;
  }

  /** Frees a transfer's places and persons (cancellation, amended notice). */
  private async release(transferId: string): Promise<void> {
    await this.slots.deleteMany({ transferId }).exec();
    await this.accepted.updateMany({ currentTransfer: transferId }, { $unset: { currentTransfer: 1 } }).exec();
  }

  private async openTransfer(partnerCode: string, transferReference: string): Promise<Transfer> {
    const transfer = await this.transfers.findById(`${partnerCode}:${transferReference}`, { outbox: 0 }).lean().exec();
    if (!transfer) throw new NotFoundException(`no transfer ${transferReference} from ${partnerCode}`);
    if (transfer.status !== 'confirmed') throw new ConflictException(`transfer ${transferReference} is ${transfer.status}`);
    return transfer;
  }

  private forNotice(c: AcceptedCase): CaseForNotice {
    return {
      caseNumber: c._id,
      category: c.category,
      status: c.status,
      transferDueBy: new Date(c.transferDueBy),
      currentTransfer: c.currentTransfer,
      travelDocument: c.travelDocument,
      rules: c.decision.agreementRules as unknown as AgreementRules,
    };
  }

  private documentReply(caseNumber: string, partnerCode: string, partnerReference: string, d: TravelDocument, causationId?: string): OutgoingRecord {
    return this.reply(partnerCode, 'readmission.travel-document.issued.v1', partnerReference, deterministicId('travel-document', caseNumber, d.documentNumber), {
      partnerReference,
      caseNumber,
      documentNumber: d.documentNumber,
      validFrom: d.validFrom,
      validUntil: d.validUntil,
    }, undefined, caseNumber, causationId);
  }

  /** A reply for intake to publish on the partner's outbound topic; `replyId` makes a repeat the same message. */
  private reply(partnerCode: string, messageType: string, recordKey: string, replyId: string, payload: Record<string, unknown>, answers?: string, caseNumber?: string, causationId?: string): OutgoingRecord {
    return encodeInternalEvent(
      'readmission.internal.partner-reply-requested.v1',
      { replyId, partnerCode, messageType, recordKey, ...(caseNumber ? { caseNumber } : {}), ...(answers ? { causationId: answers } : {}), payload },
      { id: deterministicId('reply-request', replyId), source: SOURCE, time: this.clock.now().toISOString(), ...(caseNumber ? { subject: caseNumber } : {}), causationId: causationId ?? answers },
    );
  }

  private async azCalendar(): Promise<WorkingCalendar> {
    return (await this.calendars.calendars()).official('AZ');
  }

  private flushCase(caseNumber: string): Promise<void> {
    return this.relay.flush(this.accepted as never, caseNumber);
  }

  private flushTransfer(transferId: string): Promise<void> {
    return this.relay.flush(this.transfers as never, transferId);
  }
}
