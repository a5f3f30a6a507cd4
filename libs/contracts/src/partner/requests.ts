import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { CATEGORIES, Category, DECISIONS, Decision, PROCEDURES, Procedure } from './codes';
import {
  ApprehensionV1,
  EscortV1,
  EvidenceV1,
  FamilyMemberV1,
  MAX_ITEMS,
  PersonV1,
  REFERENCE_PATTERN,
  RequestingAuthorityV1,
  TransportV1,
} from './inbound';
import { IsCalendarDate, IsInstant } from './validators';

/**
 * Interface 1.1 (additive): Azerbaijan as the requesting state. Every type of this workflow is named
 * `readmission.request.*` ("Azerbaijan's request"), so that its direction is plain: the `application.*` and
 * `transfer.*` types are the partner's applications to Azerbaijan, the `request.*` types are Azerbaijan's
 * applications to the partner. Azerbaijan writes `request.submitted`, `request.transfer-notified` and
 * `request.handed-over` on the partner's outbound topic; the partner answers `request.acknowledged`,
 * `request.decided` and `request.travel-document-issued` on its inbound topic. The record key is always the
 * request number Azerbaijan gave (`AZR-YYYY-NNNNNN`). Partners on interface 1.0 never receive a `request.*`
 * message unless Azerbaijan applies to them, and their 1.0 messages are unchanged.
 */

export const REQUEST_NUMBER_PATTERN = /^AZR-\d{4}-\d{6}$/;
const REQUEST_NUMBER = { message: 'requestNumber must look like AZR-2026-000001' };

/** Azerbaijan asks the partner to readmit a person (Azerbaijan → partner). */
@JSONSchema(<Record<string, unknown>>{
  allOf: [
    { if: { properties: { procedure: { const: 'accelerated' } }, required: ['procedure'] }, then: { required: ['apprehension'] } },
    {
      if: { properties: { category: { enum: ['third-country-national', 'stateless'] } }, required: ['category'] },
      then: { required: ['knowledgeDate'] },
    },
  ],
})
export class RequestSubmittedV1 {
  @Matches(REQUEST_NUMBER_PATTERN, REQUEST_NUMBER) requestNumber!: string;
  /** The agreement applied, e.g. `EU-AZ`. */
  @IsString() @Length(2, 16) agreement!: string;
  @IsObject() @ValidateNested() @Type(() => RequestingAuthorityV1) requestingAuthority!: RequestingAuthorityV1;
  @IsIn(PROCEDURES) procedure!: Procedure;
  /** `national`: a national of the requested state; otherwise a person who entered Azerbaijan from or through it. */
  @IsIn(CATEGORIES) category!: Category;
  @ValidateIf((o: RequestSubmittedV1) => o.procedure === 'accelerated' || o.apprehension !== undefined)
  @IsDefined({ message: 'apprehension is required for the accelerated procedure' })
  @IsObject()
  @ValidateNested()
  @Type(() => ApprehensionV1)
  apprehension?: ApprehensionV1;
  @ValidateIf((o: RequestSubmittedV1) => o.category !== 'national' || o.knowledgeDate !== undefined)
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
  @IsInstant() submittedAt!: string;
}

/** Azerbaijan's advance notice of the transfer of a person the partner accepted (Azerbaijan → partner). */
export class RequestTransferNotifiedV1 {
  @Matches(REQUEST_NUMBER_PATTERN, REQUEST_NUMBER) requestNumber!: string;
  @IsString() @Length(1, 64) @Matches(REFERENCE_PATTERN) transferReference!: string;
  @IsInstant() plannedDeparture!: string;
  @IsInstant() plannedArrival!: string;
  /** The crossing point of the requested state where the person is handed over. */
  @IsString() @Length(2, 64) borderCrossingPoint!: string;
  @IsObject() @ValidateNested() @Type(() => TransportV1) transport!: TransportV1;
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_ITEMS.escorts) @ValidateNested({ each: true }) @Type(() => EscortV1) escorts?: EscortV1[];
  /** The partner's travel document the person travels on. */
  @IsString() @Length(1, 32) travelDocumentNumber!: string;
}

/** The handover at the border, recorded by Azerbaijan's border officer (Azerbaijan → partner). */
export class RequestHandedOverV1 {
  @Matches(REQUEST_NUMBER_PATTERN, REQUEST_NUMBER) requestNumber!: string;
  @IsString() @Length(1, 64) @Matches(REFERENCE_PATTERN) transferReference!: string;
  @IsInstant() handedOverAt!: string;
  @IsString() @Length(2, 64) borderCrossingPoint!: string;
}

/** The partner acknowledges receipt of Azerbaijan's request (partner → Azerbaijan). */
export class RequestAcknowledgedV1 {
  @Matches(REQUEST_NUMBER_PATTERN, REQUEST_NUMBER) requestNumber!: string;
  /** The partner's own file number. */
  @IsString() @Length(1, 64) @Matches(REFERENCE_PATTERN) partnerCaseReference!: string;
  @IsInstant() receivedAt!: string;
}

/** The partner's reply on the merits (partner → Azerbaijan); a refusal gives written grounds. */
@JSONSchema(<Record<string, unknown>>{
  if: { properties: { decision: { const: 'refused' } }, required: ['decision'] },
  then: { required: ['grounds'] },
})
export class RequestDecidedV1 {
  @Matches(REQUEST_NUMBER_PATTERN, REQUEST_NUMBER) requestNumber!: string;
  @IsIn(DECISIONS) decision!: Decision;
  @ValidateIf((o: RequestDecidedV1) => o.decision === 'refused' || o.grounds !== undefined)
  @IsString()
  @Length(1, 4000)
  grounds?: string;
  @IsInstant() decidedAt!: string;
}

/** The partner issued the travel document the person returns on (partner → Azerbaijan). */
export class RequestTravelDocumentIssuedV1 {
  @Matches(REQUEST_NUMBER_PATTERN, REQUEST_NUMBER) requestNumber!: string;
  @IsString() @Length(1, 32) documentNumber!: string;
  @IsCalendarDate() validFrom!: string;
  @IsCalendarDate() validUntil!: string;
}
