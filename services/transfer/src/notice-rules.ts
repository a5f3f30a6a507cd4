import { AgreementRules, WorkingCalendar, addCalendarDays, addWorkingDays, bakuDate } from '@readmission/agreements';

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
  status: 'awaiting-transfer' | 'transferred' | 'expired';
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

/** The last Baku date of a travel document's validity, issued on `validFrom` (the issue day counts as day 1). */
export function validUntilFor(validFrom: string, rules: AgreementRules): string {
  return addCalendarDays(validFrom, rules.timeLimits.travelDocumentValidity.value - 1);
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
