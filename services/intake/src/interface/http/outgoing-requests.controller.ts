import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller, Roles } from '@readmission/auth';
import { PersonalRead } from '@readmission/platform';
import { NotifyRequestTransfer } from '../../application/notify-request-transfer';
import { ReadOutgoingRequests } from '../../application/read-outgoing-requests';
import { RecordRequestHandover } from '../../application/record-request-handover';
import { SubmitOutgoingRequest } from '../../application/submit-outgoing-request';
import { OutgoingRequestBody, OutgoingRequestQuery, TransferNoticeBody } from './outgoing-requests.dto';

/**
 * Azerbaijan as the requesting state: officers build and send readmission applications to partners, follow the
 * partner's answers and time limits, and notify the transfer; the border officer records the handover.
 */
@ApiTags('outgoing-requests')
@Controller('outgoing-requests')
export class OutgoingRequestsController {
  constructor(
    private readonly submit: SubmitOutgoingRequest,
    private readonly read: ReadOutgoingRequests,
    private readonly notify: NotifyRequestTransfer,
    private readonly handover: RecordRequestHandover,
  ) {}

  @Post('check')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({
    summary: 'Check an application against the rulebook in effect without sending it: {ok, problems[{field, code, message, article}]}.',
  })
  async check(@Body() body: OutgoingRequestBody) {
    const { partner, ...draft } = body;
    const result = await this.submit.check(partner, draft);
    return result.ok ? { ok: true, agreement: result.agreement.code, deadlines: result.deadlines } : result;
  }

  @Post()
  @Roles('officer')
  @ApiOperation({
    summary:
      'Send a readmission application to a partner (readmission.request.submitted.v1 on its outbound topic); 422 lists every problem by field and article, and nothing is sent.',
  })
  send(@Body() body: OutgoingRequestBody, @CurrentCaller() caller: Caller) {
    const { partner, ...draft } = body;
    return this.submit.execute(partner, draft, caller);
  }

  @Get()
  @Roles('officer', 'auditor')
  @ApiOperation({ summary: "Azerbaijan's requests, newest first, with status, reply time limit, alerts, decision and transfer." })
  list(@Query() query: OutgoingRequestQuery) {
    return this.read.list(query);
  }

  @Get('departures')
  @Roles('border-officer')
  @ApiOperation({
    summary:
      "The border officer's departures: notified transfers to partners leaving from the token's crossing points, with the person's name and the transfer.",
  })
  departures(@CurrentCaller() caller: Caller) {
    return this.read.departures(caller.crossingPoints ?? []);
  }

  @Get(':requestNumber')
  @Roles('officer', 'auditor')
  @PersonalRead({ record: 'outgoing-request', work: { officer: 'outgoing-requests' }, subject: (req) => String(req.params.requestNumber) })
  @ApiOperation({ summary: 'One request in full: the application, the messages exchanged, the time limits and events.' })
  one(@Param('requestNumber') requestNumber: string) {
    return this.read.one(requestNumber);
  }

  @Post(':requestNumber/transfer-notice')
  @Roles('officer')
  @ApiOperation({
    summary:
      "Notify the partner of the transfer (readmission.request.transfer-notified.v1): at least the advance notice in the partner's working days before the arrival.",
  })
  transferNotice(@Param('requestNumber') requestNumber: string, @Body() body: TransferNoticeBody, @CurrentCaller() caller: Caller) {
    return this.notify.execute(requestNumber, body, caller);
  }

  @Post(':requestNumber/handover')
  @HttpCode(200)
  @Roles('border-officer')
  @ApiOperation({
    summary:
      'Record the handover at the departure crossing point (readmission.request.handed-over.v1); only at a crossing point of the token.',
  })
  recordHandover(@Param('requestNumber') requestNumber: string, @CurrentCaller() caller: Caller) {
    return this.handover.execute(requestNumber, caller);
  }
}
