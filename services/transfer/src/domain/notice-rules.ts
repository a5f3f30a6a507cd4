import { AgreementRules, CalendarBook, Rulebook, bakuDate } from '@readmission/agreements';
import { AcceptedCaseStatus } from './accepted-case';
import { validUntilFor } from './travel-document';
import { LimitContext, earliestArrival, unitInWords } from './transfer-time-limits';

/** Why one person of a notified transfer cannot come (transfer.refused reasons name the reference). */
export interface Refusal {
  code:
    | 'not-accepted'
    | 'already-transferred'
    | 'already-notified'
    | 'transfer-time-limit-exceeded'
    | 'notice-too-late'
    | 'travel-document-expires'
    | 'unknown-crossing-point'
    | 'capacity-exhausted'
    | 'duplicate-in-notice'
    | 'application-withdrawn'
    | 'remedy-pending'
    | 'removal-suspended';
  message: string;
}

/** What the notice rules need to know about one accepted case. */
export interface CaseForNotice {
  caseNumber: string;
  category: string;
  status: AcceptedCaseStatus;
  transferDueBy: Date;
  /** `<partner>:<transferReference>` of the confirmed transfer the person is booked on, if any. */
  currentTransfer?: string;
  travelDocument?: { documentNumber: string; validUntil: string };
  /** Remedies pending (or removal suspended) as the partner stated them: no transfer is confirmed while one stands. */
  remedies?: { kind: string; date: string; authority?: string }[];
  /** The partner withdrew the application after its acceptance. */
  withdrawal?: { withdrawnAt: Date; cancelledDocuments: string[] };
  rules: AgreementRules;
  /** The requesting state and the rulebook version the case was accepted under (the advance notice is counted with them). */
  limits: LimitContext;
}

/**
 * The rules on one person of a notice, except the crossing point and its capacity (the caller's, since they
 * concern the whole group and the store). `reissue` means the travel document ends before the arrival and a new
 * one issued now (`notice.issueAt`, default the receipt) covers it: the caller issues it. A travel document is
 * reissued only when the rulebook allows it (`rules.travelDocumentReissue`) and the new one covers the arrival;
 * otherwise the person is refused at once (never a second document with a validity that changes nothing).
 */
