import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CASE_NUMBER_PATTERN } from '@readmission/contracts';

export class MistakeEvidenceRequest {
  @ApiProperty({ example: 'registry-record' }) @IsString() @Length(1, 100) kind!: string;
  @ApiProperty() @IsString() @Length(1, 2000) description!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 128) attachmentId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[a-f0-9]{64}$/) sha256?: string;
}

export class MistakeReturnRequest {
  @ApiProperty({ example: 'RA-2027-000123' }) @Matches(CASE_NUMBER_PATTERN) caseNumber!: string;
  @ApiProperty({ description: 'which condition of the agreement was not met, in words the partner can act on' })
  @IsString()
  @Length(10, 4000)
  grounds!: string;
  @ApiProperty({ type: [MistakeEvidenceRequest] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => MistakeEvidenceRequest)
  evidence!: MistakeEvidenceRequest[];
}

export class MistakeReturnRecordRequest {
  @ApiProperty({ description: 'handed back to the partner (true), or not' }) @IsBoolean() returned!: boolean;
  @ApiProperty({ example: 'GYD' }) @IsString() @Length(2, 8) borderCrossingPoint!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 2000) note?: string;
}

export class MistakeReturnsQuery {
  @IsOptional()
  @IsIn(['requested', 'accepted', 'refused', 'returned', 'not-returned'])
  status?: 'requested' | 'accepted' | 'refused' | 'returned' | 'not-returned';
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit = 200;
}
