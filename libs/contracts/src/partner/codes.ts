/** Code lists of the partner interface v1. */
export const PROCEDURES = ['normal', 'accelerated'] as const;
export type Procedure = (typeof PROCEDURES)[number];

export const CATEGORIES = ['national', 'third-country-national', 'stateless'] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEXES = ['male', 'female', 'unknown'] as const;
export const FAMILY_RELATIONS = ['spouse', 'child'] as const;
export const EVIDENCE_FORMS = ['original', 'copy'] as const;
export const TRANSPORT_MODES = ['air', 'land', 'sea'] as const;
export const DECISIONS = ['accepted', 'refused'] as const;
export type Decision = (typeof DECISIONS)[number];
export const DECISION_BASES = ['proof', 'prima-facie', 'interview', 'registry'] as const;
export type DecisionBasis = (typeof DECISION_BASES)[number];

/** Evidence types are the kinds of evidence the agreements' annexes name: defined with the agreement rules. */
export { EVIDENCE_TYPES, type EvidenceType } from '@readmission/agreements/rules';

/** Rejection codes of `readmission.application.rejected.v1` ("at least" these, per the interface). */
export const REJECTION_CODES = [
  'invalid-message',
  'unsupported-type',
  'no-applicable-agreement',
  'obligation-not-in-force',
  'submission-time-limit-exceeded',
  'duplicate-reference',
  'unknown-reference',
  // The accelerated procedure is only for persons apprehended at or near the border (apprehension.nearBorder).
  'accelerated-procedure-not-applicable',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];
