import { RuleValue, TransferExtension, bakuDate, endOfBakuDay } from '@readmission/agreements';
import { ConflictError, InvalidInputError } from '@readmission/errors';

/** `withdrawn`: the partner withdrew the application after its acceptance, which lapsed (docs/rules.md#withdrawal-of-an-application). */
export type AcceptedCaseStatus = 'awaiting-transfer' | 'transferred' | 'expired' | 'withdrawn';

/** One line of a case's or a transfer's history (identifiers only in `details`). */
export interface HistoryEvent {
  at: Date;
  event: string;
  by: string;
  details?: Record<string, unknown>;
}

/**
 * The new end of the transfer time limit an officer asks for (`until`, a Baku date), where the agreement allows an
 * extension (CH-AZ: while legal or practical obstacles last). Throws when the case or the agreement forbids it.
 */
export function extendedTransferDueBy(
  found: { _id: string; agreement: string; status: AcceptedCaseStatus; transferDueBy: Date },
  rule: RuleValue<TransferExtension>,
  until: string,
): Date {
  if (found.status !== 'awaiting-transfer') throw new ConflictError(`${found._id} is ${found.status}`, { status: found.status });
  if (rule.value === 'none') {
    throw new ConflictError(`${found.agreement} allows no extension of the transfer time limit (${rule.status}: ${rule.source})`);
  }
  const transferDueBy = endOfBakuDay(until);
  if (transferDueBy <= found.transferDueBy) {
    const message = `the transfer is already due by ${bakuDate(found.transferDueBy)}`;
    throw new InvalidInputError(message, [{ path: 'until', message }]);
  }
  return transferDueBy;
}

/** What the partner is told when an officer extends the transfer time limit at its request (transfer.time-limit-extended). */
export function officerExtensionReason(
  found: { agreement: string; transferDueBy: Date },
  rule: RuleValue<TransferExtension>,
  transferDueBy: Date,
): string {
  const to = bakuDate(transferDueBy);
  return `An officer of the State Migration Service extended the transfer time limit from ${bakuDate(found.transferDueBy)} to ${to} for a legal or practical obstacle to the transfer (${found.agreement}, ${rule.source}, ${rule.status}). Notify the transfer for an arrival on or before ${to}.`;
}
