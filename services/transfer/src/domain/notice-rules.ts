import { AgreementRules, WorkingCalendar, addWorkingDays, bakuDate } from '@readmission/agreements';
import { AcceptedCaseStatus } from './accepted-case';

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
    | 'duplicate-in-notice';
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
  rules: AgreementRules;
}

/** The first Baku date a transfer notified at `receivedAt` may arrive: N Azerbaijani working days after the day of receipt. */
export function earliestArrival(calendar: WorkingCalendar, receivedAt: Date, rules: AgreementRules): string {
  return addWorkingDays(calendar, bakuDate(receivedAt), rules.timeLimits.advanceNotice.value).date;
}

/**
 * The rules on one person of a notice, except the crossing point and its capacity (the caller's, since they
 * concern the whole group and the store). `reissue` means the travel document ends before the arrival: the caller
 * issues a new one and judges the person again with it.
 */
export function judgePerson(
  reference: string,
  found: CaseForNotice | undefined,
  notice: { transferId: string; receivedAt: Date; plannedArrival: Date },
  calendar: WorkingCalendar,
): { refusal: Refusal } | { reissue: boolean } {
  if (!found) return { refusal: { code: 'not-accepted', message: `${reference}: no accepted application with this reference` } };
  if (found.status === 'transferred') return { refusal: { code: 'already-transferred', message: `${reference}: already handed over` } };
  if (found.status === 'expired') return { refusal: { code: 'transfer-time-limit-exceeded', message: `${reference}: the transfer time limit expired on ${bakuDate(found.transferDueBy)}` } };
  if (found.currentTransfer && found.currentTransfer !== notice.transferId) {
    return { refusal: { code: 'already-notified', message: `${reference}: already booked on transfer ${found.currentTransfer.split(':').slice(1).join(':')}` } };
  }
  const arrival = bakuDate(notice.plannedArrival);
  const earliest = earliestArrival(calendar, notice.receivedAt, found.rules);
  if (arrival < earliest) {
    const min = found.rules.timeLimits.advanceNotice.value;
    return { refusal: { code: 'notice-too-late', message: `${reference}: notice must be given at least ${min} Azerbaijani working days before arrival; earliest arrival for this notice is ${earliest}` } };
  }
  if (notice.plannedArrival > found.transferDueBy) {
    return { refusal: { code: 'transfer-time-limit-exceeded', message: `${reference}: arrival ${arrival} is after the transfer time limit ${bakuDate(found.transferDueBy)}` } };
  }
  if (found.category === 'national' && found.travelDocument && found.travelDocument.validUntil < arrival) return { reissue: true };
  return { reissue: false };
}

/** The refusals that concern the notice as a whole rather than the person's case. */
export const noticeRefusals = {
  duplicate: (reference: string): Refusal => ({ code: 'duplicate-in-notice', message: `${reference}: listed more than once in this notice` }),
  unknownPoint: (reference: string, point: string): Refusal => ({
    code: 'unknown-crossing-point',
    message: `${reference}: ${point} is not a border crossing point Azerbaijan receives transfers at`,
  }),
  documentExpires: (reference: string, document: { documentNumber: string; validUntil: string }, arrivalDate: string): Refusal => ({
    code: 'travel-document-expires',
    message: `${reference}: travel document ${document.documentNumber} is valid until ${document.validUntil}, before the arrival on ${arrivalDate}`,
  }),
  capacityExhausted: (reference: string, point: string, arrivalDate: string, capacity: number): Refusal => ({
    code: 'capacity-exhausted',
    message: `${reference}: ${point} has no capacity left on ${arrivalDate} (${capacity} persons a day)`,
  }),
};
