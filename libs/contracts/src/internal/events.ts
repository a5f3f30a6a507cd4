import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { AgreementRules, TransitRules } from '@readmission/agreements/rules';
import { CATEGORIES, Category, DECISION_BASES, DECISIONS, Decision, DecisionBasis, PROCEDURES, Procedure, SEXES } from '../partner/codes';
import {
  ApplicationSubmittedV1,
  ApplicationSupplementedV1,
  ApplicationWithdrawnV1,
  AssistanceV1,
  AttachmentRefV1,
  FamilyMemberV1,
  REFERENCE_PATTERN,
  REMEDY_KINDS,
  RemedyKind,
  TransferCancelledV1,
  TransferNotifiedV1,
} from '../partner/inbound';
import { CASE_NUMBER_PATTERN } from '../partner/outbound';
import { MistakeAnsweredV1 } from '../partner/mistake';
import { TransitRequestedV1 } from '../partner/transit';
import { IsCalendarDate, IsCountryCode, IsInstant, IsPartialDate } from '../partner/validators';

/**
 * Events between the platform's services. Each type is also the name of the topic that carries it.
 * Keys keep everything about one case (or one transfer) on one partition, in order.
 */

const PARTNER_CODE = /^[A-Z]{2}$/;

/** intake → verification: a valid application was registered. Key: caseNumber. */
export class CaseRegisteredV1 {
  @Matches(CASE_NUMBER_PATTERN) caseNumber!: string;
  @Matches(PARTNER_CODE) partnerCode!: string;
  @IsString() @Matches(REFERENCE_PATTERN) partnerReference!: string;
  @IsString() @Length(2, 16) agreement!: string;
  @IsString() @Length(1, 64) rulebookVersion!: string;
  /** The agreement's rules under `rulebookVersion`, validated whole: every service judges the case by them. */
  @IsObject() @ValidateNested() @Type(() => AgreementRules) agreementRules!: AgreementRules;
  @IsIn(PROCEDURES) procedure!: Procedure;
  @IsIn(CATEGORIES) category!: Category;
  @IsInstant() receivedAt!: string;
  @IsInstant() replyDueBy!: string;
  @IsObject() @ValidateNested() @Type(() => ApplicationSubmittedV1) application!: ApplicationSubmittedV1;
}

/**
 * any service → intake: publish this reply to the partner. Intake is the only door to partner topics, so it
 * alone stamps the envelope and keeps the message history; `replyId` becomes the outbound `ce_id`, which makes a
 * repeated request publish the very same message again. Key: recordKey.
 */
export class PartnerReplyRequestedV1 {
  @IsString() @Length(1, 200) replyId!: string;
  @Matches(PARTNER_CODE) partnerCode!: string;
  @IsString() @Matches(/^readmission\.[a-z-]+\.[a-z-]+\.v1$/) messageType!: string;
  @IsString() @Length(1, 256) recordKey!: string;
  @IsOptional() @Matches(CASE_NUMBER_PATTERN) caseNumber?: string;
  @IsOptional() @IsString() @Length(1, 200) causationId?: string;
  /** The outbound message itself; intake validates it against the partner contract for `messageType`. */
  @IsObject() payload!: Record<string, unknown>;
}

export class PersonSummaryV1 {
  @IsString() @Length(1, 100) surname!: string;
  @IsString() @Length(1, 100) givenNames!: string;
  @IsIn(SEXES) sex!: (typeof SEXES)[number];
  @IsPartialDate() dateOfBirth!: string;
  @IsCountryCode({ allowUnknown: true }) nationality!: string;
  /** The photo the partner attached to the application (a reference and its digest, not the image), for the border's identity check. */
  @IsOptional() @IsObject() @ValidateNested() @Type(() => AttachmentRefV1) photo?: AttachmentRefV1;
}

