import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { DECISION_BASES } from '@readmission/contracts';
import { InterviewOutcome } from '../../application/record-interview-outcome';
import { OPEN_STATUSES, VerificationStatus } from '../../domain/verification-case';

export class QueueQuery {
  @IsOptional() @IsIn([...OPEN_STATUSES, 'decided', 'withdrawn']) status?: VerificationStatus;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit = 100;
}

export class InterviewOutcomeBody {
  @IsIn(['nationality-confirmed', 'nationality-not-confirmed', 'did-not-attend']) outcome!: InterviewOutcome;
  @IsString() @Length(1, 4000) notes!: string;
  /** Written grounds for the partner when nationality is not confirmed. */
  @IsOptional() @IsString() @Length(1, 4000) grounds?: string;
}

export class DecisionBody {
  @IsIn(['accepted', 'refused']) decision!: 'accepted' | 'refused';
  @IsIn(DECISION_BASES) basis!: (typeof DECISION_BASES)[number];
  @IsOptional() @IsString() @Length(1, 4000) grounds?: string;
  /** Why the officer decides so (mandatory; kept in the audit trail). */
  @IsString() @Length(3, 4000) reason!: string;
}

export class ConfirmationBody {
  /** true: the decision takes effect; false: it is sent back to the first officer. */
  @IsBoolean() confirm!: boolean;
  /** Why the second officer confirms or sends it back (mandatory; kept in the audit trail). */
  @IsString() @Length(3, 4000) reason!: string;
}

export class FindingsBody {
  /** The person was only in airside transit at an Azerbaijani airport (excludes the obligation for third-country nationals). */
  @IsBoolean() airsideTransitOnly!: boolean;
  @IsString() @Length(3, 4000) reason!: string;
}

export class ExtensionBody {
  @Type(() => Number) @IsInt() @Min(1) @Max(60) days!: number;
  @IsString() @Length(3, 2000) reason!: string;
}
