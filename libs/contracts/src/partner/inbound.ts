import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  CATEGORIES,
  Category,
  EVIDENCE_FORMS,
  EVIDENCE_TYPES,
  EvidenceType,
  FAMILY_RELATIONS,
  PROCEDURES,
  Procedure,
  SEXES,
  TRANSPORT_MODES,
} from './codes';
import { JSONSchema } from 'class-validator-jsonschema';
import { IsCalendarDate, IsCountryCode, IsInstant, IsPartialDate } from './validators';

/** Inbound partner messages (partner → platform), interface v1. Closed: unknown fields are rejected. */

/**
 * The most items each array of the interface takes (interface v1.1, additive: the limits were implicit before).
 * They keep every message, and every event built from it, well inside the broker's record size.
 */
export const MAX_ITEMS = {
  /** previousSurnames, aliases */
  names: 20,
  languages: 10,
  family: 20,
  evidence: 100,
  /** partnerReferences of a transfer notice: the persons of one transfer */
  persons: 500,
  escorts: 50,
  /** reasons of a rejection or a refusal */
  reasons: 50,
} as const;

export const REFERENCE_PATTERN = /^[A-Za-z0-9._/-]+$/;
/** A file's SHA-256 digest, as 64 lower-case hex digits. */
export const SHA256_PATTERN = /^[a-f0-9]{64}$/;
export const SHA256_ERROR = { message: 'sha256 must be 64 lower-case hex digits' };

export class RequestingAuthorityV1 {
  @IsString() @Length(1, 200) name!: string;
  @IsOptional() @IsEmail() email?: string;
  @IsOptional() @IsString() @Length(1, 50) phone?: string;
}

export class ApprehensionV1 {
  @IsInstant() at!: string;
  @IsString() @Length(1, 200) place!: string;
  @IsBoolean() nearBorder!: boolean;
}

export class AttachmentRefV1 {
  @IsString() @Length(1, 128) attachmentId!: string;
  @Matches(SHA256_PATTERN, SHA256_ERROR) sha256!: string;
}

export class PersonV1 {
  @IsString() @Length(1, 100) surname!: string;
  @IsString() @Length(1, 100) givenNames!: string;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS.names)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  previousSurnames?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_ITEMS.names) @IsString({ each: true }) @Length(1, 100, { each: true }) aliases?: string[];
  @IsIn(SEXES) sex!: (typeof SEXES)[number];
  @IsPartialDate() dateOfBirth!: string;
  @IsOptional() @IsString() @Length(1, 200) placeOfBirth?: string;
  @IsOptional() @IsString() @Length(1, 200) lastResidence?: string;
  @IsCountryCode({ allowUnknown: true }) nationality!: string;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS.languages)
  @Matches(/^[a-z]{2}$/, { each: true, message: 'languages must be ISO 639-1 codes' })
  languages?: string[];
  @IsOptional() @IsObject() @ValidateNested() @Type(() => AttachmentRefV1) photo?: AttachmentRefV1;
}

/** Corrections to a person in a supplement: every field optional, same rules. */
export class PersonPatchV1 {
  @IsOptional() @IsString() @Length(1, 100) surname?: string;
  @IsOptional() @IsString() @Length(1, 100) givenNames?: string;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS.names)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  previousSurnames?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_ITEMS.names) @IsString({ each: true }) @Length(1, 100, { each: true }) aliases?: string[];
  @IsOptional() @IsIn(SEXES) sex?: (typeof SEXES)[number];
  @IsOptional() @IsPartialDate() dateOfBirth?: string;
  @IsOptional() @IsString() @Length(1, 200) placeOfBirth?: string;
  @IsOptional() @IsString() @Length(1, 200) lastResidence?: string;
  @IsOptional() @IsCountryCode({ allowUnknown: true }) nationality?: string;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS.languages)
  @Matches(/^[a-z]{2}$/, { each: true, message: 'languages must be ISO 639-1 codes' })
  languages?: string[];
  @IsOptional() @IsObject() @ValidateNested() @Type(() => AttachmentRefV1) photo?: AttachmentRefV1;
}

