import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  ApprehensionV1,
  CATEGORIES,
  Category,
  EscortV1,
  EvidenceV1,
  FamilyMemberV1,
  IsInstant,
  MAX_ITEMS,
  PROCEDURES,
  PersonV1,
  Procedure,
  RequestingAuthorityV1,
  TransportV1,
} from '@readmission/contracts';
import { REQUEST_STATUSES, RequestDraft } from '../../domain/outgoing-request';

const PARTNER = /^[A-Z]{2}$/;

/**
 * The application an officer builds (POST /outgoing-requests and /outgoing-requests/check): the partner and the
 * content of `readmission.request.submitted.v1` (its number, agreement and time are the platform's). The nested
 * parts are the partner interface's own classes, so that what the officer sends is what the partner receives.
 */
export class OutgoingRequestBody implements RequestDraft {
  @ApiProperty({ example: 'DE', description: 'the requested state (ISO 3166-1 alpha-2)' }) @Matches(PARTNER) partner!: string;
  @ApiProperty({ description: 'who handles the case in Azerbaijan: {name, email?, phone?}' })
  @IsObject()
  @ValidateNested()
  @Type(() => RequestingAuthorityV1)
  requestingAuthority!: RequestingAuthorityV1;
  @ApiProperty({ enum: PROCEDURES }) @IsIn(PROCEDURES) procedure!: Procedure;
  @ApiProperty({ enum: CATEGORIES }) @IsIn(CATEGORIES) category!: Category;
  @ApiPropertyOptional({ description: 'for the accelerated procedure: {at, place, nearBorder}' })
  @ValidateIf((o: OutgoingRequestBody) => o.procedure === 'accelerated' || o.apprehension !== undefined)
  @IsDefined({ message: 'apprehension is required for the accelerated procedure' })
  @IsObject()
  @ValidateNested()
  @Type(() => ApprehensionV1)
  apprehension?: ApprehensionV1;
  @ApiPropertyOptional({
    example: '2026-11-20',
    description: 'third-country nationals and stateless persons: when the unauthorised stay became known',
  })
  @ValidateIf((o: OutgoingRequestBody) => o.category !== 'national' || o.knowledgeDate !== undefined)
  @IsDefined({ message: 'knowledgeDate is required for third-country nationals and stateless persons' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  knowledgeDate?: string;
  @ApiProperty({ description: 'the person, as in the partner interface (surname, givenNames, sex, dateOfBirth, nationality, …)' })
  @IsObject()
  @ValidateNested()
  @Type(() => PersonV1)
  person!: PersonV1;
  @ApiPropertyOptional({ type: [Object] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS.family)
  @ValidateNested({ each: true })
  @Type(() => FamilyMemberV1)
  family?: FamilyMemberV1[];
  @ApiProperty({ type: [Object], description: 'evidence items {type, form, number?, issuingCountry?, issuedOn?, expiresOn?, note?}' })
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS.evidence)
  @ValidateNested({ each: true })
  @Type(() => EvidenceV1)
  evidence!: EvidenceV1[];
  @ApiProperty({ description: "ask for an interview by the partner's consular post (no or contested documents)" })
  @IsBoolean()
  interviewRequested!: boolean;
}

/** POST /outgoing-requests/:requestNumber/transfer-notice */
export class TransferNoticeBody {
  @ApiProperty({ example: '2026-12-21T06:30:00+04:00' }) @IsInstant() plannedDeparture!: string;
  @ApiProperty({ example: '2026-12-21T09:45:00+01:00' }) @IsInstant() plannedArrival!: string;
  @ApiProperty({ example: 'FRA', description: "the partner's crossing point" }) @IsString() @Length(2, 64) borderCrossingPoint!: string;
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
