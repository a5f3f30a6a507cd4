/** Where a case under verification stands. `overdue`: the reply time limit passed with no tacit acceptance. */
export type VerificationStatus = 'awaiting-review' | 'awaiting-interview' | 'decided' | 'withdrawn' | 'overdue';
export const OPEN_STATUSES: readonly VerificationStatus[] = ['awaiting-review', 'awaiting-interview', 'overdue'];
/** Undecided cases whose reply time limit still runs (an overdue case has been escalated already). */
export const RUNNING_STATUSES: readonly VerificationStatus[] = ['awaiting-review', 'awaiting-interview'];

export function isOpen(status: VerificationStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

export type DecisionBasis = 'proof' | 'prima-facie' | 'interview' | 'registry';

/** What the platform proposes for an undecided case, and why (shown to the officer in the work queue). */
export interface Proposal {
  action: 'accept' | 'refuse' | 'interview' | 'review';
  basis?: DecisionBasis;
  grounds?: string;
  why: string;
}

/** A decision: accepted or refused, on which basis, with grounds for a refusal; `deemed` when silence decided. */
export interface Outcome {
  decision: 'accepted' | 'refused';
  basis: DecisionBasis;
  grounds?: string;
  deemed: boolean;
}

/** The outcome a proposal to accept or refuse leads to; undefined when it leads to an interview or a review. */
export function outcomeOf(proposal: Proposal | undefined): Outcome | undefined {
  if (!proposal || (proposal.action !== 'accept' && proposal.action !== 'refuse')) return undefined;
  return { decision: proposal.action === 'accept' ? 'accepted' : 'refused', basis: proposal.basis ?? 'prima-facie', grounds: proposal.grounds, deemed: false };
}

/** One thing that happened to the case, for its history. */
export interface CaseEvent {
  at: Date;
  event: string;
  by: string;
  details?: Record<string, unknown>;
}