export class FamilyMemberV1 {
  @IsIn(FAMILY_RELATIONS) relation!: (typeof FAMILY_RELATIONS)[number];
  @IsString() @Length(1, 100) surname!: string;
  @IsString() @Length(1, 100) givenNames!: string;
  @IsIn(SEXES) sex!: (typeof SEXES)[number];
  @IsPartialDate() dateOfBirth!: string;
  @IsCountryCode({ allowUnknown: true }) nationality!: string;
}

export class EvidenceV1 {
  @IsIn(EVIDENCE_TYPES) type!: EvidenceType;
  @IsIn(EVIDENCE_FORMS) form!: (typeof EVIDENCE_FORMS)[number];
  @IsOptional() @IsString() @Length(1, 64) number?: string;
  @IsOptional() @IsCountryCode() issuingCountry?: string;
  @IsOptional() @IsCalendarDate() issuedOn?: string;
  @IsOptional() @IsCalendarDate() expiresOn?: string;
  @IsOptional() @IsString() @Length(1, 128) attachmentId?: string;
  @IsOptional() @Matches(SHA256_PATTERN, SHA256_ERROR) sha256?: string;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class AssistanceV1 {
  @IsBoolean() needed!: boolean;
  @IsBoolean() consentGiven!: boolean;
  /** Only with the person's consent (CH-AZ Art. 5(2)(a)); intake checks that rule. */
  @IsOptional() @IsString() @MaxLength(2000) details?: string;
}

/** The fields a readmission application requires by its procedure and category, as JSON Schema conditions. */
export const READMISSION_APPLICATION_CONDITIONS = <Record<string, unknown>>{
  allOf: [
    { if: { properties: { procedure: { const: 'accelerated' } }, required: ['procedure'] }, then: { required: ['apprehension'] } },
    {
      if: { properties: { category: { enum: ['third-country-national', 'stateless'] } }, required: ['category'] },
      then: { required: ['knowledgeDate'] },
    },
  ],
};

/**
 * What an application for readmission says about the person, whichever state sends it: the partner's application to
 * Azerbaijan (`ApplicationSubmittedV1`) and Azerbaijan's request to the partner (`RequestSubmittedV1`, interface 1.1)
 * share these fields, their validation and their schema (the accelerated procedure needs the apprehension, a
 * third-country national or stateless person the knowledge date). Never sent as such: each message adds its own
 * identifiers, and states the conditions in its schema with `@JSONSchema(READMISSION_APPLICATION_CONDITIONS)` (a class's
 * schema decorator is not inherited).
 */
export abstract class ReadmissionApplicationV1 {
  @IsObject() @ValidateNested() @Type(() => RequestingAuthorityV1) requestingAuthority!: RequestingAuthorityV1;
  @IsIn(PROCEDURES) procedure!: Procedure;
  /** `national`: a national of the requested state; otherwise a person who entered the requesting state from or through it. */
  @IsIn(CATEGORIES) category!: Category;

  @ValidateIf((o: ReadmissionApplicationV1) => o.procedure === 'accelerated' || o.apprehension !== undefined)
  @IsDefined({ message: 'apprehension is required for the accelerated procedure' })
  @IsObject()
  @ValidateNested()
  @Type(() => ApprehensionV1)
  apprehension?: ApprehensionV1;

  @ValidateIf((o: ReadmissionApplicationV1) => o.category !== 'national' || o.knowledgeDate !== undefined)
  @IsDefined({ message: 'knowledgeDate is required for third-country nationals and stateless persons' })
  @IsCalendarDate()
  knowledgeDate?: string;

  /** `lastResidence` is the last place of residence in the requested state. */
  @IsObject() @ValidateNested() @Type(() => PersonV1) person!: PersonV1;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS.family)
  @ValidateNested({ each: true })
  @Type(() => FamilyMemberV1)
  family?: FamilyMemberV1[];
  @IsArray() @ArrayMaxSize(MAX_ITEMS.evidence) @ValidateNested({ each: true }) @Type(() => EvidenceV1) evidence!: EvidenceV1[];
  @IsBoolean() interviewRequested!: boolean;
}

