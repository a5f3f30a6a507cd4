import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Min, ValidateBy, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { isCalendarDate } from '../calendar/dates';
import { EVIDENCE_TYPES } from './evidence-types';

export * from './evidence-types';

/**
 * The rulebook: every figure of the readmission agreements as data, each with its unit, how sure we are of it
 * (`status`) and where it comes from (`source`), so that a legal officer can confirm or change a value without
 * a code change and every case records the version it was judged under. docs/rules.md explains each rule.
 *
 * The agreement's rules are classes with their checks, so that the same definition validates a rulebook when an
 * operator loads it (validateRulebook) and the rules an internal event carries between services.
 */

/** verified = read in the agreement's text; comparable = from a comparable agreement; assumed = working default. */
export const VALUE_STATUSES = ['verified', 'comparable', 'assumed'] as const;
export type ValueStatus = (typeof VALUE_STATUSES)[number];

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
  'notification',
  'transfer',
  'invoice',
  'consent',
] as const;
export type ClockStart = (typeof CLOCK_STARTS)[number];

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

/** The messages are what a value must be: an error reads `<JSON path>: <message>`. */
const oneOf = (list: readonly string[]) => ({ message: `one of ${list.join(', ')}` });
const RULE_VALUE = 'an object {value, status, source}';
const EVIDENCE_LIST = `a list of evidence types of the partner interface (${EVIDENCE_TYPES.join(', ')})`;
const NON_EMPTY = /\S/;

/**
 * A source names an article ("CH-AZ Art. 8(4)") or a page of the repository ("docs/rules.md#reply-time-limits"),
 * never a document outside it, which a reader of a decision could not open.
 */
