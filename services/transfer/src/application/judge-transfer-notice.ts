import { Injectable, Logger } from '@nestjs/common';
import { CalendarBook, CalendarSource, bakuDate, capacityOn } from '@readmission/agreements';
import { DecodedMessage, TransferNotifiedInternalV1 } from '@readmission/contracts';
import { Stored } from '@readmission/persistence';
import { Clock } from '@readmission/platform';
import { CaseForNotice, PartnerAgreement, Refusal, judgePerson, noticeRefusals, partnerAgreementIn } from '../domain/notice-rules';
import { ManifestEntry, cancellationPrevails, noticeOutcome, transferIdOf } from '../domain/transfer';
import { AcceptedCase } from '../infrastructure/accepted-case.schema';
import { AcceptedCases } from '../infrastructure/accepted-cases.repository';
import { CapacitySlots } from '../infrastructure/capacity-slots.repository';
import { Cancellations } from '../infrastructure/cancellations.repository';
import { PersonBookings } from '../infrastructure/person-bookings.repository';
import { RemedyHolds } from '../infrastructure/remedy-holds.repository';
import { Transfers } from '../infrastructure/transfers.repository';
import { CancelTransfer } from './cancel-transfer';
import { CrossingPointSource } from './crossing-point-source';
import { IssueTravelDocument } from './issue-travel-document';
import { PartnerReplies } from './partner-replies';
import { ReleaseBooking } from './release-booking';
import { RulebookSource } from './rulebook-source';
import { transferMetrics } from './transfer-metrics';

/** What a notice is judged against, besides each person's case. */
interface NoticeContext {
  transferId: string;
  noticeId: string;
  receivedAt: Date;
  plannedArrival: Date;
  arrivalDate: string;
  point: string;
  capacity: number | undefined;
  /** The crossing points in effect at the arrival, and their version (named in a refusal about the point). */
  points: { codes: string[]; version: string };
  calendars: CalendarBook;
  /** The partner's agreement in the rulebook in effect at receipt, read only when a person has no accepted case. */
  partner?: PartnerAgreement;
}

/**
 * An advance notice, answered per person: transfer.confirmed for those that can come (each holding a capacity
 * slot), transfer.refused with a reason per reference for the others. A redelivered notice finds its transfer and
 * does nothing; a new notice for the same transfer (amended date or group) releases the old booking and is judged
 * afresh. The crossing points are those in effect at the planned arrival; the transfer records their version.
 */
@Injectable()
export class JudgeTransferNotice {
  private readonly logger = new Logger(JudgeTransferNotice.name);

  constructor(
    private readonly cases: AcceptedCases,
    private readonly transfers: Transfers,
    private readonly slots: CapacitySlots,
    private readonly cancellations: Cancellations,
    private readonly bookings: PersonBookings,
    private readonly remedies: RemedyHolds,
    private readonly documents: IssueTravelDocument,
    private readonly release: ReleaseBooking,
    private readonly cancel: CancelTransfer,
    private readonly replies: PartnerReplies,
    private readonly crossingPoints: CrossingPointSource,
    private readonly calendars: CalendarSource,
    private readonly rulebooks: RulebookSource,
    private readonly clock: Clock,
  ) {}

  async execute({ payload }: DecodedMessage<TransferNotifiedInternalV1>): Promise<void> {
    const { notice, partnerCode, noticeId } = payload;
    const transferId = transferIdOf(partnerCode, notice.transferReference);
    const existing = await this.transfers.findById(transferId, { noticeId: 1, status: 1, noticeReceivedAt: 1 });
    if (existing?.noticeId === noticeId) return; // redelivery: judged already
    if (existing?.status === 'completed')
      return void this.logger.warn(`transfer ${transferId}: notice ${noticeId} for a completed transfer ignored`);
    // The partner's latest word counts, by time of receipt (docs/rules.md#advance-notice-and-cancellation).
    const receivedAt = new Date(payload.receivedAt);
    if (existing && existing.noticeReceivedAt > receivedAt)
      return void this.logger.log(`transfer ${transferId}: notice ${noticeId} was received before notice ${existing.noticeId}: ignored`);
    const cancellation = await this.cancellations.findById(transferId);
    if (cancellationPrevails(cancellation?.receivedAt, receivedAt)) {
      return void this.logger.log(
        `transfer ${transferId}: notice ${noticeId} was cancelled (${cancellation?.messageId}) after it was received: nothing booked`,
      );
    }
    if (existing) await this.release.execute(transferId); // amended notice: judged again from scratch

    const plannedArrival = new Date(notice.plannedArrival);
    const arrivalDate = bakuDate(plannedArrival);
    const point = notice.borderCrossingPoint;
    const crossingPoints = await this.crossingPoints.current(plannedArrival); // capacity belongs to the arrival day
    const calendars = await this.calendars.calendars();
    const context: NoticeContext = {
      transferId,
      noticeId,
      receivedAt,
      plannedArrival,
      arrivalDate,
      point,
      capacity: capacityOn(crossingPoints.data, point, arrivalDate),
      points: { codes: crossingPoints.data.points.map((p) => p.code), version: crossingPoints.version },
      calendars,
    };
    const manifest = await this.judgePersons(partnerCode, notice.partnerReferences, context);

    const confirmed = manifest.filter((m) => m.verdict === 'confirmed');
    const refused = manifest.filter((m) => m.verdict === 'refused');
    const events = this.replies.noticeAnswered(partnerCode, transferId, noticeId, notice, confirmed, refused);
    // Book the persons first: a crash before the transfer is written leaves the redelivery to find them booked on it.
    if (confirmed.length > 0)
      await this.cases.bookOn(
        transferId,
        confirmed.map((m) => m.caseNumber as string),
      );
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
      crossingPointsVersion: crossingPoints.version,
      transport: JSON.parse(JSON.stringify(notice.transport)),
      partnerReferences: notice.partnerReferences,
      manifest,
    } as const;
    const by = `partner:${partnerCode}`;
    const event = {
      at: this.clock.now(),
      event: existing ? 'notice-amended' : 'notified',
      by,
      details: { noticeId, status, confirmed: confirmed.length, refused: refused.length },
    };
    if (existing) await this.transfers.update({ _id: transferId }, { $set: fields, $push: { history: event } }, events);
    else await this.transfers.insertOnce({ _id: transferId, ...fields, closeAlerted: false, history: [event] }, events);