/** A partner applies to Azerbaijan for the readmission of a person (partner → Azerbaijan). */
@JSONSchema(READMISSION_APPLICATION_CONDITIONS)
export class ApplicationSubmittedV1 extends ReadmissionApplicationV1 {
  @IsString() @Length(1, 64) @Matches(REFERENCE_PATTERN) partnerReference!: string;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => AssistanceV1) assistance?: AssistanceV1;
  @IsOptional() @IsBoolean() escortRequired?: boolean;
  @IsOptional() @IsBoolean() unaccompaniedMinor?: boolean;
}

export class ApplicationSupplementedV1 {
  @IsString() @Length(1, 64) @Matches(REFERENCE_PATTERN) partnerReference!: string;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS.evidence)
  @ValidateNested({ each: true })
  @Type(() => EvidenceV1)
  evidence?: EvidenceV1[];
  @IsOptional() @IsObject() @ValidateNested() @Type(() => PersonPatchV1) person?: PersonPatchV1;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class ApplicationWithdrawnV1 {
  @IsString() @Length(1, 64) @Matches(REFERENCE_PATTERN) partnerReference!: string;
  @IsString() @Length(1, 2000) reason!: string;
}

/**
 * Interface 1.1 (additive): a remedy with suspensive effect pending in the requesting state (an asylum application,
 * an appeal, another remedy) or removal suspended: while one stands, no transfer of the person is confirmed.
 */
export const REMEDY_KINDS = ['asylum-application', 'appeal', 'other-remedy', 'removal-suspended'] as const;
export type RemedyKind = (typeof REMEDY_KINDS)[number];

/** Interface 1.1: the requesting state states that a remedy is pending (or removal suspended) for the person of an application. */
export class RemedyPendingV1 {
  @IsString() @Length(1, 64) @Matches(REFERENCE_PATTERN) partnerReference!: string;
  @IsIn(REMEDY_KINDS) kind!: RemedyKind;
  @IsCalendarDate() since!: string;
  @IsOptional() @IsString() @Length(1, 200) authority?: string;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

/** Interface 1.1: the requesting state states that the remedy (or the suspension of removal) no longer stands. */
export class RemedyLiftedV1 {
  @IsString() @Length(1, 64) @Matches(REFERENCE_PATTERN) partnerReference!: string;
  @IsIn(REMEDY_KINDS) kind!: RemedyKind;
  @IsCalendarDate() on!: string;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class TransportV1 {
  @IsIn(TRANSPORT_MODES) mode!: (typeof TRANSPORT_MODES)[number];
  @IsOptional() @IsString() @Length(1, 100) carrier?: string;
  @IsOptional() @IsString() @Length(1, 16) flightNumber?: string;
}

export class EscortV1 {
  @IsString() @Length(1, 100) surname!: string;
  @IsString() @Length(1, 100) givenNames!: string;
  @IsString() @Length(1, 100) role!: string;
}

export class TransferNotifiedV1 {
  @IsString() @Length(1, 64) @Matches(REFERENCE_PATTERN) transferReference!: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ITEMS.persons)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  @Matches(REFERENCE_PATTERN, { each: true })
  partnerReferences!: string[];
  @IsInstant() plannedArrival!: string;
  @IsString()
  @Matches(/^[A-Z0-9-]{2,16}$/, { message: 'borderCrossingPoint must be a crossing point code' })
  borderCrossingPoint!: string;
  @IsObject() @ValidateNested() @Type(() => TransportV1) transport!: TransportV1;
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_ITEMS.escorts) @ValidateNested({ each: true }) @Type(() => EscortV1) escorts?: EscortV1[];
}

export class TransferCancelledV1 {
  @IsString() @Length(1, 64) @Matches(REFERENCE_PATTERN) transferReference!: string;
  @IsString() @Length(1, 2000) reason!: string;
}
