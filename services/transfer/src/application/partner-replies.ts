import { Injectable } from '@nestjs/common';
import { formatInstant } from '@readmission/agreements';
import {
  CaseDecidedV1,
  MistakeReturnCompletedV1,
  MistakeReturnRequestedV1,
  TransferExtensionCause,
  WithdrawalStage,
  encodeInternalEvent,
} from '@readmission/contracts';
import { OutgoingRecord } from '@readmission/messaging';
import { Clock, deterministicId } from '@readmission/platform';
import { Refusal } from '../domain/notice-rules';
import { ManifestEntry } from '../domain/transfer';
import { TravelDocument } from '../domain/travel-document';

const SOURCE = 'urn:readmission:transfer';

/**
 * The messages transfer sends: replies for intake to publish on a partner's outbound topic, and person-arrived
 * for reintegration. Ids are derived from their cause, so a repeat is recognisably the same message.
 */
@Injectable()
export class PartnerReplies {
  constructor(private readonly clock: Clock) {}

  travelDocumentIssued(
    c: { caseNumber: string; partnerCode: string; partnerReference: string },
    d: TravelDocument,
    causationId?: string,
  ): OutgoingRecord {
    const payload = {
      partnerReference: c.partnerReference,
      caseNumber: c.caseNumber,
      documentNumber: d.documentNumber,
      validFrom: d.validFrom,
      validUntil: d.validUntil,
    };
    const replyId = deterministicId('travel-document', c.caseNumber, d.documentNumber);
    return this.reply(c.partnerCode, 'readmission.travel-document.issued.v1', c.partnerReference, replyId, payload, {
      caseNumber: c.caseNumber,
      causationId,
    });
  }

  /** What a withdrawal did after the acceptance (interface 1.1), answering the partner's withdrawal message. */
  withdrawalConfirmed(
    c: { caseNumber: string; partnerCode: string; partnerReference: string },
    stage: WithdrawalStage,
    effect: string,
    cancelledDocuments: string[],
    withdrawnAt: string,
    answers: string,
  ): OutgoingRecord {
    const payload = { partnerReference: c.partnerReference, caseNumber: c.caseNumber, stage, effect, cancelledDocuments, withdrawnAt };
    const replyId = deterministicId('withdrawal', c.caseNumber, answers);
    return this.reply(c.partnerCode, 'readmission.application.withdrawal-confirmed.v1', c.partnerReference, replyId, payload, {
      caseNumber: c.caseNumber,
      answers,
    });
  }

  /**
   * The transfer time limit was extended (interface 1.1): the new and the previous limit, the cause and the rule in
   * words. `extensionId` names the extension (a repeat is the same message); `answers`, the partner message that
   * caused it (the lifting of a remedy), if any.
   */
  transferTimeLimitExtended(
    c: { caseNumber: string; partnerCode: string; partnerReference: string },
    extension: { transferDueBy: Date; previousDueBy: Date; cause: TransferExtensionCause; reason: string },
    extensionId: string,
    answers?: string,
  ): OutgoingRecord {
    const payload = {
      partnerReference: c.partnerReference,
      caseNumber: c.caseNumber,
      transferDueBy: formatInstant(extension.transferDueBy),
      previousDueBy: formatInstant(extension.previousDueBy),
      cause: extension.cause,
      reason: extension.reason,
    };
    const replyId = deterministicId('transfer-time-limit-extended', c.caseNumber, extensionId);
    return this.reply(c.partnerCode, 'readmission.transfer.time-limit-extended.v1', c.partnerReference, replyId, payload, {
      caseNumber: c.caseNumber,
      answers,
    });
  }

