import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CATEGORIES, EscortV1, IsInstant, MAX_ITEMS, PROCEDURES, ReadmissionApplicationV1, TransportV1 } from '@readmission/contracts';
import { REQUEST_STATUSES, RequestDraft } from '../../domain/outgoing-request';

const PARTNER = /^[A-Z]{2}$/;

/**
 * The application an officer builds (POST /outgoing-requests and /outgoing-requests/check): the partner and the
 * content of `readmission.request.submitted.v1` (its number, agreement and time are the platform's). The fields and
 * their validation are the partner interface's own (`ReadmissionApplicationV1`, shared with the message), so that what
 * the officer sends is what the partner receives; this class adds the partner, and `APPLICATION_FIELDS` describes
 * each inherited field for OpenAPI.
 */
export class OutgoingRequestBody extends ReadmissionApplicationV1 implements RequestDraft {
  @ApiProperty({ example: 'DE', description: 'the requested state (ISO 3166-1 alpha-2)' }) @Matches(PARTNER) partner!: string;
}

/** The OpenAPI description of every field of the application (the type forces one per field). */
const APPLICATION_FIELDS: Record<keyof ReadmissionApplicationV1, PropertyDecorator> = {
  requestingAuthority: ApiProperty({ description: 'who handles the case in Azerbaijan: {name, email?, phone?}' }),
  procedure: ApiProperty({ enum: PROCEDURES }),
  category: ApiProperty({ enum: CATEGORIES }),
  apprehension: ApiPropertyOptional({ description: 'for the accelerated procedure: {at, place, nearBorder}' }),
  knowledgeDate: ApiPropertyOptional({
    example: '2026-11-20',
    description: 'third-country nationals and stateless persons: when the unauthorised stay became known',
  }),
  person: ApiProperty({ description: 'the person, as in the partner interface (surname, givenNames, sex, dateOfBirth, nationality, …)' }),
  family: ApiPropertyOptional({ type: [Object] }),
  evidence: ApiProperty({
    type: [Object],
    description: 'evidence items {type, form, number?, issuingCountry?, issuedOn?, expiresOn?, note?}',
  }),
  interviewRequested: ApiProperty({ description: "ask for an interview by the partner's consular post (no or contested documents)" }),
};
for (const [field, describe] of Object.entries(APPLICATION_FIELDS)) describe(OutgoingRequestBody.prototype, field);

/** POST /outgoing-requests/:requestNumber/transfer-notice */
export class TransferNoticeBody {
  @ApiProperty({ example: '2026-12-21T06:30:00+04:00' }) @IsInstant() plannedDeparture!: string;
  @ApiProperty({ example: '2026-12-21T09:45:00+01:00' }) @IsInstant() plannedArrival!: string;
  @ApiProperty({
    example: 'DE-FRA',
    description: "the partner's crossing point: one of that partner's codes in the crossing-point reference data (partnerPoints)",
  })
  @IsString()
  @Length(2, 64)
  borderCrossingPoint!: string;
  @ApiProperty({ example: 'GYD', description: "Azerbaijan's crossing point of departure" })
  @Matches(/^[A-Z0-9-]{2,16}$/)
  departureCrossingPoint!: string;
  @ApiProperty({ description: '{mode: air|land|sea, carrier?, flightNumber?}' })
  @IsObject()
  @ValidateNested()
  @Type(() => TransportV1)
  transport!: TransportV1;
  @ApiPropertyOptional({ type: [Object] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS.escorts)
  @ValidateNested({ each: true })
  @Type(() => EscortV1)
  escorts?: EscortV1[];
}

export class OutgoingRequestQuery {
  @ApiPropertyOptional({ enum: REQUEST_STATUSES }) @IsOptional() @IsIn(REQUEST_STATUSES) status?: string;
  @ApiPropertyOptional({ example: 'DE' }) @IsOptional() @Matches(PARTNER) partner?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 100;
}