const DOCUMENT_OUTSIDE_DOCS = /(^|[\s(;,])(?!docs\/)[\w./-]*\.(md|txt|pdf|docx?|odt)\b/i;
export const namesNoOutsideDocument = (v: unknown): boolean => typeof v !== 'string' || !DOCUMENT_OUTSIDE_DOCS.test(v);
export const SOURCE_EXPECTED =
  'an article (e.g. "CH-AZ Art. 8(4)") or a page under docs/ (e.g. "docs/rules.md#reply-time-limits"), not a file outside the repository';

const IsCalendarDate = (): PropertyDecorator => (target, key) => {
  ValidateBy(
    { name: 'isCalendarDate', validator: { validate: (v) => typeof v === 'string' && isCalendarDate(v) } },
    { message: 'a date YYYY-MM-DD' },
  )(target, key);
  JSONSchema({ type: 'string', format: 'date' })(target, key as string);
};

/** A nested block: present, an object, and valid itself. */
const Nested =
  (type: () => new () => object, message: string): PropertyDecorator =>
  (target, key) => {
    IsObject({ message })(target, key);
    ValidateNested({ message })(target, key);
    Type(type)(target, key);
  };

/**
 * A value of the rulebook with how sure we are of it and where it comes from. Each kind of value is a subclass
 * that checks `value` (and `unit`, `from` where it has them); fields are `declare`d so that an instance holds only
 * what the input had, and the closed validation refuses anything else.
 */
export class RuleValue<T = unknown> {
  declare value: T;
  @IsIn(VALUE_STATUSES, oneOf(VALUE_STATUSES)) declare status: ValueStatus;
  /** Checked when a rulebook version is loaded (sourceProblems), not on the rules a case carries: see there. */
  @Matches(NON_EMPTY, { message: 'a non-empty string' })
  declare source: string;
  /** The unit of a number: LIMIT_UNITS for a time limit. */
  declare unit?: string;
  /** The event a period runs from: CLOCK_STARTS for a time limit. */
  declare from?: string;
}

export class DateRuleValue extends RuleValue<string> {
  @IsCalendarDate() declare value: string;
}

export class BooleanRuleValue extends RuleValue<boolean> {
  @IsBoolean({ message: 'true or false' }) declare value: boolean;
}

/** Who bears the transport costs of a readmission or transit up to the border of the state of final destination. */
export const COST_BEARERS = ['requesting-state', 'requested-state'] as const;
export type CostBearer = (typeof COST_BEARERS)[number];

export class CostBearerRuleValue extends RuleValue<CostBearer> {
  @IsIn(COST_BEARERS, oneOf(COST_BEARERS)) declare value: CostBearer;
}

export class TransferExtensionRuleValue extends RuleValue<TransferExtension> {
  @IsIn(TRANSFER_EXTENSIONS, oneOf(TRANSFER_EXTENSIONS)) declare value: TransferExtension;
}

/** Evidence types (codes of EVIDENCE_TYPES) that an annex lists. */
export class EvidenceListRuleValue extends RuleValue<string[]> {
  @IsArray({ message: EVIDENCE_LIST })
  @IsIn(EVIDENCE_TYPES, { each: true, message: EVIDENCE_LIST })
  declare value: string[];
}

/** Items in words, e.g. what an application contains (CH-AZ Art. 5(1)). */
export class TextListRuleValue extends RuleValue<string[]> {
  @IsArray({ message: 'a list of non-empty strings' })
  @Matches(NON_EMPTY, { each: true, message: 'a list of non-empty strings' })
  declare value: string[];
}

/** States by ISO 3166-1 alpha-2 code, e.g. the member states that take no part in the EU agreement. */
export class StateListRuleValue extends RuleValue<string[]> {
  @IsArray({ message: 'a list of ISO 3166-1 alpha-2 codes' })
  @Matches(/^[A-Z]{2}$/, { each: true, message: 'a list of ISO 3166-1 alpha-2 codes' })
  declare value: string[];
}

/** How long after its expiry a proof document still counts as proof (counted from the date of receipt). */
export class GraceMonthsRuleValue extends RuleValue<number> {
  @IsInt({ message: 'a whole number of months' }) @Min(0, { message: 'a whole number of months' }) declare value: number;
  @IsOptional() @IsString() declare unit?: string;
  @IsOptional() @IsString() declare from?: string;
}

/** A time limit: so many units from an event. */
export class TimeLimit extends RuleValue<number> {
  @IsInt({ message: 'a whole number above 0' }) @Min(1, { message: 'a whole number above 0' }) declare value: number;
  @IsIn(LIMIT_UNITS, oneOf(LIMIT_UNITS)) declare unit: LimitUnit;
  @IsIn(CLOCK_STARTS, oneOf(CLOCK_STARTS)) declare from: ClockStart;
}

/** Every time limit of an agreement, by name (TIME_LIMIT_NAMES). */
export class TimeLimits implements Record<TimeLimitName, TimeLimit> {
  @Nested(() => TimeLimit, RULE_VALUE) submitThirdCountryNational!: TimeLimit;
  @Nested(() => TimeLimit, RULE_VALUE) submitAccelerated!: TimeLimit;
  @Nested(() => TimeLimit, RULE_VALUE) replyNormal!: TimeLimit;
  @Nested(() => TimeLimit, RULE_VALUE) replyAccelerated!: TimeLimit;
  @Nested(() => TimeLimit, RULE_VALUE) replyExtensionMax!: TimeLimit;
  @Nested(() => TimeLimit, RULE_VALUE) interview!: TimeLimit;
  @Nested(() => TimeLimit, RULE_VALUE) travelDocumentIssue!: TimeLimit;
  @Nested(() => TimeLimit, RULE_VALUE) travelDocumentValidity!: TimeLimit;
  @Nested(() => TimeLimit, RULE_VALUE) transfer!: TimeLimit;
  @Nested(() => TimeLimit, RULE_VALUE) advanceNotice!: TimeLimit;
}

/** The rules of the procedure that are not time limits. */
export class ProcedureRules {
  /** No reply in time means the transfer is deemed agreed. */
  @Nested(() => BooleanRuleValue, RULE_VALUE) tacitAcceptance!: BooleanRuleValue;
  @Nested(() => TransferExtensionRuleValue, RULE_VALUE) transferExtension!: TransferExtensionRuleValue;
  /** The accelerated procedure needs an apprehension at or near the border. */
  @Nested(() => BooleanRuleValue, RULE_VALUE) acceleratedRequiresNearBorder!: BooleanRuleValue;
  /**
   * Prima facie evidence establishes nationality unless the requested state proves the contrary (CH-AZ Art. 6(2)):
   * officers may contest a proposal to accept on it within this window, after which the platform accepts it itself,
   * never later than the reply time limit. Absent in older rulebooks: an officer then decides.
   */
  @IsOptional() @Nested(() => TimeLimit, RULE_VALUE) primaFacieReview?: TimeLimit;
  /** The same window under the accelerated procedure (its reply time limit is much shorter). */
  @IsOptional() @Nested(() => TimeLimit, RULE_VALUE) primaFacieReviewAccelerated?: TimeLimit;
  /** A new travel document may be issued when the first would expire before the transfer (absent: it may). */
  @IsOptional() @Nested(() => BooleanRuleValue, RULE_VALUE) travelDocumentReissue?: BooleanRuleValue;
  /**
   * What an application contains (CH-AZ Art. 5(1)): the article a rejection of the application's form points to, so
   * that a partner told its message is invalid knows what the agreement asks of an application. Absent in 2026.1.
   */
  @IsOptional() @Nested(() => TextListRuleValue, RULE_VALUE) applicationContent?: TextListRuleValue;
  /** When a notified suspension takes effect (CH-AZ Art. 18: on the second day after notification). */
  @IsOptional() @Nested(() => TimeLimit, RULE_VALUE) suspensionTakesEffect?: TimeLimit;
  /** When a notified termination takes effect (CH-AZ Art. 18: six months after notification). */
  @IsOptional() @Nested(() => TimeLimit, RULE_VALUE) terminationTakesEffect?: TimeLimit;
  /**
   * Readmission by mistake (CH-AZ Art. 10, period not read; comparable EU clause): within this period after the
   * transfer Azerbaijan may ask the partner to take back a national it readmitted although the conditions were not met.
   * Absent before 2026.3: no such request can be raised.
   */
  @IsOptional() @Nested(() => TimeLimit, RULE_VALUE) readmissionByMistakeNational?: TimeLimit;
  /** The same for a third-country national or stateless person (comparable: 12 months). */
  @IsOptional() @Nested(() => TimeLimit, RULE_VALUE) readmissionByMistakeThirdCountNational?: TimeLimit;
  /** Who bears the transport costs up to the border of the state of final destination (CH-AZ Art. 13, text not read). */
  @IsOptional() @Nested(() => CostBearerRuleValue, RULE_VALUE) transportCostsBorneBy?: CostBearerRuleValue;
  /** Costs advanced by the other state are repaid within this period of the invoice (assumed from Swiss agreements). */
  @IsOptional() @Nested(() => TimeLimit, RULE_VALUE) costRepayment?: TimeLimit;
}

/**
 * The grounds on which a transit may be refused (or a consent revoked when they come to light), as the model clause
 * on transit allows (docs/rules.md#transit): a real risk of persecution, torture, inhuman treatment or the death
 * penalty in the state of destination or another transit state; criminal prosecution or sanctions in Azerbaijan or
 * another transit state; the onward journey through the other transit states or the admission by the destination
 * not assured; public health, domestic security, public order or another national interest of Azerbaijan.
 */
export const TRANSIT_REFUSAL_GROUNDS = [
  'risk-of-persecution',
  'prosecution-or-sanctions',
  'onward-journey-not-assured',
  'public-order-or-security',
] as const;
export type TransitRefusalGround = (typeof TRANSIT_REFUSAL_GROUNDS)[number];

/** The refusal grounds an agreement allows for a transit (codes of TRANSIT_REFUSAL_GROUNDS). */
export class TransitGroundsRuleValue extends RuleValue<TransitRefusalGround[]> {
  @IsArray({ message: `a list of ${TRANSIT_REFUSAL_GROUNDS.join(', ')}` })
  @IsIn(TRANSIT_REFUSAL_GROUNDS, { each: true, message: `a list of ${TRANSIT_REFUSAL_GROUNDS.join(', ')}` })
  declare value: TransitRefusalGround[];
}

/**
 * Transit under escort through Azerbaijan to a third state (rulebook 2026.3; absent before: a transit request is then
 * answered that the rulebook in effect has no transit rules): the reply time limit, how long a consent is valid, and
 * the grounds a refusal or a revocation may give.
 */
export class TransitRules {
  /** The reply to a transit request (model clause: 5 calendar days from receipt). */
  @Nested(() => TimeLimit, RULE_VALUE) reply!: TimeLimit;
  /** The transit is carried out within this period of the consent (model clause: 30 days). */
  @Nested(() => TimeLimit, RULE_VALUE) consentValidity!: TimeLimit;
  @Nested(() => TransitGroundsRuleValue, RULE_VALUE) refusalGrounds!: TransitGroundsRuleValue;
}

export const LIFECYCLE_EVENTS = ['suspension', 'resumption', 'termination'] as const;
export type LifecycleEventType = (typeof LIFECYCLE_EVENTS)[number];

/**
 * A suspension, resumption or termination of the agreement notified by a party: an event with dates, applied to
 * applications by their date of receipt (cases already registered keep the rules they were registered under).
 * `takesEffectOn` is computed from the agreement's rule (`rules.suspensionTakesEffect`, `rules.terminationTakesEffect`)
 * when not given; a resumption takes effect on the day it is notified unless it says otherwise.
 */
export class LifecycleEvent {
  @IsIn(LIFECYCLE_EVENTS, oneOf(LIFECYCLE_EVENTS)) event!: LifecycleEventType;
  @IsCalendarDate() notifiedOn!: string;
  @IsOptional() @IsCalendarDate() takesEffectOn?: string;
  /** Why, in words the partner can act on (e.g. "public health: suspension notified by Switzerland"). */
  @Matches(NON_EMPTY, { message: 'a non-empty string' }) reason!: string;
  /** The article it applies and the note of notification, e.g. "CH-AZ Art. 18; note of 10 January 2027". */
  @Matches(NON_EMPTY, { message: 'a non-empty string' })
  basis!: string;
}

/** Evidence of nationality: proof (Annex 1) and prima facie evidence (Annex 2). */
export class NationalEvidenceRules {
  @Nested(() => EvidenceListRuleValue, RULE_VALUE) proof!: EvidenceListRuleValue;
  @Nested(() => EvidenceListRuleValue, RULE_VALUE) primaFacie!: EvidenceListRuleValue;
  @Nested(() => GraceMonthsRuleValue, RULE_VALUE) expiredProofGraceMonths!: GraceMonthsRuleValue;
}

/** Evidence of the conditions for third-country nationals and stateless persons (Annexes 3 and 4). */
export class ThirdCountNationalEvidenceRules {
  @Nested(() => EvidenceListRuleValue, RULE_VALUE) proof!: EvidenceListRuleValue;
  @Nested(() => EvidenceListRuleValue, RULE_VALUE) primaFacie!: EvidenceListRuleValue;
  @Nested(() => BooleanRuleValue, RULE_VALUE) airsideTransitExcluded!: BooleanRuleValue;
}

export class EvidenceRules {
  @Nested(() => NationalEvidenceRules, 'an object') national!: NationalEvidenceRules;
  @Nested(() => ThirdCountNationalEvidenceRules, 'an object') thirdCountNational!: ThirdCountNationalEvidenceRules;
}

/** One agreement's rules, as a rulebook version defines them and as the internal events carry them. */
export class AgreementRules {
  @Matches(/^[A-Z]{2,3}-[A-Z]{2}$/, { message: 'a code like EU-AZ' }) code!: string;
  @Matches(NON_EMPTY, { message: 'a non-empty string' }) title!: string;
  @Nested(() => DateRuleValue, RULE_VALUE) inForceFrom!: DateRuleValue;
  /**
   * States of the agreement's side that take no part in it (EU-AZ: Denmark and Ireland, under their protocols to the
   * EU treaties), so that their applications are answered with the basis. Absent in 2026.1.
   */
  @IsOptional() @Nested(() => StateListRuleValue, RULE_VALUE) notParty?: StateListRuleValue;
  /** Until when the agreement applies (suspension or termination); absent while in force. */
  @IsOptional() @Nested(() => DateRuleValue, RULE_VALUE) inForceUntil?: DateRuleValue;
  /** The obligation for third-country nationals and stateless persons applies to applications received from this date. */
  @Nested(() => DateRuleValue, RULE_VALUE) thirdCountNationalsFrom!: DateRuleValue;
  @Nested(() => TimeLimits, 'an object') timeLimits!: TimeLimits;
  @Nested(() => ProcedureRules, 'an object') rules!: ProcedureRules;
  @Nested(() => EvidenceRules, 'an object with national and thirdCountNational') evidence!: EvidenceRules;
  /** Transit under escort through Azerbaijan (from rulebook 2026.3; docs/rules.md#transit). */
  @IsOptional() @Nested(() => TransitRules, 'an object {reply, consentValidity, refusalGrounds}') transit?: TransitRules;
  /** Suspensions, resumptions and terminations notified, in any order (see LifecycleEvent). */
  @IsOptional()
  @IsArray({ message: 'a list of {event, notifiedOn, takesEffectOn?, reason, basis}' })
  @ValidateNested({ each: true })
  @Type(() => LifecycleEvent)
  lifecycle?: LifecycleEvent[];
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