export function judgePerson(
  reference: string,
  found: CaseForNotice | undefined,
  notice: { transferId: string; receivedAt: Date; plannedArrival: Date; issueAt?: Date; partner?: PartnerAgreement },
  calendars: CalendarBook,
): { refusal: Refusal } | { reissue: boolean } {
  if (!found) return { refusal: noticeRefusals.notAccepted(reference, notice.partner) };
  if (found.status === 'transferred')
    return {
      refusal: {
        code: 'already-transferred',
        message: `${reference}: already handed over to Azerbaijan: the acceptance has been carried out. ${transferFollowsAcceptance(found.rules)}, once: a new transfer of the person needs a new application`,
      },
    };
  if (found.status === 'withdrawn') {
    const w = found.withdrawal;
    const documents = w?.cancelledDocuments.length ? `; travel document ${w.cancelledDocuments.join(', ')} is cancelled` : '';
    return {
      refusal: {
        code: 'application-withdrawn',
        message: `${reference}: the application was withdrawn${w ? ` on ${bakuDate(w.withdrawnAt)}` : ''}: the acceptance has lapsed${documents}. ${transferFollowsAcceptance(found.rules)}; an acceptance lapses when the application is withdrawn (docs/rules.md#withdrawal-of-an-application): a transfer of the person needs a new application`,
      },
    };
  }
  const transferRule = `${found.rules.code}, ${found.rules.timeLimits.transfer.source}`;
  if (found.status === 'expired')
    return {
      refusal: {
        code: 'transfer-time-limit-exceeded',
        message: `${reference}: the transfer time limit expired on ${bakuDate(found.transferDueBy)} (${transferRule}); a transfer needs a new application`,
      },
    };
  if (found.currentTransfer && found.currentTransfer !== notice.transferId)
    return { refusal: noticeRefusals.alreadyBooked(reference, found.currentTransfer) };
  const remedy = found.remedies?.[0];
  if (remedy) return { refusal: remedyRefusal(reference, remedy, found.rules) };
  const arrival = bakuDate(notice.plannedArrival);
  const earliest = earliestArrival(calendars, notice.receivedAt, found.rules, found.limits).dueDate;
  if (arrival < earliest) {
    const { value, unit } = found.rules.timeLimits.advanceNotice;
    const min = `${value} ${unitInWords(unit, found.limits.requestingState)}`;
    const rule = `${found.rules.code}, ${found.rules.timeLimits.advanceNotice.source}`;
    return {
      refusal: {
        code: 'notice-too-late',
        message: `${reference}: notice must be given at least ${min} before arrival (${rule}); earliest arrival for this notice is ${earliest}`,
      },
    };
  }
  if (notice.plannedArrival > found.transferDueBy) {
    return {
      refusal: {
        code: 'transfer-time-limit-exceeded',
        message: `${reference}: arrival ${arrival} is after the transfer time limit ${bakuDate(found.transferDueBy)} (${transferRule}); notify an arrival on or before it`,
      },
    };
  }
  if (found.category === 'national' && found.travelDocument && found.travelDocument.validUntil < arrival) {
    const document = found.travelDocument;
    const rule = found.rules.rules.travelDocumentReissue;
    const validity = found.rules.timeLimits.travelDocumentValidity;
    if (rule && !rule.value) {
      return {
        refusal: noticeRefusals.documentExpires(
          reference,
          document,
          arrival,
          `${found.rules.code} does not provide for a new travel document (${rule.source}); notify an arrival on or before ${document.validUntil}`,
        ),
      };
    }
    const newUntil = validUntilFor(bakuDate(notice.issueAt ?? notice.receivedAt), found.rules);
    if (newUntil < arrival) {
      return {
        refusal: noticeRefusals.documentExpires(
          reference,
          document,
          arrival,
          `a new one issued now would be valid only until ${newUntil} (${validity.value} ${validity.unit.replace(/-/g, ' ')}: ${found.rules.code}, ${validity.source}); notify an arrival on or before ${newUntil}`,
        ),
      };
    }
    return { reissue: true };
  }
  return { reissue: false };
}

/**
 * The agreement binding Azerbaijan to the partner that sent a notice, from the rulebook in effect at its receipt
 * (`rules` absent: the partner is party to none; `version` names the rulebook either way). A notice naming a person
 * with no accepted case has no case rulebook to cite: this one gives the article.
 */
export interface PartnerAgreement {
  partnerCode: string;
  rulebookVersion: string;
  rules?: AgreementRules;
}

/** The partner's agreement in a rulebook (whether or not it applies on the day: a refusal cites it either way). */
export function partnerAgreementIn(rulebook: Rulebook, partnerCode: string): PartnerAgreement {
  const partner = rulebook.partner(partnerCode);
  return { partnerCode, rulebookVersion: rulebook.version, ...(partner ? { rules: rulebook.agreement(partner.agreement) } : {}) };
}

/**
 * The rule every transfer rests on: the requested state transfers a person whose application it accepted, within the
 * transfer time limit counted from the acceptance (CH-AZ Art. 8(4); each agreement's source in its rulebook).
 */
function transferFollowsAcceptance(rules: AgreementRules): string {
  const { value, unit, source, status } = rules.timeLimits.transfer;
  return `A transfer is agreed for a person whose readmission application Azerbaijan accepted (or is deemed to have accepted), within ${value} ${unit.replace(/-/g, ' ')} of the acceptance (${rules.code}, ${source}, ${status})`;
}

/** Why a person with a standing remedy is not received, in the notice's refusal and on the border list. */
export function remedyReason(remedy: { kind: string; date: string; authority?: string }): string {
  const what = remedy.kind === 'removal-suspended' ? 'removal is suspended' : `${remedy.kind.replace(/-/g, ' ')} pending`;
  return `${what} since ${remedy.date}${remedy.authority ? ` (${remedy.authority})` : ''}, as the requesting state stated; no transfer while it stands`;
}

