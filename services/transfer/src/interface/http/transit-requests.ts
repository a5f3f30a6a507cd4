import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { TRANSIT_REFUSAL_GROUNDS, TransitRefusalGround } from '@readmission/agreements';
import { TRANSIT_BORDER_EVENTS, TRANSIT_STATUSES, TransitBorderEvent, TransitStatus } from '../../domain/transit';

export class TransitQuery {
  @ApiPropertyOptional({ enum: TRANSIT_STATUSES }) @IsOptional() @IsIn(TRANSIT_STATUSES) status?: TransitStatus;
  @ApiPropertyOptional({ default: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit = 200;
}

export class TransitDecisionRequest {
  @ApiProperty({ enum: ['consent', 'refuse'] }) @IsIn(['consent', 'refuse']) decision!: 'consent' | 'refuse';
  /** A refusal: the ground the agreement allows. */
  @ApiPropertyOptional({ enum: TRANSIT_REFUSAL_GROUNDS, description: 'required for a refusal' })
  @ValidateIf((o: TransitDecisionRequest) => o.decision === 'refuse' || o.refusalGround !== undefined)
  @IsIn(TRANSIT_REFUSAL_GROUNDS)
  refusalGround?: TransitRefusalGround;
  /** A refusal: the written grounds sent to the partner. */
  @ApiPropertyOptional({ description: 'written grounds, required for a refusal (sent to the partner)' })
  @ValidateIf((o: TransitDecisionRequest) => o.decision === 'refuse' || o.grounds !== undefined)
  @IsString()
  @Length(3, 4000)
  grounds?: string;
}

export class TransitRevocationRequest {
  @ApiProperty({ enum: TRANSIT_REFUSAL_GROUNDS }) @IsIn(TRANSIT_REFUSAL_GROUNDS) ground!: TransitRefusalGround;
  @ApiProperty({ description: 'the facts that came to light, in words sent to the partner' }) @IsString() @Length(3, 4000) grounds!: string;
}

export class TransitBorderRequest {
  @ApiProperty({ enum: TRANSIT_BORDER_EVENTS }) @IsIn(TRANSIT_BORDER_EVENTS) event!: TransitBorderEvent;
  @ApiProperty({ example: 'GYD' }) @IsString() @Matches(/^[A-Z0-9-]{2,16}$/) crossingPoint!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 2000) note?: string;
}