  /** The answer to a notice: transfer.confirmed naming those who can come, transfer.refused with a reason for each of the others. */
  noticeAnswered(
    partnerCode: string,
    transferId: string,
    noticeId: string,
    notice: { transferReference: string; plannedArrival: string; borderCrossingPoint: string },
    confirmed: ManifestEntry[],
    refused: ManifestEntry[],
  ): OutgoingRecord[] {
    const { transferReference } = notice;
    const events: OutgoingRecord[] = [];
    if (confirmed.length > 0) {
      const payload = {
        transferReference,
        partnerReferences: confirmed.map((m) => m.partnerReference),
        arrival: notice.plannedArrival,
        borderCrossingPoint: notice.borderCrossingPoint,
      };
      const replyId = deterministicId('transfer-confirmed', transferId, noticeId);
      events.push(this.reply(partnerCode, 'readmission.transfer.confirmed.v1', transferReference, replyId, payload, { answers: noticeId }));
    }
    if (refused.length > 0) {
      const payload = { transferReference, reasons: refused.map((m) => m.refusal as Refusal) };
      const replyId = deterministicId('transfer-refused', transferId, noticeId);
      events.push(this.reply(partnerCode, 'readmission.transfer.refused.v1', transferReference, replyId, payload, { answers: noticeId }));
    }
    return events;
  }

  transferCompleted(
    partnerCode: string,
    transferId: string,
    payload: { transferReference: string; handedOver: string[]; notArrived: string[] },
  ) {
    return this.reply(
      partnerCode,
      'readmission.transfer.completed.v1',
      payload.transferReference,
      deterministicId('transfer-completed', transferId),
      payload,
    );
  }

  /** The officer's decision on a transit request (interface 1.1), answering the partner's request. */
  transitDecided(
    t: { _id: string; partnerCode: string; transitReference: string; messageId: string },
    d: {
      decision: 'consented' | 'refused';
      decidedAt: Date;
      consentValidUntil?: Date;
      refusalGround?: string;
      grounds?: string;
      basis: string;
    },
  ): OutgoingRecord {
    const payload = {
      transitReference: t.transitReference,
      decision: d.decision,
      decidedAt: formatInstant(d.decidedAt),
      ...(d.consentValidUntil ? { consentValidUntil: formatInstant(d.consentValidUntil) } : {}),
      ...(d.refusalGround ? { refusalGround: d.refusalGround, grounds: d.grounds } : {}),
      basis: d.basis,
    };
    return this.reply(
      t.partnerCode,
      'readmission.transit.decided.v1',
      t.transitReference,
      deterministicId('transit-decided', t._id),
      payload,
      {
        answers: t.messageId,
      },
    );
  }

  /** A consent to transit revoked (interface 1.1). */
  transitConsentRevoked(
    t: { _id: string; partnerCode: string; transitReference: string; messageId: string },
    r: { ground: string; grounds: string; basis: string; at: Date },
  ): OutgoingRecord {
    const payload = {
      transitReference: t.transitReference,
      revokedAt: formatInstant(r.at),
      ground: r.ground,
      grounds: r.grounds,
      basis: r.basis,
    };
    const replyId = deterministicId('transit-revoked', t._id);
    return this.reply(t.partnerCode, 'readmission.transit.consent-revoked.v1', t.transitReference, replyId, payload, {
      answers: t.messageId,
    });
  }

  /**
   * What the border officer recorded of a transit the partner requested (interface 1.1): entered, left or not-arrived,
   * where and when. One message per event of a transit (a transit passes each event at most once).
   */
  transitBorderRecorded(
    t: { _id: string; partnerCode: string; transitReference: string; messageId: string },
    r: { event: string; crossingPoint: string; at: Date },
  ): OutgoingRecord {
    const payload = {
      transitReference: t.transitReference,
      event: r.event,
      crossingPoint: r.crossingPoint,
      recordedAt: formatInstant(r.at),
    };
    const replyId = deterministicId('transit-border', t._id, r.event);
    return this.reply(t.partnerCode, 'readmission.transit.border-recorded.v1', t.transitReference, replyId, payload, {
      answers: t.messageId,
    });
  }

