import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller, Roles } from '@readmission/auth';
import { PersonalRead } from '@readmission/platform';
import { AssessNeeds } from '../../application/assess-needs';
import { AssignCaseWorker } from '../../application/assign-case-worker';
import { CaseAccess } from '../../application/case-access';
import { CloseCase } from '../../application/close-case';
import { ListCases } from '../../application/list-cases';
import { PlanServices } from '../../application/plan-services';
import { RecordConsent } from '../../application/record-consent';
import { RecordFollowUp } from '../../application/record-follow-up';
import { RecordGuardian } from '../../application/record-guardian';
import { ReferToBody } from '../../application/refer-to-body';
import { ShowCase } from '../../application/show-case';
import { UpdateReferral } from '../../application/update-referral';
import {
  AssessmentBody,
  AssignBody,
  CloseBody,
  ConsentBody,
  FollowUpBody,
  GuardianBody,
  PlanServiceBody,
  PlanServiceUpdateBody,
  ReferralBody,
  ReferralUpdateBody,
  ReintegrationCaseQuery,
} from './reintegration-cases.dto';

/** The case worker's API: validate, then call the use case. */
@ApiTags('reintegration')
@Controller('reintegration-cases')
export class ReintegrationCasesController {
  constructor(
    private readonly listCases: ListCases,
    private readonly showCase: ShowCase,
    private readonly assignCaseWorker: AssignCaseWorker,
    private readonly recordGuardian: RecordGuardian,
    private readonly recordConsent: RecordConsent,
    private readonly assessNeeds: AssessNeeds,
    private readonly planServices: PlanServices,
    private readonly referToBody: ReferToBody,
    private readonly updateReferralStatus: UpdateReferral,
    private readonly recordFollowUp: RecordFollowUp,
    private readonly closeCase: CloseCase,
    private readonly access: CaseAccess,
  ) {}

  @Get()
  @Roles('case-worker', 'case-worker-lead', 'auditor')
  @ApiOperation({
    summary:
      "Reintegration cases, newest first: all, mine, unassigned, or with overdue referrals or follow-ups; within the caller's reach (own and team's cases, a lead also those of no team).",
  })
  list(@Query() q: ReintegrationCaseQuery, @CurrentCaller() caller: Caller) {
    return this.listCases.execute(q, caller);
  }

  @Get(':caseNumber')
  @Roles('case-worker', 'case-worker-lead', 'auditor')
  @PersonalRead({
    record: 'reintegration-case',
    work: { 'case-worker': 'case-work', 'case-worker-lead': 'case-assignment' },
    subject: (req) => String(req.params.caseNumber),
  })
  @ApiOperation({
    summary:
      'One case with its full history: assessment, plan, consents, referrals, follow-ups and audit trail (a case worker: their own or their team’s cases).',
  })
  async get(@Param('caseNumber') caseNumber: string, @CurrentCaller() caller: Caller) {
    await this.access.read(caseNumber, caller);
    return this.showCase.execute(caseNumber);
  }

  @Post(':caseNumber/assignment')
  @HttpCode(200)
  @Roles('case-worker-lead')
  @ApiOperation({
    summary: "A lead assigns (or reassigns) the case to a case worker of one of the lead's teams (the lead by default); audited.",
  })
  assign(@Param('caseNumber') caseNumber: string, @Body() body: AssignBody, @CurrentCaller() caller: Caller) {
    return this.assignCaseWorker.execute(caseNumber, { ...body, caseWorker: body.caseWorker ?? caller.subject }, caller);
  }

  @Post(':caseNumber/guardian')
  @HttpCode(200)
  @Roles('case-worker')
  @ApiOperation({ summary: "Record an unaccompanied minor's guardian or child protection body (required before any other work)." })
  async guardian(@Param('caseNumber') caseNumber: string, @Body() body: GuardianBody, @CurrentCaller() caller: Caller) {
    await this.access.work(caseNumber, caller);
    return this.recordGuardian.execute(caseNumber, body, caller);
  }