function remedyRefusal(reference: string, remedy: { kind: string; date: string; authority?: string }, rules: AgreementRules): Refusal {
  const extension = rules.rules.transferExtension;
  const limit =
    extension.value === 'none'
      ? ''
      : `; it is a legal obstacle: the transfer time limit is extended by the days it stands (${rules.code}, ${extension.source}, ${extension.status})`;
  return {
    code: remedy.kind === 'removal-suspended' ? 'removal-suspended' : 'remedy-pending',
    message: `${reference}: ${remedyReason(remedy)}${limit}; notify the transfer again once it is lifted (readmission.remedy.lifted.v1)`,
  };
}

/**
 * The article a refusal about the crossing point or its capacity applies: the advance notice names the date of the
 * transfer and the border crossing point (CH-AZ Art. 9(1); the case's rulebook gives each agreement's source).
 */
function noticeNames(rules?: AgreementRules): string {
  const basis = rules ? ` (${rules.code}, ${rules.timeLimits.advanceNotice.source}, ${rules.timeLimits.advanceNotice.status})` : '';
  return `The advance notice of a transfer names its date and the border crossing point${basis}`;
}

/** The refusals that concern the notice as a whole rather than the person's case. */
export const noticeRefusals = {
  /** No accepted case has the reference: the article comes from the partner's agreement in the rulebook at receipt. */
  notAccepted: (reference: string, partner?: PartnerAgreement): Refusal => {
    const none = `${reference}: no application with this reference has been accepted by Azerbaijan.`;
    if (!partner)
      return { code: 'not-accepted', message: `${none} A transfer is agreed only for a person whose readmission application was accepted` };
    const rule = partner.rules
      ? `${transferFollowsAcceptance(partner.rules)} (rulebook ${partner.rulebookVersion})`
      : `${partner.partnerCode} is party to no readmission agreement with Azerbaijan in rulebook ${partner.rulebookVersion}, and a transfer rests on an application accepted under one`;
    return {
      code: 'not-accepted',
      message: `${none} ${rule}: check the reference against the acceptance (readmission.application.decided.v1), or submit an application first`,
    };
  },
  duplicate: (reference: string): Refusal => ({
    code: 'duplicate-in-notice',
    message: `${reference}: listed more than once in this notice (a matter of the notice's form, not of the agreement: each person once)`,
  }),
  unknownPoint: (reference: string, point: string, rules?: AgreementRules, points?: { codes: string[]; version: string }): Refusal => ({
    code: 'unknown-crossing-point',
    message: `${reference}: ${point} is not a border crossing point Azerbaijan receives transfers at${
      points?.codes.length ? ` (those it does: ${points.codes.join(', ')})` : ''
    }. ${noticeNames(rules)}; which points receive transfers is an operational arrangement of Azerbaijan${
      points ? ` (crossing points ${points.version})` : ''
    }, not a rule of the agreement: notify the transfer again at one of them`,
  }),
  documentExpires: (
    reference: string,
    document: { documentNumber: string; validUntil: string },
    arrivalDate: string,
    why?: string,
  ): Refusal => ({
    code: 'travel-document-expires',
    message: `${reference}: travel document ${document.documentNumber} is valid until ${document.validUntil}, before the arrival on ${arrivalDate}${why ? `; ${why}` : ''}`,
  }),
  /** A person is booked on one transfer at most: `transferId` (`<partner>:<transferReference>`) holds them. */
  alreadyBooked: (reference: string, transferId: string): Refusal => ({
    code: 'already-notified',
    message: `${reference}: already booked on transfer ${transferId.split(':').slice(1).join(':')}`,
  }),
  capacityExhausted: (
    reference: string,
    point: string,
    arrivalDate: string,
    capacity: number,
    rules?: AgreementRules,
    pointsVersion?: string,
  ): Refusal => ({
    code: 'capacity-exhausted',
    message: `${reference}: ${point} has no capacity left on ${arrivalDate} (${capacity} persons a day). ${noticeNames(rules)}; the daily capacity of a crossing point is an operational arrangement of Azerbaijan${
      pointsVersion ? ` (crossing points ${pointsVersion})` : ''
    }, not a rule of the agreement: notify another date or another crossing point`,
  }),
};