    // A cancellation handled meanwhile (another topic, maybe another instance) may have missed this transfer.
    await this.cancel.applyLatest(transferId);

    transferMetrics.notices.inc({ outcome: noticeOutcome(confirmed.length, refused.length) });
    transferMetrics.persons.inc({ verdict: 'confirmed', code: '' }, confirmed.length);
    for (const r of refused) transferMetrics.persons.inc({ verdict: 'refused', code: r.refusal?.code ?? '' });
    this.logger.log(
      `transfer ${transferId} (notice ${noticeId}) to ${point} on ${arrivalDate}: ${confirmed.length} confirmed, ${refused.length} refused`,
    );
  }

  /** The verdict on each listed person, in the notice's order; the confirmed ones hold a place at the crossing point. */
  private async judgePersons(partnerCode: string, references: string[], notice: NoticeContext): Promise<ManifestEntry[]> {
    const cases = new Map((await this.cases.byPartnerReferences(partnerCode, references)).map((c) => [c.partnerReference, c]));
    const remedies = new Map<string, { kind: string; date: string; authority?: string }[]>();
    for (const r of await this.remedies.standing([...cases.values()].map((c) => c._id)))
      remedies.set(r.caseNumber, [...(remedies.get(r.caseNumber) ?? []), r]);
    // A person with no accepted case has no case rulebook: the refusal cites the partner's agreement at receipt.
    const n: NoticeContext = references.some((r) => !cases.has(r))
      ? { ...notice, partner: await this.partner(partnerCode, notice) }
      : notice;
    const booking = n.capacity === undefined ? undefined : await this.slots.booking(n.transferId, n.point, n.arrivalDate, n.capacity);
    const manifest: ManifestEntry[] = [];
    const seen = new Set<string>();
    for (const reference of references) {
      const found = cases.get(reference);
      const refuse = (refusal: Refusal) =>
        manifest.push({ partnerReference: reference, ...(found ? { caseNumber: found._id } : {}), verdict: 'refused', refusal });
      if (seen.has(reference)) {
        refuse(noticeRefusals.duplicate(reference));
        continue;
      }
      seen.add(reference);
      if (!booking || n.capacity === undefined) {
        refuse(noticeRefusals.unknownPoint(reference, n.point, found?.decision.agreementRules ?? n.partner?.rules, n.points));
        continue;
      }
      const verdict = judgePerson(
        reference,
        found && { ...forNotice(found), remedies: remedies.get(found._id) },
        { ...n, issueAt: this.clock.now() },
        n.calendars,
      );
      if ('refusal' in verdict) {
        refuse(verdict.refusal);
        continue;
      }
      const c = found as Stored<AcceptedCase>;
      if (verdict.reissue) {
        const document = await this.documents.reissue(c, n.transferId, n.noticeId);
        if (document.validUntil < n.arrivalDate) {
          refuse(noticeRefusals.documentExpires(reference, document, n.arrivalDate));
          continue;
        }
      }
      // One transfer per person: the claim is a unique insert, so of two notices handled at once only one books.
      const holder = await this.bookings.claim(c._id, n.transferId);
      if (holder !== n.transferId) {
        refuse(noticeRefusals.alreadyBooked(reference, holder));
        continue;
      }
      const slot = await booking.placeFor(c._id);
      if (!slot) {
        await this.bookings.releasePerson(c._id, n.transferId);
        refuse(
          noticeRefusals.capacityExhausted(reference, n.point, n.arrivalDate, n.capacity, c.decision.agreementRules, n.points.version),
        );
        continue;
      }
      manifest.push({ partnerReference: reference, caseNumber: c._id, verdict: 'confirmed', slot });
    }
    return manifest;
  }

  private async partner(partnerCode: string, notice: NoticeContext): Promise<PartnerAgreement | undefined> {
    const rulebook = await this.rulebooks.at(notice.receivedAt);
    return rulebook && partnerAgreementIn(rulebook, partnerCode);
  }
}

function forNotice(c: Stored<AcceptedCase>): CaseForNotice {
  return {
    caseNumber: c._id,
    category: c.category,
    status: c.status,
    transferDueBy: new Date(c.transferDueBy),
    currentTransfer: c.currentTransfer,
    travelDocument: c.travelDocument,
    withdrawal: c.withdrawal,
    rules: c.decision.agreementRules,
    limits: { requestingState: c.partnerCode, rulebookVersion: c.decision.rulebookVersion },
  };
}
