import { Type } from 'class-transformer';
import {
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
import { REFERRAL_STATUSES, ReferralStatus } from '../../domain/referral';
import { CASE_OUTCOMES, CASE_STATUSES, NEED_AREAS, NEED_LEVELS, SERVICE_STATUSES } from '../../domain/reintegration-case';
import { EMPLOYMENT, FollowUpIndicators, HOUSING, INCOME_SOURCES, REMIGRATION } from '../../domain/sustainability-score';
import { CaseListView } from '../../application/list-cases';

/** A body's code; which codes exist is the referral bodies' business (they change without a restart). */
const BODY_CODE = /^[A-Z][A-Z0-9-]{1,15}$/;

export class ReintegrationCaseQuery {
  @IsOptional() @IsIn(CASE_STATUSES) status?: string;
  /** mine: assigned to the caller; unassigned; overdue-referrals / overdue-follow-ups: with one past its due date. */
  @IsOptional() @IsIn(['all', 'mine', 'unassigned', 'overdue-referrals', 'overdue-follow-ups']) view?: CaseListView;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit = 200;
}
export class AssignBody {
  /** The case worker's token subject; the caller (the lead) when absent. */
  @IsOptional() @IsString() @Length(1, 200) caseWorker?: string;
  /** One of the lead's teams (token claim `teams`); the lead's first team when absent. */
  @IsOptional() @IsString() @Length(1, 100) team?: string;
  /** Why (a reassignment especially); kept in the audit trail. */
  @IsOptional() @IsString() @Length(1, 2000) reason?: string;
}
export class GuardianBody {
  @IsIn(['guardian', 'child-protection-body']) kind!: string;
  @IsString() @Length(1, 200) name!: string;
  @IsOptional() @IsString() @Length(1, 200) organisation?: string;
  @IsOptional() @IsString() @Length(1, 200) contact?: string;
  @IsOptional() @IsString() @Length(1, 200) appointedBy?: string;
}
export class ConsentBody {
  @Matches(BODY_CODE) bodyCode!: string;
  @IsBoolean() given!: boolean;
  @IsOptional() @IsString() @Length(1, 2000) note?: string;
}
export class NeedBody {
  @IsIn(NEED_AREAS) area!: string;
  @IsIn(NEED_LEVELS) level!: string;
  @IsOptional() @IsString() @Length(0, 4000) notes?: string;
}
export class AssessmentBody {
  @IsArray() @ArrayMinSize(NEED_AREAS.length) @ValidateNested({ each: true }) @Type(() => NeedBody) areas!: NeedBody[];
}
export class PlanServiceBody {
  @IsString() @Length(1, 200) service!: string;
  @IsOptional() @IsIn(NEED_AREAS) area?: string;
  @IsString() @Length(1, 200) provider!: string;
  @IsOptional() @IsString() @Length(1, 100) budgetLine?: string;
  @IsOptional() @IsString() @Length(0, 4000) notes?: string;
}
export class PlanServiceUpdateBody {
  @IsIn(SERVICE_STATUSES) status!: string;
  @IsOptional() @IsString() @Length(0, 4000) notes?: string;
}
export class ReferralBody {
  @Matches(BODY_CODE) bodyCode!: string;
  @IsString() @Length(3, 2000) purpose!: string;
  @IsOptional() @IsIn(NEED_AREAS) area?: string;
  @IsOptional() @IsString() @Length(1, 200) owner?: string;
  /** Refer without sharing personal data (the only way to refer to a body the returnee has not consented to). */
  @IsOptional() @IsBoolean() withoutPersonalData?: boolean;
}
export class ReferralUpdateBody {
  @IsIn(REFERRAL_STATUSES) status!: ReferralStatus;
  @IsOptional() @IsString() @Length(1, 4000) outcome?: string;
  @IsOptional() @IsString() @Length(1, 4000) note?: string;
}
export class IndicatorsBody implements FollowUpIndicators {
  @IsIn(INCOME_SOURCES) incomeSource!: (typeof INCOME_SOURCES)[number];
  @IsIn(EMPLOYMENT) employment!: (typeof EMPLOYMENT)[number];
  @IsInt() @Min(1) @Max(5) financialSituation!: number;
  @IsIn(HOUSING) housing!: (typeof HOUSING)[number];
  @IsInt() @Min(1) @Max(5) accessToServices!: number;
  @IsInt() @Min(1) @Max(5) socialNetwork!: number;
  @IsInt() @Min(1) @Max(5) feelsSafe!: number;
  @IsInt() @Min(1) @Max(5) wellbeing!: number;
  @IsIn(REMIGRATION) intentionToReMigrate!: (typeof REMIGRATION)[number];
}
export class FollowUpBody {
  @ValidateNested() @Type(() => IndicatorsBody) indicators!: IndicatorsBody;
  @IsOptional() @IsString() @Length(0, 4000) notes?: string;
}
export class CloseBody {
  @IsIn(CASE_OUTCOMES) outcome!: string;
  @IsString() @Length(3, 4000) reason!: string;
}
