import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DECISION_BASES, DECISIONS, Decision, DecisionBasis, PROCEDURES, Procedure, REJECTION_CODES } from './codes';
import { MAX_ITEMS, REFERENCE_PATTERN } from './inbound';
import { JSONSchema } from 'class-validator-jsonschema';
import { IsCalendarDate, IsInstant } from './validators';

/** Outbound partner messages (platform → partner), interface v1. Validated before they are published too. */

export const CASE_NUMBER_PATTERN = /^RA-\d{4}-\d{6}$/;

export class ApplicationAcknowledgedV1 {
  @IsString() @Matches(REFERENCE_PATTERN) partnerReference!: string;
  @Matches(CASE_NUMBER_PATTERN) caseNumber!: string;
  @IsInstant() receivedAt!: string;
  @IsString() @Length(2, 16) agreement!: string;
  @IsIn(PROCEDURES) procedure!: Procedure;
  @IsInstant() replyDueBy!: string;
}

export class RejectionReasonV1 {
  @IsString() @Length(1, 64) code!: string;
  @IsOptional() @IsString() @MaxLength(256) field?: string;
  @IsString() @Length(1, 2000) message!: string;
}

/**
 * Why an application cannot be accepted for processing, reason by reason (not a decision on the merits): what
 * Azerbaijan answers a partner's invalid application (`ApplicationRejectedV1`) and what a partner answers Azerbaijan's
 * invalid request (`RequestRejectedV1`, interface 1.1). Never sent as such: each message adds its own identifiers.
 */
export abstract class RejectionReasonsV1 {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ITEMS.reasons)
  @ValidateNested({ each: true })
  @Type(() => RejectionReasonV1)
  reasons!: RejectionReasonV1[];
}

export class ApplicationRejectedV1 extends RejectionReasonsV1 {
  /** Empty when the rejected record carried no usable reference (the record key is echoed instead). */
  @IsString() @Length(0, 256) partnerReference!: string;
}

export class ReplyExtendedV1 {
  @IsString() @Matches(REFERENCE_PATTERN) partnerReference!: string;
  @Matches(CASE_NUMBER_PATTERN) caseNumber!: string;
  @IsInstant() replyDueBy!: string;
  @IsString() @Length(1, 2000) reason!: string;
}

export class InterviewScheduledV1 {
  @IsString() @Matches(REFERENCE_PATTERN) partnerReference!: string;
  @Matches(CASE_NUMBER_PATTERN) caseNumber!: string;
  @IsInstant() at!: string;
  @IsString() @Length(1, 500) place!: string;
}

@JSONSchema(<Record<string, unknown>>{
  if: { properties: { decision: { const: 'refused' } }, required: ['decision'] },
  then: { required: ['grounds'] },
})
export class ApplicationDecidedV1 {
  @IsString() @Matches(REFERENCE_PATTERN) partnerReference!: string;
  @Matches(CASE_NUMBER_PATTERN) caseNumber!: string;
  @IsIn(DECISIONS) decision!: Decision;
  @IsIn(DECISION_BASES) basis!: DecisionBasis;
  /** Refusals give written grounds (CH-AZ Art. 8(3)). */
  @ValidateIf((o: ApplicationDecidedV1) => o.decision === 'refused' || o.grounds !== undefined)
  @IsString()
  @Length(1, 4000)
  grounds?: string;
  @IsInstant() decidedAt!: string;
  @IsBoolean() deemed!: boolean;
}

/**
 * The travel document the requested state issued for the person's return: what Azerbaijan tells a partner
 * (`TravelDocumentIssuedV1`) and what a partner tells Azerbaijan of its request (`RequestTravelDocumentIssuedV1`,
 * interface 1.1). Never sent as such: each message adds its own identifiers.
 */
export abstract class TravelDocumentV1 {
  @IsString() @Length(1, 32) documentNumber!: string;
  @IsCalendarDate() validFrom!: string;
  @IsCalendarDate() validUntil!: string;
}

