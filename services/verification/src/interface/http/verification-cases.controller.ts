import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller, Roles } from '@readmission/auth';
import { PersonalRead } from '@readmission/platform';
import { ExtendReplyTimeLimit } from '../../application/extend-reply-time-limit';
import { FourEyes } from '../../application/four-eyes';
import { ListWorkQueue } from '../../application/list-work-queue';
import { RecordAirsideTransitFinding } from '../../application/record-airside-transit-finding';
import { RecordInterviewOutcome } from '../../application/record-interview-outcome';
import { RecordOfficerDecision } from '../../application/record-officer-decision';
import { ShowCase } from '../../application/show-case';
import {
  AwaitingConfirmationItem,
  ConfirmationBody,
  DecisionBody,
  ExtensionBody,
  FindingsBody,
  InterviewOutcomeBody,
  QueueItem,
  QueueItemPage,
  QueueQuery,
  WorkQueueQuery,
} from './verification-cases.dto';

@ApiTags('verification')
@Controller('verification-cases')
export class VerificationCasesController {
  constructor(
    private readonly workQueue: ListWorkQueue,
    private readonly showCase: ShowCase,
    private readonly interviewOutcome: RecordInterviewOutcome,
    private readonly officerDecision: RecordOfficerDecision,
    private readonly airsideTransitFinding: RecordAirsideTransitFinding,
    private readonly extendReply: ExtendReplyTimeLimit,
    private readonly fourEyes: FourEyes,
  ) {}

  @Get()
  @Roles('officer', 'auditor')
  @ApiOperation({
    summary: 'The work queue: undecided cases, the reply falling due first on top, with their alert level (the first `limit`).',
  })
  @ApiOkResponse({ type: [QueueItem] })
  async queue(@Query() q: QueueQuery) {
    return (await this.workQueue.execute({ status: q.status, page: 1, pageSize: q.limit })).items;
  }

  @Get('queue')
  @Roles('officer', 'auditor')
  @ApiOperation({
    summary:
      'The work queue a page at a time with the total: filters by status, partner, agreement, alert level, name in any spelling, case number, partner reference; the reply falling due first.',
  })
  @ApiOkResponse({ type: QueueItemPage })
  searchQueue(@Query() q: WorkQueueQuery) {
    return this.workQueue.execute(q);
  }

  @Get('awaiting-confirmation')
  @Roles('officer', 'auditor')
  @ApiOperation({
    summary: 'Refusals and overrides waiting for a second officer (four eyes), the reply falling due first, with the time left.',
  })
  @ApiOkResponse({ type: [AwaitingConfirmationItem] })
  awaitingConfirmation(@Query() q: QueueQuery) {
    return this.fourEyes.awaiting(q.limit);
  }

  @Get(':caseNumber')
  @Roles('officer', 'auditor')
  // The page holds the application's person and the registry candidates found for them.
  @PersonalRead({
    record: 'verification-case',
    work: { officer: 'verification' },
    subject: (req) => String(req.params.caseNumber),
    // The registry candidates shown (their personal ids): reads of registry records too.
    records: (page) =>
      ((page as { registry?: { candidates?: { personalId?: string }[] } }).registry?.candidates ?? []).map((c) => String(c.personalId)),
  })
  @ApiOperation({
    summary: 'One case: evidence and what it established, registry candidates, proposal, interview, decision, history, audit trail.',
  })
  get(@Param('caseNumber') caseNumber: string) {
    return this.showCase.execute(caseNumber);
  }

  @Post(':caseNumber/interview-outcome')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({ summary: "Record the consular interview's outcome; it drives the decision." })
  recordInterviewOutcome(@Param('caseNumber') caseNumber: string, @Body() body: InterviewOutcomeBody, @CurrentCaller() caller: Caller) {
    return this.interviewOutcome.execute(caseNumber, body, caller);
  }

  @Post(':caseNumber/decision')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({ summary: 'Decide (confirm or override the proposal), with a mandatory reason; refusals need grounds.' })
  decide(@Param('caseNumber') caseNumber: string, @Body() body: DecisionBody, @CurrentCaller() caller: Caller) {
    return this.officerDecision.execute(caseNumber, body, caller);
  }

  @Post(':caseNumber/confirmation')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({ summary: "Confirm (or send back) another officer's refusal or override; an officer cannot confirm their own (422)." })
  confirm(@Param('caseNumber') caseNumber: string, @Body() body: ConfirmationBody, @CurrentCaller() caller: Caller) {
    return this.fourEyes.confirm(caseNumber, body, caller);
  }

  @Post(':caseNumber/findings')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({ summary: 'Record a finding the evidence rules depend on (airside transit only); the checks run again.' })
  recordFindings(@Param('caseNumber') caseNumber: string, @Body() body: FindingsBody, @CurrentCaller() caller: Caller) {
    return this.airsideTransitFinding.execute(caseNumber, body, caller);
  }

  @Post(':caseNumber/extension')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({ summary: "Extend the reply time limit within the agreement's maximum (publishes reply.extended)." })
  extend(@Param('caseNumber') caseNumber: string, @Body() body: ExtensionBody, @CurrentCaller() caller: Caller) {
    return this.extendReply.execute(caseNumber, body, caller);
  }
}
