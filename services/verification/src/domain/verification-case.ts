/**
 * Where a case under verification stands. `overdue`: the reply time limit passed with no tacit acceptance;
 * `awaiting-confirmation`: an officer's refusal or override waits for a second officer (four eyes).
 */
export type VerificationStatus = 'awaiting-review' | 'awaiting-interview' | 'awaiting-confirmation' | 'decided' | 'withdrawn' | 'overdue';
export const OPEN_STATUSES: readonly VerificationStatus[] = ['awaiting-review', 'awaiting-interview', 'awaiting-confirmation', 'overdue'];
/** Undecided cases whose reply time limit still runs (an overdue case has been escalated already). */
export const RUNNING_STATUSES: readonly VerificationStatus[] = ['awaiting-review', 'awaiting-interview', 'awaiting-confirmation'];

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
  /**
   * An acceptance on prima facie evidence that officers may contest until the review window closes
   * (`rules.primaFacieReview`); the platform accepts it itself then (docs/rules.md#prima-facie-evidence-and-the-burden-of-proof).
   */
  afterReview?: boolean;
  /** When the review window closes (never after the reply time limit); absent when the rulebook has no window. */
  reviewEndsBy?: Date;
  /** The rule the window comes from (agreement and source), for the officer. */
  reviewRule?: string;
}

/** A refusal or an override taken by one officer, waiting for a second, different one (four eyes). */
export interface PendingDecision {
  decision: 'accepted' | 'refused';
  basis: DecisionBasis;
  grounds?: string;
  /** `refusal`, or `override` of the platform's proposal. */
  kind: 'refusal' | 'override';
  reason: string;
  proposedBy: string;
  proposedAt: Date;
  /** The status to return to when the second officer sends it back. */
  statusBefore: VerificationStatus;
}

/** Does this officer decision need a second officer? Every refusal, and every decision against a proposal to accept or refuse. */
export function needsSecondOfficer(decision: 'accepted' | 'refused', proposal: Proposal | undefined): PendingDecision['kind'] | undefined {
  if (decision === 'refused') return 'refusal';
  if (proposal && proposal.action === 'refuse') return 'override';
  return undefined;
}

/** A decision: accepted or refused, on which basis, with grounds for a refusal; `deemed` when silence decided. */
export interface Outcome {
  decision: 'accepted' | 'refused';
  basis: DecisionBasis;
  grounds?: string;
  deemed: boolean;
}

/** The outcome a proposal to accept or refuse leads to; undefined when it leads to an interview or a review. */
/**
 * The outcome the platform carries out at once for a proposal: only an acceptance that awaits no review. A refusal
 * never takes effect without two officers, and an acceptance on prima facie evidence waits for its review window.
 */
export function outcomeOf(proposal: Proposal | undefined): Outcome | undefined {
  if (!proposal || proposal.action !== 'accept' || proposal.afterReview) return undefined;
  return { decision: 'accepted', basis: proposal.basis ?? 'prima-facie', deemed: false };
}

/** One thing that happened to the case, for its history. */
export interface CaseEvent {
  at: Date;
  event: string;
  by: string;
  details?: Record<string, unknown>;
}
