import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { PurposeQuery } from '@readmission/platform';
import { AcceptedCaseStatus } from '../../domain/accepted-case';
import { TransferStatus } from '../../domain/transfer';

export const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class HandoverRequest {
  /** Partner references of the persons handed over; every other confirmed person of the transfer did not arrive. */
  @IsArray() @ArrayMaxSize(500) @IsString({ each: true }) @Length(1, 64, { each: true }) arrived!: string[];
  /** The identity and document checks were done for everyone listed in `arrived` (required when it is not empty). */
  @IsOptional() @IsBoolean() identityChecked?: boolean;
  @IsOptional() @IsBoolean() documentChecked?: boolean;
}

export class PersonHandoverRequest {
  @IsBoolean() arrived!: boolean;
  /** The person's identity was checked against the case (photo, biometrics, interview). Required for an arrival. */
  @IsOptional() @IsBoolean() identityChecked?: boolean;
  /** The travel document (return certificate, or the person's own passport) was checked. Required for an arrival. */
  @IsOptional() @IsBoolean() documentChecked?: boolean;
  @IsOptional() @IsString() @Length(1, 2000) note?: string;
}

export class TransferQuery {
  @IsOptional() @IsIn(['confirmed', 'refused', 'cancelled', 'completed']) status?: TransferStatus;
  @IsOptional() @IsString() borderCrossingPoint?: string;
  /** Baku date of the planned arrival. */
  @IsOptional() @Matches(DATE) date?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit = 200;
}

export class ArrivalsQuery extends PurposeQuery {
  @ApiProperty({ example: 'GYD' }) @IsString() borderCrossingPoint!: string;
  /** Baku date; today by default. */
  @ApiPropertyOptional({ description: 'Baku date (YYYY-MM-DD); today by default' }) @IsOptional() @Matches(DATE) date?: string;
}

export class AcceptedQuery {
  @IsOptional() @IsIn(['awaiting-transfer', 'transferred', 'expired']) status?: AcceptedCaseStatus;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit = 200;
}

export class ExtensionRequest {
  /** The new last day (Baku date) of the transfer time limit. */
  @Matches(DATE) until!: string;
  /** The legal or practical obstacle (mandatory; kept in the audit trail). */
  @IsString() @Length(3, 2000) reason!: string;
}
