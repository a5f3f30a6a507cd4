import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { Model } from 'mongoose';
import { Caller, CurrentCaller, Roles } from '@readmission/auth';
import { DECISION_BASES } from '@readmission/contracts';
import { AuditTrail, Clock } from '@readmission/platform';
import { alertPoints } from './reply-deadlines';
import { OPEN_STATUSES, VerificationCase } from './verification-case.schema';
import { VerificationService } from './verification.service';

export class QueueQuery {
  @IsOptional() @IsIn([...OPEN_STATUSES, 'decided', 'withdrawn']) status?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit = 100;
}

export class InterviewOutcomeBody {
  @IsIn(['nationality-confirmed', 'nationality-not-confirmed', 'did-not-attend']) outcome!: 'nationality-confirmed' | 'nationality-not-confirmed' | 'did-not-attend';
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

export class FindingsBody {
  /** The person was only in airside transit at an Azerbaijani airport (excludes the obligation for third-country nationals). */
  @IsBoolean() airsideTransitOnly!: boolean;
  @IsString() @Length(3, 4000) reason!: string;
}

export class ExtensionBody {
  @Type(() => Number) @IsInt() @Min(1) @Max(60) days!: number;
  @IsString() @Length(3, 2000) reason!: string;
}

const QUEUE_FIELDS = { application: 0, agreementRules: 0, outbox: 0, history: 0, appliedIds: 0, registry: 0, assessment: 0 };

@ApiTags('verification')
@Controller('verification-cases')
export class VerificationCasesController {
  constructor(
    @InjectModel(VerificationCase.name) private readonly cases: Model<VerificationCase>,
    private readonly verification: VerificationService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('officer', 'auditor')
  @ApiOperation({ summary: 'The work queue: undecided cases, the reply falling due first on top, with their alert level.' })
  async queue(@Query() q: QueueQuery) {
    const filter = q.status ? { status: q.status } : { status: { $in: OPEN_STATUSES } };
    const items = await this.cases.find(filter, QUEUE_FIELDS).sort({ replyDueBy: 1 }).limit(q.limit).lean().exec();
    const now = this.clock.now().getTime();
    const points = alertPoints();
    return items.map(({ _id, ...c }) => {
      const hoursLeft = (new Date(c.replyDueBy).getTime() - now) / 3600_000;
      const alert = hoursLeft < 0 ? 'overdue' : (points.filter((h) => hoursLeft <= h).pop()?.toString().concat('h') ?? 'none');
      return { caseNumber: _id, ...c, hoursLeft: Math.round(hoursLeft * 10) / 10, alert };
    });
  }

  @Get(':caseNumber')
  @Roles('officer', 'auditor')
  @ApiOperation({ summary: 'One case: evidence and what it established, registry candidates, proposal, interview, decision, history, audit trail.' })
  async get(@Param('caseNumber') caseNumber: string) {
    const found = await this.cases.findById(caseNumber, { outbox: 0, appliedIds: 0 }).lean().exec();
    if (!found) throw new NotFoundException(`no case ${caseNumber}`);
    const { _id, ...rest } = found;
    return { caseNumber: _id, ...rest, audit: await this.audit.list({ subject: caseNumber }) };
  }

  @Post(':caseNumber/interview-outcome')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({ summary: "Record the consular interview's outcome; it drives the decision." })
  async interviewOutcome(@Param('caseNumber') caseNumber: string, @Body() body: InterviewOutcomeBody, @CurrentCaller() caller: Caller) {
    return this.verification.recordInterviewOutcome(caseNumber, body, caller);
  }

  @Post(':caseNumber/decision')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({ summary: 'Decide (confirm or override the proposal), with a mandatory reason; refusals need grounds.' })
  async decide(@Param('caseNumber') caseNumber: string, @Body() body: DecisionBody, @CurrentCaller() caller: Caller) {
    return this.verification.decideByOfficer(caseNumber, body, caller);
  }

  @Post(':caseNumber/findings')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({ summary: 'Record a finding the evidence rules depend on (airside transit only); the checks run again.' })
  async findings(@Param('caseNumber') caseNumber: string, @Body() body: FindingsBody, @CurrentCaller() caller: Caller) {
    return this.verification.recordFindings(caseNumber, body, caller);
  }

  @Post(':caseNumber/extension')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({ summary: "Extend the reply time limit within the agreement's maximum (publishes reply.extended)." })
  async extend(@Param('caseNumber') caseNumber: string, @Body() body: ExtensionBody, @CurrentCaller() caller: Caller) {
    return this.verification.extendReply(caseNumber, body, caller);
  }
}
