import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { Model } from 'mongoose';
import { Caller, CurrentCaller, Roles } from '@readmission/auth';
import { AuditTrail, Clock } from '@readmission/platform';
import { BODY_CODES, REFERRAL_BODIES } from './config/bodies';
import { CASE_OUTCOMES, CASE_STATUSES, NEED_AREAS, NEED_LEVELS, OPEN_REFERRAL_STATUSES, REFERRAL_STATUSES, ReferralStatus, SERVICE_STATUSES } from './domain';
import { FollowUp, Referral, ReintegrationCase } from './reintegration-case.schema';
import { ReintegrationService } from './reintegration.service';
import { EMPLOYMENT, FollowUpIndicators, HOUSING, INCOME_SOURCES, REMIGRATION } from './score';

export class ReintegrationCaseQuery {
  @IsOptional() @IsIn(CASE_STATUSES) status?: string;
  /** mine: assigned to the caller; unassigned; overdue-referrals / overdue-follow-ups: with one past its due date. */
  @IsOptional() @IsIn(['all', 'mine', 'unassigned', 'overdue-referrals', 'overdue-follow-ups']) view?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit = 200;
}
export class AssignBody {
  /** The case worker's token subject; the caller when absent. */
  @IsOptional() @IsString() @Length(1, 200) caseWorker?: string;
}
export class GuardianBody {
  @IsIn(['guardian', 'child-protection-body']) kind!: string;
  @IsString() @Length(1, 200) name!: string;
  @IsOptional() @IsString() @Length(1, 200) organisation?: string;
  @IsOptional() @IsString() @Length(1, 200) contact?: string;
  @IsOptional() @IsString() @Length(1, 200) appointedBy?: string;
}
export class ConsentBody {
  @IsIn(BODY_CODES) bodyCode!: string;
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
  @IsIn(BODY_CODES) bodyCode!: string;
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

const LIST_FIELDS = { person: 0, family: 0, history: 0, assistance: 0, guardian: 0, consents: 0, assessment: 0, plan: 0 };

@ApiTags('reintegration')
@Controller('reintegration-cases')
export class ReintegrationCasesController {
  constructor(
    @InjectModel(ReintegrationCase.name) private readonly cases: Model<ReintegrationCase>,
    @InjectModel(Referral.name) private readonly referrals: Model<Referral>,
    @InjectModel(FollowUp.name) private readonly followUps: Model<FollowUp>,
    private readonly reintegration: ReintegrationService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('case-worker', 'auditor')
  @ApiOperation({ summary: 'Reintegration cases, newest first: all, mine, unassigned, or with overdue referrals or follow-ups.' })
  async list(@Query() q: ReintegrationCaseQuery, @CurrentCaller() caller: Caller) {
    const filter: Record<string, unknown> = q.status ? { status: q.status } : {};
    const now = this.clock.now();
    if (q.view === 'mine') filter.caseWorker = caller.subject;
    if (q.view === 'unassigned') filter.caseWorker = { $exists: false };
    if (q.view === 'overdue-referrals') {
      const late = await this.referrals.find({ status: { $in: OPEN_REFERRAL_STATUSES }, dueBy: { $lt: now } }, { caseNumber: 1 }).lean().exec();
      filter._id = { $in: [...new Set(late.map((r) => r.caseNumber))] };
    }
    if (q.view === 'overdue-follow-ups') {
      const late = await this.followUps.find({ status: 'scheduled', dueBy: { $lt: now } }, { caseNumber: 1 }).lean().exec();
      filter._id = { $in: [...new Set(late.map((r) => r.caseNumber))] };
    }
    const items = await this.cases.find(filter, LIST_FIELDS).sort({ openedAt: -1 }).limit(q.limit).lean().exec();
    return items.map(({ _id, ...c }) => ({ caseNumber: _id, ...c }));
  }

  @Get(':caseNumber')
  @Roles('case-worker', 'auditor')
  @ApiOperation({ summary: 'One case with its full history: assessment, plan, consents, referrals, follow-ups and audit trail.' })
  async get(@Param('caseNumber') caseNumber: string) {
    const found = await this.reintegration.get(caseNumber);
    const now = this.clock.now().getTime();
    const referrals = (await this.referrals.find({ caseNumber }).sort({ sentAt: 1 }).lean().exec()).map((r) => ({
      ...r,
      overdue: OPEN_REFERRAL_STATUSES.includes(r.status) && now > new Date(r.dueBy).getTime(),
    }));
    const followUps = await this.followUps.find({ caseNumber }).sort({ month: 1 }).lean().exec();
    return { caseNumber, ...found, referrals, followUps, audit: await this.audit.list({ subject: caseNumber }) };
  }

  @Post(':caseNumber/assignment')
  @HttpCode(200)
  @Roles('case-worker')
  @ApiOperation({ summary: 'Assign the case to a case worker (the caller by default).' })
  async assign(@Param('caseNumber') caseNumber: string, @Body() body: AssignBody, @CurrentCaller() caller: Caller) {
    return this.reintegration.assign(caseNumber, body.caseWorker ?? caller.subject, caller);
  }

  @Post(':caseNumber/guardian')
  @HttpCode(200)
  @Roles('case-worker')
  @ApiOperation({ summary: "Record an unaccompanied minor's guardian or child protection body (required before any other work)." })
  async guardian(@Param('caseNumber') caseNumber: string, @Body() body: GuardianBody, @CurrentCaller() caller: Caller) {
    return this.reintegration.recordGuardian(caseNumber, body, caller);
  }

  @Post(':caseNumber/consents')
  @HttpCode(200)
  @Roles('case-worker')
  @ApiOperation({ summary: "Record the returnee's consent (or its withdrawal) to share personal data with a body." })
  async consent(@Param('caseNumber') caseNumber: string, @Body() body: ConsentBody, @CurrentCaller() caller: Caller) {
    return this.reintegration.recordConsent(caseNumber, body, caller);
  }

  @Post(':caseNumber/assessment')
  @HttpCode(200)
  @Roles('case-worker')
  @ApiOperation({ summary: 'Record the needs assessment: every area with a need level and notes.' })
  async assessment(@Param('caseNumber') caseNumber: string, @Body() body: AssessmentBody, @CurrentCaller() caller: Caller) {
    return this.reintegration.recordAssessment(caseNumber, body.areas, caller);
  }

  @Post(':caseNumber/plan/services')
  @Roles('case-worker')
  @ApiOperation({ summary: 'Add a service to the reintegration plan (provider, budget line where one applies).' })
  async addService(@Param('caseNumber') caseNumber: string, @Body() body: PlanServiceBody, @CurrentCaller() caller: Caller) {
    return this.reintegration.addPlanService(caseNumber, body, caller);
  }

  @Patch(':caseNumber/plan/services/:id')
  @Roles('case-worker')
  @ApiOperation({ summary: "Change a plan service's status." })
  async updateService(@Param('caseNumber') caseNumber: string, @Param('id') id: string, @Body() body: PlanServiceUpdateBody, @CurrentCaller() caller: Caller) {
    return this.reintegration.updatePlanService(caseNumber, id, body, caller);
  }

  @Post(':caseNumber/referrals')
  @Roles('case-worker')
  @ApiOperation({ summary: "Refer the returnee to a body; due date from the body's default; personal data only with consent." })
  async refer(@Param('caseNumber') caseNumber: string, @Body() body: ReferralBody, @CurrentCaller() caller: Caller) {
    return this.reintegration.createReferral(caseNumber, body, caller);
  }

  @Patch(':caseNumber/referrals/:id')
  @Roles('case-worker')
  @ApiOperation({ summary: "Record a referral's status (accepted, in-progress, done, declined) and outcome." })
  async updateReferral(@Param('caseNumber') caseNumber: string, @Param('id') id: string, @Body() body: ReferralUpdateBody, @CurrentCaller() caller: Caller) {
    return this.reintegration.updateReferral(caseNumber, id, body, caller);
  }

  @Post(':caseNumber/follow-ups/:month')
  @HttpCode(200)
  @Roles('case-worker')
  @ApiOperation({ summary: 'Record the 3-, 6- or 12-month follow-up indicators; returns the sustainability score.' })
  async followUp(@Param('caseNumber') caseNumber: string, @Param('month', ParseIntPipe) month: number, @Body() body: FollowUpBody, @CurrentCaller() caller: Caller) {
    return this.reintegration.recordFollowUp(caseNumber, month, body, caller);
  }

  @Post(':caseNumber/closure')
  @HttpCode(200)
  @Roles('case-worker')
  @ApiOperation({ summary: 'Close the case with an outcome and a reason.' })
  async close(@Param('caseNumber') caseNumber: string, @Body() body: CloseBody, @CurrentCaller() caller: Caller) {
    return this.reintegration.close(caseNumber, body, caller);
  }
}

@ApiTags('reintegration')
@Controller('referral-bodies')
export class ReferralBodiesController {
  @Get()
  @Roles('case-worker', 'auditor', 'admin')
  @ApiOperation({ summary: 'The bodies a case worker can refer to, with their default deadlines (config/bodies.json).' })
  list() {
    return REFERRAL_BODIES;
  }
}
