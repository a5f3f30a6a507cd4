import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsOptional, IsString, Length, Matches, ValidateIf, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { DECISIONS, Decision } from './codes';
import {
  EscortV1,
  MAX_ITEMS,
  READMISSION_APPLICATION_CONDITIONS,
  REFERENCE_PATTERN,
  ReadmissionApplicationV1,
  TransportV1,
} from './inbound';
import { TravelDocumentV1 } from './outbound';
import { IsInstant } from './validators';

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
/** The validation options of a request number (the message a partner reads). */
export const REQUEST_NUMBER_ERROR = { message: 'requestNumber must look like AZR-2026-000001' };

/** Azerbaijan asks the partner to readmit a person (Azerbaijan → partner): the fields of a partner's application, read the other way round. */
@JSONSchema(READMISSION_APPLICATION_CONDITIONS)
export class RequestSubmittedV1 extends ReadmissionApplicationV1 {
  @Matches(REQUEST_NUMBER_PATTERN, REQUEST_NUMBER_ERROR) requestNumber!: string;
  /** The agreement applied, e.g. `EU-AZ`. */
  @IsString() @Length(2, 16) agreement!: string;
  @IsInstant() submittedAt!: string;
}

/** Azerbaijan's advance notice of the transfer of a person the partner accepted (Azerbaijan → partner). */
export class RequestTransferNotifiedV1 {
  @Matches(REQUEST_NUMBER_PATTERN, REQUEST_NUMBER_ERROR) requestNumber!: string;
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
  @Matches(REQUEST_NUMBER_PATTERN, REQUEST_NUMBER_ERROR) requestNumber!: string;
  @IsString() @Length(1, 64) @Matches(REFERENCE_PATTERN) transferReference!: string;
  @IsInstant() handedOverAt!: string;
  @IsString() @Length(2, 64) borderCrossingPoint!: string;
}

/** The partner acknowledges receipt of Azerbaijan's request (partner → Azerbaijan). */
export class RequestAcknowledgedV1 {
  @Matches(REQUEST_NUMBER_PATTERN, REQUEST_NUMBER_ERROR) requestNumber!: string;
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
  @Matches(REQUEST_NUMBER_PATTERN, REQUEST_NUMBER_ERROR) requestNumber!: string;
  @IsIn(DECISIONS) decision!: Decision;
  @ValidateIf((o: RequestDecidedV1) => o.decision === 'refused' || o.grounds !== undefined)
  @IsString()
  @Length(1, 4000)
  grounds?: string;
  @IsInstant() decidedAt!: string;
}

/** The partner issued the travel document the person returns on (partner → Azerbaijan). */
export class RequestTravelDocumentIssuedV1 extends TravelDocumentV1 {
  @Matches(REQUEST_NUMBER_PATTERN, REQUEST_NUMBER_ERROR) requestNumber!: string;
}
