import { ConflictError, InvalidInputError } from '@readmission/errors';
import { Refusal } from './notice-rules';

export type TransferStatus = 'confirmed' | 'refused' | 'cancelled' | 'completed';

/** One person of a notified transfer: whether they can come, and at the border whether they arrived. */
export interface ManifestEntry {
  partnerReference: string;
  caseNumber?: string;
  verdict: 'confirmed' | 'refused';
  refusal?: Refusal;
  /** Capacity slot held (`<point>:<date>:<n>`). */
  slot?: string;
}

/** A transfer is known by its partner and the partner's reference: `<partner>:<transferReference>`. */
export function transferIdOf(partnerCode: string, transferReference: string): string {
  return `${partnerCode}:${transferReference}`;
}

/**
 * Whether a transfer's cancellation outweighs a notice of it. Notices and cancellations travel on different topics,
 * so the order they are handled in says nothing: the partner's later message counts, by time of receipt (the
 * broker's). A cancellation received at the same instant as the notice wins (nothing is booked on a doubt).
 */
export function cancellationPrevails(cancellationReceivedAt: Date | undefined, noticeReceivedAt: Date): boolean {
  return cancellationReceivedAt !== undefined && cancellationReceivedAt.getTime() >= noticeReceivedAt.getTime();
}

/** How a notice was answered, for the metrics: everyone, no one, or some. */
export function noticeOutcome(confirmed: number, refused: number): 'confirmed' | 'partly-confirmed' | 'refused' {
  if (refused === 0) return 'confirmed';
  return confirmed === 0 ? 'refused' : 'partly-confirmed';
}

/** Only a confirmed transfer can be handed over or closed at the border. */
export function assertOpenForHandover(transfer: { transferReference: string; status: TransferStatus }): void {
  if (transfer.status !== 'confirmed')
    throw new ConflictError(`transfer ${transfer.transferReference} is ${transfer.status}`, { status: transfer.status });
}

export interface PersonAtBorder {
  arrived: boolean;
  identityChecked?: boolean;
  documentChecked?: boolean;
}

/** An arrival is recorded only after the identity check and the document check; a non-arrival needs neither. */
export function assertArrivalChecked(input: PersonAtBorder): void {
  if (input.arrived && !(input.identityChecked && input.documentChecked)) {
    const message =
      'an arrival is recorded only after the identity check and the document check (identityChecked and documentChecked true)';
    throw new InvalidInputError(message, [{ path: input.identityChecked ? 'documentChecked' : 'identityChecked', message }]);
  }
}

/** The confirmed persons of a transfer, split by what the border recorded: a person not recorded did not arrive. */
export function handoverOutcome(
  manifest: ManifestEntry[],
  arrivedReferences: Set<string>,
): { handedOver: ManifestEntry[]; notArrived: ManifestEntry[] } {
  const confirmed = manifest.filter((m) => m.verdict === 'confirmed');
  return {
    handedOver: confirmed.filter((m) => arrivedReferences.has(m.partnerReference)),
    notArrived: confirmed.filter((m) => !arrivedReferences.has(m.partnerReference)),
  };
}
