/**
 * The rulebook: every figure of the readmission agreements as data, each with its unit, how sure we are of it
 * (`status`) and where it comes from (`source`), so that a legal officer can confirm or change a value without
 * a code change and every case records the version it was judged under.
 */

/** verified = read in the agreement's text; comparable = from a comparable agreement; assumed = working default. */
export const VALUE_STATUSES = ['verified', 'comparable', 'assumed'] as const;
export type ValueStatus = (typeof VALUE_STATUSES)[number];

export interface RuleValue<T> {
  value: T;
  status: ValueStatus;
  source: string;
  unit?: string;
  from?: string;
}

export const LIMIT_UNITS = ['calendar-days', 'working-days', 'requesting-state-working-days', 'months'] as const;
export type LimitUnit = (typeof LIMIT_UNITS)[number];

/** The event a time limit runs from. */
export const CLOCK_STARTS = [
  'receipt',
  'acknowledgement',
  'knowledge-date',
  'apprehension',
  'reply-due',
  'interview-request',
  'acceptance',
  'issue',
  'notice',
] as const;
export type ClockStart = (typeof CLOCK_STARTS)[number];

export interface TimeLimit extends RuleValue<number> {
  unit: LimitUnit;
  from: ClockStart;
}

export const TIME_LIMIT_NAMES = [
  'submitThirdCountryNational',
  'submitAccelerated',
  'replyNormal',
  'replyAccelerated',
  'replyExtensionMax',
  'interview',
  'travelDocumentIssue',
  'travelDocumentValidity',
  'transfer',
  'advanceNotice',
] as const;
export type TimeLimitName = (typeof TIME_LIMIT_NAMES)[number];

export const TRANSFER_EXTENSIONS = ['none', 'while-obstacles-last'] as const;
export type TransferExtension = (typeof TRANSFER_EXTENSIONS)[number];

export interface AgreementRules {
  code: string;
  title: string;
  inForceFrom: RuleValue<string>;
  /** Until when the agreement applies (suspension or termination); absent while in force. */
  inForceUntil?: RuleValue<string>;
  /** The obligation for third-country nationals and stateless persons applies to applications received from this date. */
  thirdCountNationalsFrom: RuleValue<string>;
  timeLimits: Record<TimeLimitName, TimeLimit>;
  rules: {
    /** No reply in time means the transfer is deemed agreed. */
    tacitAcceptance: RuleValue<boolean>;
    transferExtension: RuleValue<TransferExtension>;
    /** The accelerated procedure needs an apprehension at or near the border. */
    acceleratedRequiresNearBorder: RuleValue<boolean>;
  };
  evidence: {
    national: { proof: RuleValue<string[]>; primaFacie: RuleValue<string[]>; expiredProofGraceMonths: RuleValue<number> };
    thirdCountNational: { proof: RuleValue<string[]>; primaFacie: RuleValue<string[]>; airsideTransitExcluded: RuleValue<boolean> };
  };
}

export interface PartnerState {
  /** ISO 3166-1 alpha-2, upper case: also names the partner's topics. */
  code: string;
  name: string;
  agreement: string;
  contact?: { name: string; email?: string; phone?: string };
  /** Party to the agreement from / until (e.g. a state joining or leaving the EU); the agreement's dates otherwise. */
  from?: string;
  until?: string;
}

export interface RulebookData {
  version: string;
  /** When this version starts to apply (RFC 3339): cases received from then on are judged under it. */
  effectiveFrom: string;
  description: string;
  agreements: AgreementRules[];
  partners: PartnerState[];
}