export class TravelDocumentIssuedV1 extends TravelDocumentV1 {
  @IsString() @Matches(REFERENCE_PATTERN) partnerReference!: string;
  @Matches(CASE_NUMBER_PATTERN) caseNumber!: string;
}

export class TransferConfirmedV1 {
  @IsString() @Matches(REFERENCE_PATTERN) transferReference!: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_ITEMS.persons) @IsString({ each: true }) partnerReferences!: string[];
  @IsInstant() arrival!: string;
  @IsString() borderCrossingPoint!: string;
}

export class TransferRefusalReasonV1 {
  @IsString() @Length(1, 64) code!: string;
  @IsString() @Length(1, 2000) message!: string;
}

export class TransferRefusedV1 {
  @IsString() @Matches(REFERENCE_PATTERN) transferReference!: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ITEMS.reasons)
  @ValidateNested({ each: true })
  @Type(() => TransferRefusalReasonV1)
  reasons!: TransferRefusalReasonV1[];
}

export class TransferCompletedV1 {
  @IsString() @Matches(REFERENCE_PATTERN) transferReference!: string;
  @IsArray() @ArrayMaxSize(MAX_ITEMS.persons) @IsString({ each: true }) handedOver!: string[];
  @IsArray() @ArrayMaxSize(MAX_ITEMS.persons) @IsString({ each: true }) notArrived!: string[];
}

/** Where the case stood when the partner withdrew its application. */
export const WITHDRAWAL_STAGES = ['before-decision', 'after-acceptance', 'after-refusal', 'after-transfer'] as const;
export type WithdrawalStage = (typeof WITHDRAWAL_STAGES)[number];

/**
 * Interface 1.1 (additive): the answer to `readmission.application.withdrawn.v1`, saying what the withdrawal did at
 * the stage the case was in: before the decision the case is closed; after an acceptance the acceptance lapses, the
 * return certificates listed are cancelled and any transfer notice for the person is refused; after a refusal or a
 * transfer nothing changes. Partners on 1.0 may ignore it.
 */
export class ApplicationWithdrawalConfirmedV1 {
  @IsString() @Matches(REFERENCE_PATTERN) partnerReference!: string;
  @Matches(CASE_NUMBER_PATTERN) caseNumber!: string;
  @IsIn(WITHDRAWAL_STAGES) stage!: WithdrawalStage;
  /** What the withdrawal did, in words. */
  @IsString() @Length(1, 2000) effect!: string;
  @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @Length(1, 32, { each: true }) cancelledDocuments!: string[];
  @IsInstant() withdrawnAt!: string;
}

/** Why the transfer time limit moved: a legal obstacle the partner stated was lifted, or an officer's extension. */
export const TRANSFER_EXTENSION_CAUSES = ['obstacle-lifted', 'officer-extension'] as const;
export type TransferExtensionCause = (typeof TRANSFER_EXTENSION_CAUSES)[number];

/**
 * Interface 1.1 (additive): the transfer time limit of an accepted person was extended; `transferDueBy` is the new
 * last moment of the transfer (the end of that Baku day), `previousDueBy` the one it replaces, `reason` the rule
 * applied with its article (e.g. CH-AZ Art. 8(4): extended while legal or practical obstacles last) and how the new
 * date was counted. Partners on 1.0 may ignore it (the new limit then shows only in a later refusal or alert).
 */
export class TransferTimeLimitExtendedV1 {
  @IsString() @Matches(REFERENCE_PATTERN) partnerReference!: string;
  @Matches(CASE_NUMBER_PATTERN) caseNumber!: string;
  @IsInstant() transferDueBy!: string;
  @IsInstant() previousDueBy!: string;
  @IsIn(TRANSFER_EXTENSION_CAUSES) cause!: TransferExtensionCause;
  @IsString() @Length(1, 2000) reason!: string;
}

export { REJECTION_CODES };