  @Post(':caseNumber/consents')
  @HttpCode(200)
  @Roles('case-worker')
  @ApiOperation({ summary: "Record the returnee's consent (or its withdrawal) to share personal data with a body." })
  async consent(@Param('caseNumber') caseNumber: string, @Body() body: ConsentBody, @CurrentCaller() caller: Caller) {
    await this.access.work(caseNumber, caller);
    return this.recordConsent.execute(caseNumber, body, caller);
  }

  @Post(':caseNumber/assessment')
  @HttpCode(200)
  @Roles('case-worker')
  @ApiOperation({ summary: 'Record the needs assessment: every area with a need level and notes.' })
  async assessment(@Param('caseNumber') caseNumber: string, @Body() body: AssessmentBody, @CurrentCaller() caller: Caller) {
    await this.access.work(caseNumber, caller);
    return this.assessNeeds.execute(caseNumber, body.areas, caller);
  }

  @Post(':caseNumber/plan/services')
  @Roles('case-worker')
  @ApiOperation({ summary: 'Add a service to the reintegration plan (provider, budget line where one applies).' })
  async addService(@Param('caseNumber') caseNumber: string, @Body() body: PlanServiceBody, @CurrentCaller() caller: Caller) {
    await this.access.work(caseNumber, caller);
    return this.planServices.add(caseNumber, body, caller);
  }

  @Patch(':caseNumber/plan/services/:id')
  @Roles('case-worker')
  @ApiOperation({ summary: "Change a plan service's status." })
  async updateService(
    @Param('caseNumber') caseNumber: string,
    @Param('id') id: string,
    @Body() body: PlanServiceUpdateBody,
    @CurrentCaller() caller: Caller,
  ) {
    await this.access.work(caseNumber, caller);
    return this.planServices.update(caseNumber, id, body, caller);
  }

  @Post(':caseNumber/referrals')
  @Roles('case-worker')
  @ApiOperation({
    summary:
      "Refer the returnee to a body; due date from the body's deadline in the referral bodies in effect; personal data only with consent.",
  })
  async refer(@Param('caseNumber') caseNumber: string, @Body() body: ReferralBody, @CurrentCaller() caller: Caller) {
    await this.access.work(caseNumber, caller);
    return this.referToBody.execute(caseNumber, body, caller);
  }

  @Patch(':caseNumber/referrals/:id')
  @Roles('case-worker')
  @ApiOperation({ summary: "Record a referral's status (accepted, in-progress, done, declined) and outcome." })
  async updateReferral(
    @Param('caseNumber') caseNumber: string,
    @Param('id') id: string,
    @Body() body: ReferralUpdateBody,
    @CurrentCaller() caller: Caller,
  ) {
    await this.access.work(caseNumber, caller);
    return this.updateReferralStatus.execute(caseNumber, id, body, caller);
  }

  @Post(':caseNumber/follow-ups/:month')
  @HttpCode(200)
  @Roles('case-worker')
  @ApiOperation({ summary: 'Record the 3-, 6- or 12-month follow-up indicators; returns the sustainability score.' })
  async followUp(
    @Param('caseNumber') caseNumber: string,
    @Param('month', ParseIntPipe) month: number,
    @Body() body: FollowUpBody,
    @CurrentCaller() caller: Caller,
  ) {
    await this.access.work(caseNumber, caller);
    return this.recordFollowUp.execute(caseNumber, month, body, caller);
  }

  @Post(':caseNumber/closure')
  @HttpCode(200)
  @Roles('case-worker')
  @ApiOperation({ summary: 'Close the case with an outcome and a reason.' })
  async close(@Param('caseNumber') caseNumber: string, @Body() body: CloseBody, @CurrentCaller() caller: Caller) {
    await this.access.work(caseNumber, caller);
    return this.closeCase.execute(caseNumber, body, caller);
  }
}
