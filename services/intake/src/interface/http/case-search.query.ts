import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { CASE_NUMBER_PATTERN } from '@readmission/contracts';
import { CaseSearch } from '../../domain/case-search';

/** Query of GET /cases. */
export class CaseSearchQuery implements CaseSearch {
  @IsOptional() @Matches(/^[A-Z]{2}$/) partner?: string;
  @IsOptional() @IsString() status?: string;
  @IsOptional() @Matches(CASE_NUMBER_PATTERN) caseNumber?: string;
  @IsOptional() @IsString() partnerReference?: string;
  /** Any part of the surname or given names; diacritics and case are ignored. */
  @IsOptional() @IsString() name?: string;
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) receivedFrom?: string;
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) receivedTo?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) page = 1;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize = 50;
  @IsOptional() @IsIn(['receivedAt', '-receivedAt', 'replyDueBy']) sort: CaseSearch['sort'] = '-receivedAt';
}