/** intake → verification: the partner sent further evidence or corrections for a registered case. Key: caseNumber. */
export class ApplicationSupplementedInternalV1 {
  @Matches(CASE_NUMBER_PATTERN) caseNumber!: string;
  @Matches(PARTNER_CODE) partnerCode!: string;
  @IsString() @Length(1, 200) messageId!: string;
  @IsInstant() receivedAt!: string;
  @IsObject() @ValidateNested() @Type(() => ApplicationSupplementedV1) supplement!: ApplicationSupplementedV1;
}

/** intake → verification: the partner withdrew its application. Key: caseNumber. */
export class ApplicationWithdrawnInternalV1 {
  @Matches(CASE_NUMBER_PATTERN) caseNumber!: string;
  @Matches(PARTNER_CODE) partnerCode!: string;
  @IsString() @Length(1, 200) messageId!: string;
  @IsInstant() receivedAt!: string;
  @IsObject() @ValidateNested() @Type(() => ApplicationWithdrawnV1) withdrawal!: ApplicationWithdrawnV1;
}

/** intake → transfer: the partner stated or lifted a pending remedy (or a suspension of removal) for a case. Key: caseNumber. */
export class RemedyChangedV1 {
  @Matches(CASE_NUMBER_PATTERN) caseNumber!: string;
  @Matches(PARTNER_CODE) partnerCode!: string;
  @IsString() @Matches(REFERENCE_PATTERN) partnerReference!: string;
  @IsString() @Length(1, 200) messageId!: string;
  @IsInstant() receivedAt!: string;
  @IsIn(['pending', 'lifted']) state!: 'pending' | 'lifted';
  @IsIn(REMEDY_KINDS) kind!: RemedyKind;
  /** `since` of a pending remedy, `on` of a lifted one. */
  @IsCalendarDate() date!: string;
  @IsOptional() @IsString() @Length(1, 200) authority?: string;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

/** intake → transfer: the partner answered a request for readmission by mistake (interface 1.1). Key: caseNumber. */
export class MistakeAnsweredInternalV1 {
  @Matches(PARTNER_CODE) partnerCode!: string;
  @IsString() @Length(1, 200) messageId!: string;
  @IsInstant() receivedAt!: string;
  @IsObject() @ValidateNested() @Type(() => MistakeAnsweredV1) answer!: MistakeAnsweredV1;
}

/** transfer → reintegration: a person readmitted by mistake was handed back to the partner. Key: caseNumber. */
export class PersonReturnedByMistakeV1 {
  @Matches(CASE_NUMBER_PATTERN) caseNumber!: string;
  @Matches(PARTNER_CODE) partnerCode!: string;
  @IsInstant() returnedAt!: string;
  @IsString() @Length(2, 8) borderCrossingPoint!: string;
}

/** verification → transfer: the partner withdrew an application after it was accepted; the acceptance lapses. Key: caseNumber. */
export class AcceptanceLapsedV1 {
  @Matches(CASE_NUMBER_PATTERN) caseNumber!: string;
  @Matches(PARTNER_CODE) partnerCode!: string;
  @IsString() @Matches(REFERENCE_PATTERN) partnerReference!: string;
  @IsString() @Length(1, 2000) reason!: string;
  @IsInstant() withdrawnAt!: string;
  /** The partner's ce_id of the withdrawal, for the answer's causation. */
  @IsOptional() @IsString() @Length(1, 200) withdrawalMessageId?: string;
}

/** verification → transfer: the reply on the merits, with what transfer and reintegration need. Key: caseNumber. */
export class CaseDecidedV1 {
  @Matches(CASE_NUMBER_PATTERN) caseNumber!: string;
  @Matches(PARTNER_CODE) partnerCode!: string;
  @IsString() @Matches(REFERENCE_PATTERN) partnerReference!: string;
  @IsString() @Length(2, 16) agreement!: string;
  @IsIn(CATEGORIES) category!: Category;
  @IsIn(DECISIONS) decision!: Decision;
  @IsIn(DECISION_BASES) basis!: DecisionBasis;
  @IsOptional() @IsString() @Length(1, 4000) grounds?: string;
  @IsInstant() decidedAt!: string;
  @IsBoolean() deemed!: boolean;
  /** When the application was received, and the rules it is judged under (as in case-registered). */
  @IsInstant() receivedAt!: string;
  @IsString() @Length(1, 64) rulebookVersion!: string;
  @IsObject() @ValidateNested() @Type(() => AgreementRules) agreementRules!: AgreementRules;
  @IsObject() @ValidateNested() @Type(() => PersonSummaryV1) person!: PersonSummaryV1;
  @IsArray() @ValidateNested({ each: true }) @Type(() => FamilyMemberV1) family!: FamilyMemberV1[];
  @IsOptional() @IsObject() @ValidateNested() @Type(() => AssistanceV1) assistance?: AssistanceV1;
  @IsBoolean() unaccompaniedMinor!: boolean;
}

/** intake → transfer: a partner's advance notice of a transfer. Key: transferReference. */
export class TransferNotifiedInternalV1 {
  @Matches(PARTNER_CODE) partnerCode!: string;
  @IsString() @Length(1, 200) noticeId!: string;
  @IsInstant() receivedAt!: string;
  @IsObject() @ValidateNested() @Type(() => TransferNotifiedV1) notice!: TransferNotifiedV1;
}

/** intake → transfer: the partner cancelled a notified transfer. Key: transferReference. */
export class TransferCancelledInternalV1 {
  @Matches(PARTNER_CODE) partnerCode!: string;
  @IsString() @Length(1, 200) messageId!: string;
  @IsInstant() receivedAt!: string;
  @IsObject() @ValidateNested() @Type(() => TransferCancelledV1) cancellation!: TransferCancelledV1;
}

/**
 * intake → every service: one version of reference data an operator loaded (a rulebook, a country's calendar for
 * a year, the crossing points, the referral bodies), validated whole by intake and stored with this record in its
 * outbox. Versions are immutable. Key: `<kind>:<key>:<version>` (the `id`); the topic is compacted, so a service
 * deployed later still learns every version. Each service validates `data` again by its kind before keeping it.
 */
export class ReferenceDataVersionV1 {
  @Matches(/^[a-z][a-z-]{1,31}:[A-Z0-9][A-Za-z0-9:._-]{0,63}:[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/) id!: string;
  /** rulebook, calendar, crossing-points, referral-bodies (a service ignores kinds it does not use). */
  @Matches(/^[a-z][a-z-]{1,31}$/) kind!: string;
  /** Which series of versions: `AZ`, or `<country>:<year>` for a calendar. */
  @Matches(/^[A-Z0-9][A-Za-z0-9:._-]{0,63}$/) key!: string;
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/) version!: string;
  /** From when the version applies; the latest version whose effectiveFrom has come is in effect. */
  @IsInstant() effectiveFrom!: string;
  @IsInstant() loadedAt!: string;
  @IsString() @Length(1, 200) loadedBy!: string;
  /** The version's document (libs/agreements: RulebookData, CalendarYear, CrossingPointsData, ReferralBodiesData). */
  @IsDefined() @IsObject() data!: Record<string, unknown>;
}

/** transfer → reintegration: one person was handed over at the border. Key: caseNumber. */
export class PersonArrivedV1 {
  @Matches(CASE_NUMBER_PATTERN) caseNumber!: string;
  @Matches(PARTNER_CODE) partnerCode!: string;
  @IsString() @Matches(REFERENCE_PATTERN) partnerReference!: string;
  @IsString() @Matches(REFERENCE_PATTERN) transferReference!: string;
  @IsIn(CATEGORIES) category!: Category;
  @IsInstant() arrivedAt!: string;
  @IsString() @Length(2, 16) borderCrossingPoint!: string;
  @IsObject() @ValidateNested() @Type(() => PersonSummaryV1) person!: PersonSummaryV1;
  /** Family members handed over together with the person. */
  @IsArray() @ValidateNested({ each: true }) @Type(() => FamilyMemberV1) family!: FamilyMemberV1[];
  /** Present only with the person's consent to share it. */
  @IsOptional() @IsObject() @ValidateNested() @Type(() => AssistanceV1) assistance?: AssistanceV1;
  /** That the person needs assistance, shared without its details when there is no consent for them. */
  @IsOptional() @IsBoolean() assistanceNeeded?: boolean;
  @IsBoolean() unaccompaniedMinor!: boolean;
}

/**
 * intake → transfer: a partner's transit request (interface 1.1) passed intake's checks and was acknowledged: the
 * agreement and rulebook in effect at receipt, the agreement's transit rules and the reply time limit travel with
 * it. Key: request.transitReference.
 */
export class TransitRequestedInternalV1 {
  @Matches(PARTNER_CODE) partnerCode!: string;
  @IsString() @Length(1, 200) messageId!: string;
  @IsInstant() receivedAt!: string;
  @IsString() @Length(2, 16) agreement!: string;
  @IsString() @Length(1, 64) rulebookVersion!: string;
  @IsObject() @ValidateNested() @Type(() => TransitRules) transitRules!: TransitRules;
  @IsInstant() replyDueBy!: string;
  /** The reply time limit in words, with its rule, status and source (libs/agreements computeDeadline). */
  @IsString() @Length(1, 1000) replyRule!: string;
  @IsObject() @ValidateNested() @Type(() => TransitRequestedV1) request!: TransitRequestedV1;
}

/** What happened to one of Azerbaijan's outgoing transfers (the transfer of a person a partner agreed to readmit). */
export const OUTGOING_TRANSFER_EVENTS = ['notified', 'confirmed', 'refused', 'handed-over'] as const;
export type OutgoingTransferEvent = (typeof OUTGOING_TRANSFER_EVENTS)[number];

/**
 * intake → transfer: Azerbaijan's transfer of a person to a partner (Azerbaijan as the requesting state) was notified,
 * confirmed or refused by the partner, or handed over at the border; transfer keeps it for the cost ledger (reference
 * kind `outgoing-transfer`). No personal data. Key: transferReference.
 */
export class OutgoingTransferRecordedV1 {
  @Matches(PARTNER_CODE) partnerCode!: string;
  @IsString() @Length(1, 32) requestNumber!: string;
  @IsString() @Length(2, 16) agreement!: string;
  @IsString() @Length(1, 64) @Matches(REFERENCE_PATTERN) transferReference!: string;
  @IsIn(OUTGOING_TRANSFER_EVENTS) event!: OutgoingTransferEvent;
  @IsInstant() at!: string;
  @IsString() @Length(2, 64) borderCrossingPoint!: string;
  @IsInstant() plannedArrival!: string;
}

export const INTERNAL_EVENTS = {
  'readmission.internal.case-registered.v1': {
    type: 'readmission.internal.case-registered.v1',
    payload: CaseRegisteredV1,
    keyField: 'caseNumber',
    summary: 'intake → verification: a valid application was registered.',
  },
  'readmission.internal.partner-reply-requested.v1': {
    type: 'readmission.internal.partner-reply-requested.v1',
    payload: PartnerReplyRequestedV1,
    keyField: 'recordKey',
    summary: 'any service → intake: publish this reply on the partner outbound topic.',
  },
  'readmission.internal.application-supplemented.v1': {
    type: 'readmission.internal.application-supplemented.v1',
    payload: ApplicationSupplementedInternalV1,
    keyField: 'caseNumber',
    summary: 'intake → verification: further evidence or corrections for a registered case.',
  },
  'readmission.internal.application-withdrawn.v1': {
    type: 'readmission.internal.application-withdrawn.v1',
    payload: ApplicationWithdrawnInternalV1,
    keyField: 'caseNumber',
    summary: 'intake → verification: the partner withdrew the application.',
  },
  'readmission.internal.remedy-changed.v1': {
    type: 'readmission.internal.remedy-changed.v1',
    payload: RemedyChangedV1,
    keyField: 'caseNumber',
    summary: 'intake → transfer: a pending remedy or suspension of removal was stated or lifted for a case (interface 1.1).',
  },
  'readmission.internal.acceptance-lapsed.v1': {
    type: 'readmission.internal.acceptance-lapsed.v1',
    payload: AcceptanceLapsedV1,
    keyField: 'caseNumber',
    summary:
      'verification → transfer: an accepted application was withdrawn; the acceptance lapses and its travel documents are cancelled.',
  },
  'readmission.internal.case-decided.v1': {
    type: 'readmission.internal.case-decided.v1',
    payload: CaseDecidedV1,
    keyField: 'caseNumber',
    summary: 'verification → transfer: the decision on the merits.',
  },
  'readmission.internal.transfer-notified.v1': {
    type: 'readmission.internal.transfer-notified.v1',
    payload: TransferNotifiedInternalV1,
    keyField: 'notice.transferReference',
    summary: 'intake → transfer: a partner notified a transfer.',
  },
  'readmission.internal.transfer-cancelled.v1': {
    type: 'readmission.internal.transfer-cancelled.v1',
    payload: TransferCancelledInternalV1,
    keyField: 'cancellation.transferReference',
    summary: 'intake → transfer: a partner cancelled a notified transfer.',
  },
  'readmission.internal.transit-requested.v1': {
    type: 'readmission.internal.transit-requested.v1',
    payload: TransitRequestedInternalV1,
    keyField: 'request.transitReference',
    summary: 'intake → transfer: a partner asked for a transit under escort through Azerbaijan (interface 1.1), acknowledged.',
  },
  'readmission.internal.outgoing-transfer-recorded.v1': {
    type: 'readmission.internal.outgoing-transfer-recorded.v1',
    payload: OutgoingTransferRecordedV1,
    keyField: 'transferReference',
    summary:
      "intake → transfer: Azerbaijan's transfer to a partner was notified, confirmed or refused by the partner, or handed over (for the cost ledger).",
  },
  'readmission.internal.reference-data.v1': {
    type: 'readmission.internal.reference-data.v1',
    payload: ReferenceDataVersionV1,
    keyField: 'id',
    compacted: true,
    summary: 'intake → every service: a version of reference data (rulebook, calendar, crossing points, referral bodies) was loaded.',
  },
  'readmission.internal.person-arrived.v1': {
    type: 'readmission.internal.person-arrived.v1',
    payload: PersonArrivedV1,
    keyField: 'caseNumber',
    summary: 'transfer → reintegration: a person was handed over at the border.',
  },
  'readmission.internal.mistake-answered.v1': {
    type: 'readmission.internal.mistake-answered.v1',
    payload: MistakeAnsweredInternalV1,
    keyField: 'answer.caseNumber',
    summary: 'intake → transfer: the partner answered a request for readmission by mistake (interface 1.1).',
  },
  'readmission.internal.person-returned-by-mistake.v1': {
    type: 'readmission.internal.person-returned-by-mistake.v1',
    payload: PersonReturnedByMistakeV1,
    keyField: 'caseNumber',
    summary: 'transfer → reintegration: a person readmitted by mistake was handed back to the partner at the border.',
  },
} as const;

export type InternalEventType = keyof typeof INTERNAL_EVENTS;
export type InternalPayload<T extends InternalEventType> = InstanceType<(typeof INTERNAL_EVENTS)[T]['payload']>;
export const InternalTopics = Object.fromEntries(Object.keys(INTERNAL_EVENTS).map((t) => [t, t])) as {
  [K in InternalEventType]: K;
};
