import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { CASE_NUMBER_PATTERN, DECISION_BASES } from '@readmission/contracts';
import { PageOf, PageQuery } from '@readmission/platform';
import { InterviewOutcome } from '../../application/record-interview-outcome';
import { OPEN_STATUSES, VerificationStatus } from '../../domain/verification-case';
import { WorkQueueSearch } from '../../domain/work-queue';

const STATUSES = [...OPEN_STATUSES, 'decided', 'withdrawn'];
const DECISIONS = ['accepted', 'refused'] as const;

export class QueueQuery {
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: VerificationStatus;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 100;
}

/** Query of GET /verification-cases/queue: every filter optional, a page of the queue sorted by the reply falling due. */
export class WorkQueueQuery extends PageQuery implements WorkQueueSearch {
  @ApiPropertyOptional({ enum: STATUSES, description: 'one status (default: every undecided one)' })
  @IsOptional()
  @IsIn(STATUSES)
  status?: VerificationStatus;
  @ApiPropertyOptional({ example: 'DE' }) @IsOptional() @Matches(/^[A-Z]{2}$/) partner?: string;
  @ApiPropertyOptional({ example: 'EU-AZ' }) @IsOptional() @IsString() @Length(2, 16) agreement?: string;
  @ApiPropertyOptional({ example: '24h', description: '`overdue`, an alert point of REPLY_ALERT_HOURS as `<hours>h`, or `none`' })
  @IsOptional()
  @Matches(/^(overdue|none|\d{1,4}h)$/)
  alert?: string;
  @ApiPropertyOptional({ description: "any of the person's names, in any spelling (Məmmədov, Mammadov, Mamedov, Мамедов)" })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;
  @ApiPropertyOptional({ example: 'RA-2026-000001' }) @IsOptional() @Matches(CASE_NUMBER_PATTERN) caseNumber?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) partnerReference?: string;
}

class ProposalView {
  @ApiProperty({ enum: ['accept', 'refuse', 'interview', 'review'] }) action!: string;
  @ApiPropertyOptional({ enum: DECISION_BASES }) basis?: string;
  @ApiPropertyOptional() grounds?: string;
  @ApiProperty() why!: string;
  @ApiPropertyOptional() afterReview?: boolean;
  @ApiPropertyOptional({ format: 'date-time' }) reviewEndsBy?: string;
}

class PendingDecisionView {
  @ApiProperty({ enum: DECISIONS }) decision!: string;
  @ApiProperty({ enum: DECISION_BASES }) basis!: string;
  @ApiPropertyOptional() grounds?: string;
  @ApiProperty({ enum: ['refusal', 'override'] }) kind!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'the first officer (token subject)' }) proposedBy!: string;
  @ApiProperty({ format: 'date-time' }) proposedAt!: string;
  @ApiProperty({ enum: STATUSES }) statusBefore!: string;
}

class PersonNameView {
  @ApiProperty() surname!: string;
  @ApiProperty() givenNames!: string;
}

/** What a queue lists of a case, with the time left to reply and its alert level. */
class QueueEntryFields {
  @ApiProperty() caseNumber!: string;
  @ApiProperty() partnerCode!: string;
  @ApiProperty() partnerReference!: string;
  @ApiProperty() agreement!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ format: 'date-time' }) replyDueBy!: string;
  @ApiProperty({ description: 'hours left until the reply falls due (negative when overdue)' }) hoursLeft!: number;
  @ApiProperty({ example: '24h', description: '`overdue`, the alert point reached (`24h`), or `none`' }) alert!: string;
  @ApiPropertyOptional({ type: ProposalView }) proposal?: ProposalView;
  @ApiPropertyOptional({ type: PendingDecisionView }) pendingDecision?: PendingDecisionView;
}

export class QueueItem extends QueueEntryFields {
  @ApiProperty() procedure!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiProperty() escalated!: boolean;
  @ApiProperty({ type: PersonNameView, description: 'as the partner sent them' }) person!: PersonNameView;
}

export class QueueItemPage extends PageOf(QueueItem) {}

export class AwaitingConfirmationItem extends QueueEntryFields {}

export class InterviewOutcomeBody {
  @ApiProperty({ enum: ['nationality-confirmed', 'nationality-not-confirmed', 'did-not-attend'] })
  @IsIn(['nationality-confirmed', 'nationality-not-confirmed', 'did-not-attend'])
  outcome!: InterviewOutcome;
  @ApiProperty({ minLength: 1, maxLength: 4000 }) @IsString() @Length(1, 4000) notes!: string;
  /** Written grounds for the partner when nationality is not confirmed. */
  @ApiPropertyOptional({ description: 'written grounds for the partner when nationality is not confirmed' })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  grounds?: string;
}

export class DecisionBody {
  @ApiProperty({ enum: DECISIONS }) @IsIn(DECISIONS) decision!: 'accepted' | 'refused';
  @ApiProperty({ enum: DECISION_BASES }) @IsIn(DECISION_BASES) basis!: (typeof DECISION_BASES)[number];
  @ApiPropertyOptional({ description: 'grounds for a refusal (sent to the partner)' })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  grounds?: string;
  /** Why the officer decides so (mandatory; kept in the audit trail). */
  @ApiProperty({ minLength: 3, maxLength: 4000, description: 'why the officer decides so (kept in the audit trail)' })
  @IsString()
  @Length(3, 4000)
  reason!: string;
}

export class ConfirmationBody {
  /** true: the decision takes effect; false: it is sent back to the first officer. */
  @ApiProperty({ description: 'true: the decision takes effect; false: it is sent back to the first officer' })
  @IsBoolean()
  confirm!: boolean;
  /** Why the second officer confirms or sends it back (mandatory; kept in the audit trail). */
  @ApiProperty({ minLength: 3, maxLength: 4000 }) @IsString() @Length(3, 4000) reason!: string;
}

export class FindingsBody {
  /** The person was only in airside transit at an Azerbaijani airport (excludes the obligation for third-country nationals). */
  @ApiProperty({ description: 'the person was only in airside transit at an Azerbaijani airport' })
  @IsBoolean()
  airsideTransitOnly!: boolean;
  @ApiProperty({ minLength: 3, maxLength: 4000 }) @IsString() @Length(3, 4000) reason!: string;
}

export class ExtensionBody {
  @ApiProperty({ minimum: 1, maximum: 60 }) @Type(() => Number) @IsInt() @Min(1) @Max(60) days!: number;
  @ApiProperty({ minLength: 3, maxLength: 2000 }) @IsString() @Length(3, 2000) reason!: string;
}
