import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller, Roles } from '@readmission/auth';
import { AssessNeeds } from '../../application/assess-needs';
import { AssignCaseWorker } from '../../application/assign-case-worker';
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
  ) {}

  @Get()
  @Roles('case-worker', 'auditor')
  @ApiOperation({ summary: 'Reintegration cases, newest first: all, mine, unassigned, or with overdue referrals or follow-ups.' })
  list(@Query() q: ReintegrationCaseQuery, @CurrentCaller() caller: Caller) {
    return this.listCases.execute(q, caller);
  }

  @Get(':caseNumber')
  @Roles('case-worker', 'auditor')
  @ApiOperation({ summary: 'One case with its full history: assessment, plan, consents, referrals, follow-ups and audit trail.' })
  get(@Param('caseNumber') caseNumber: string) {
    return this.showCase.execute(caseNumber);
  }

  @Post(':caseNumber/assignment')
  @HttpCode(200)
  @Roles('case-worker')
  @ApiOperation({ summary: 'Assign the case to a case worker (the caller by default).' })
  assign(@Param('caseNumber') caseNumber: string, @Body() body: AssignBody, @CurrentCaller() caller: Caller) {
    return this.assignCaseWorker.execute(caseNumber, body.caseWorker ?? caller.subject, caller);
  }

  @Post(':caseNumber/guardian')
  @HttpCode(200)
  @Roles('case-worker')
  @ApiOperation({ summary: "Record an unaccompanied minor's guardian or child protection body (required before any other work)." })
  guardian(@Param('caseNumber') caseNumber: string, @Body() body: GuardianBody, @CurrentCaller() caller: Caller) {
    return this.recordGuardian.execute(caseNumber, body, caller);
  }

  @Post(':caseNumber/consents')
  @HttpCode(200)
  @Roles('case-worker')
  @ApiOperation({ summary: "Record the returnee's consent (or its withdrawal) to share personal data with a body." })
  consent(@Param('caseNumber') caseNumber: string, @Body() body: ConsentBody, @CurrentCaller() caller: Caller) {
    return this.recordConsent.execute(caseNumber, body, caller);
  }

  @Post(':caseNumber/assessment')
  @HttpCode(200)
  @Roles('case-worker')
  @ApiOperation({ summary: 'Record the needs assessment: every area with a need level and notes.' })
  assessment(@Param('caseNumber') caseNumber: string, @Body() body: AssessmentBody, @CurrentCaller() caller: Caller) {
    return this.assessNeeds.execute(caseNumber, body.areas, caller);
  }

  @Post(':caseNumber/plan/services')
  @Roles('case-worker')
  @ApiOperation({ summary: 'Add a service to the reintegration plan (provider, budget line where one applies).' })
  addService(@Param('caseNumber') caseNumber: string, @Body() body: PlanServiceBody, @CurrentCaller() caller: Caller) {
    return this.planServices.add(caseNumber, body, caller);
  }

  @Patch(':caseNumber/plan/services/:id')
  @Roles('case-worker')
  @ApiOperation({ summary: "Change a plan service's status." })
  updateService(
    @Param('caseNumber') caseNumber: string,
    @Param('id') id: string,
    @Body() body: PlanServiceUpdateBody,
    @CurrentCaller() caller: Caller,
  ) {
    return this.planServices.update(caseNumber, id, body, caller);
  }

  @Post(':caseNumber/referrals')
  @Roles('case-worker')
  @ApiOperation({
    summary:
      "Refer the returnee to a body; due date from the body's deadline in the referral bodies in effect; personal data only with consent.",
  })
  refer(@Param('caseNumber') caseNumber: string, @Body() body: ReferralBody, @CurrentCaller() caller: Caller) {
    return this.referToBody.execute(caseNumber, body, caller);
  }

  @Patch(':caseNumber/referrals/:id')
  @Roles('case-worker')
  @ApiOperation({ summary: "Record a referral's status (accepted, in-progress, done, declined) and outcome." })
  updateReferral(
    @Param('caseNumber') caseNumber: string,
    @Param('id') id: string,
    @Body() body: ReferralUpdateBody,
    @CurrentCaller() caller: Caller,
  ) {
    return this.updateReferralStatus.execute(caseNumber, id, body, caller);
  }

  @Post(':caseNumber/follow-ups/:month')
  @HttpCode(200)
  @Roles('case-worker')
  @ApiOperation({ summary: 'Record the 3-, 6- or 12-month follow-up indicators; returns the sustainability score.' })
  followUp(
    @Param('caseNumber') caseNumber: string,
    @Param('month', ParseIntPipe) month: number,
    @Body() body: FollowUpBody,
    @CurrentCaller() caller: Caller,
  ) {
    return this.recordFollowUp.execute(caseNumber, month, body, caller);
  }

  @Post(':caseNumber/closure')
  @HttpCode(200)
  @Roles('case-worker')
  @ApiOperation({ summary: 'Close the case with an outcome and a reason.' })
  close(@Param('caseNumber') caseNumber: string, @Body() body: CloseBody, @CurrentCaller() caller: Caller) {
    return this.closeCase.execute(caseNumber, body, caller);
  }
}
