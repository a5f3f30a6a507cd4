import { AgreementRules, CalendarBook, Deadline, bakuDate, computeDeadline } from '@readmission/agreements';

export const DAY_MS = 86_400_000;

/** Whose rules and calendars a case's limits are computed with: the requesting state and the rulebook version. */
export interface LimitContext {
  requestingState: string;
  rulebookVersion?: string;
}

/**
 * The limits that start with the acceptance (the Baku day of the decision): the travel document's issue and the
 * transfer itself, each recorded with its rule, rulebook version and the calendars it was counted on.
 */
export function limitsOnAcceptance(
  rules: AgreementRules,
  acceptedAt: Date,
  calendars: CalendarBook,
  context: LimitContext,
): { travelDocumentIssue: Deadline; transfer: Deadline } {
  const start = { date: bakuDate(acceptedAt) };
  return {
    travelDocumentIssue: computeDeadline('travelDocumentIssue', rules.timeLimits.travelDocumentIssue, start, calendars, context),
    transfer: computeDeadline('transfer', rules.timeLimits.transfer, start, calendars, context),
  };
}

/** The first Baku date a transfer notified at `receivedAt` may arrive: the advance-notice period after the day of receipt. */
export function earliestArrival(calendars: CalendarBook, receivedAt: Date, rules: AgreementRules, context: LimitContext): Deadline {
  return computeDeadline('advanceNotice', rules.timeLimits.advanceNotice, { date: bakuDate(receivedAt) }, calendars, context);
}

/** A period's unit in words, for messages to partners and officers. */
export function unitInWords(unit: string, requestingState: string): string {
  if (unit === 'working-days') return 'Azerbaijani working days';
  if (unit === 'requesting-state-working-days') return `working days of ${requestingState}`;
  return unit.replace(/-/g, ' ');
}

/** A confirmed transfer planned to arrive before this instant should have been closed at the border by now. */
export function unclosedIfArrivedBefore(now: Date): Date {
  return new Date(now.getTime() - DAY_MS);
}