  /** Tells reintegration a person arrived; assistance details travel only with the person's consent. */
  personArrived(
    c: { _id: string; partnerCode: string; partnerReference: string; decision: CaseDecidedV1 },
    transfer: { _id: string; transferReference: string; borderCrossingPoint: string },
    arrivedAt: Date,
  ): OutgoingRecord {
    const d = c.decision;
    return encodeInternalEvent(
      'readmission.internal.person-arrived.v1',
      {
        caseNumber: c._id,
        partnerCode: c.partnerCode,
        partnerReference: c.partnerReference,
        transferReference: transfer.transferReference,
        category: d.category,
        arrivedAt: formatInstant(arrivedAt),
        borderCrossingPoint: transfer.borderCrossingPoint,
        person: d.person,
        family: d.family,
        ...(d.assistance?.consentGiven ? { assistance: d.assistance } : {}),
        assistanceNeeded: d.assistance?.needed ?? false,
        unaccompaniedMinor: d.unaccompaniedMinor,
      },
      { id: deterministicId('person-arrived', transfer._id, c._id), source: SOURCE, time: this.clock.now().toISOString(), subject: c._id },
    );
  }

  /** Readmission by mistake (interface 1.1): the request to take the person back. */
  mistakeReturnRequested(partnerCode: string, payload: MistakeReturnRequestedV1): OutgoingRecord {
    const replyId = deterministicId('mistake-requested', payload.caseNumber);
    return this.reply(partnerCode, 'readmission.mistake.return-requested.v1', payload.partnerReference, replyId, payload, {
      caseNumber: payload.caseNumber,
    });
  }

  /** Readmission by mistake: the return recorded at the border, answering the partner's acceptance. */
  mistakeReturnCompleted(partnerCode: string, payload: MistakeReturnCompletedV1, answers?: string): OutgoingRecord {
    const replyId = deterministicId('mistake-returned', payload.caseNumber);
    return this.reply(partnerCode, 'readmission.mistake.return-completed.v1', payload.partnerReference, replyId, payload, {
      caseNumber: payload.caseNumber,
      answers,
    });
  }

  /** An answer about a case for which no request for readmission by mistake was made (or one already answered). */
  mistakeAnswerRejected(
    partnerCode: string,
    partnerReference: string,
    caseNumber: string,
    messageId: string,
    message: string,
  ): OutgoingRecord {
    const payload = { partnerReference, reasons: [{ code: 'unknown-reference', field: '$.caseNumber', message }] };
    return this.reply(
      partnerCode,
      'readmission.application.rejected.v1',
      partnerReference,
      deterministicId('mistake-answer-rejected', messageId),
      payload,
      {
        caseNumber,
        answers: messageId,
      },
    );
  }

  /** Tells reintegration a person readmitted by mistake has left Azerbaijan again (its open case closes). */
  personReturnedByMistake(c: { caseNumber: string; partnerCode: string }, returnedAt: Date, borderCrossingPoint: string): OutgoingRecord {
    return encodeInternalEvent(
      'readmission.internal.person-returned-by-mistake.v1',
      { caseNumber: c.caseNumber, partnerCode: c.partnerCode, returnedAt: formatInstant(returnedAt), borderCrossingPoint },
      {
        id: deterministicId('person-returned-by-mistake', c.caseNumber),
        source: SOURCE,
        time: this.clock.now().toISOString(),
        subject: c.caseNumber,
      },
    );
  }

  /** A reply for intake to publish on the partner's outbound topic; `replyId` makes a repeat the same message. */
  private reply(
    partnerCode: string,
    messageType: string,
    recordKey: string,
    replyId: string,
    payload: object,
    context: { answers?: string; caseNumber?: string; causationId?: string } = {},
  ): OutgoingRecord {
    const { answers, caseNumber } = context;
    return encodeInternalEvent(
      'readmission.internal.partner-reply-requested.v1',
      {
        replyId,
        partnerCode,
        messageType,
        recordKey,
        ...(caseNumber ? { caseNumber } : {}),
        ...(answers ? { causationId: answers } : {}),
        payload: payload as Record<string, unknown>,
      },
      {
        id: deterministicId('reply-request', replyId),
        source: SOURCE,
        time: this.clock.now().toISOString(),
        ...(caseNumber ? { subject: caseNumber } : {}),
        causationId: context.causationId ?? answers,
      },
    );
  }
}
