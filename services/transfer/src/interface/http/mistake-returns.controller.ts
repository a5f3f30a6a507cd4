import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller, Roles } from '@readmission/auth';
import { NotFoundError } from '@readmission/errors';
import { AuditTrail } from '@readmission/platform';
import { RecordMistakeReturn } from '../../application/record-mistake-return';
import { RequestReturnByMistake } from '../../application/request-return-by-mistake';
import { MistakeReturns } from '../../infrastructure/mistake-returns.repository';
import { MistakeReturnRecordRequest, MistakeReturnRequest, MistakeReturnsQuery } from './mistake-requests';

/** Readmission by mistake (docs/rules.md#readmission-by-mistake): the request, the partner's answer, the return. */
@ApiTags('mistake-returns')
@Controller('mistake-returns')
export class MistakeReturnsController {
  constructor(
    private readonly mistakes: MistakeReturns,
    private readonly request: RequestReturnByMistake,
    private readonly recordReturn: RecordMistakeReturn,
    private readonly audit: AuditTrail,
  ) {}

  @Post()
  @Roles('officer')
  @ApiOperation({
    summary:
      'Ask the partner to take back a person readmitted by mistake, with grounds and evidence, within the period after the transfer (422 after it, naming the rule).',
  })
  async create(@Body() body: MistakeReturnRequest, @CurrentCaller() caller: Caller) {
    return this.request.execute(body, caller);
  }

  @Get()
  @Roles('officer', 'border-officer', 'auditor')
  @ApiOperation({ summary: 'Requests for readmission by mistake by status, newest first.' })
  async list(@Query() q: MistakeReturnsQuery) {
    return (await this.mistakes.list(q.status, q.limit)).map(({ grounds: _grounds, evidence: _evidence, ...rest }) => rest);
  }

  @Get(':caseNumber')
  @Roles('officer', 'border-officer', 'auditor')
  @ApiOperation({ summary: 'One request: grounds, evidence, period, the partner’s answer, the return, history and audit trail.' })
  async get(@Param('caseNumber') caseNumber: string) {
    const found = await this.mistakes.findById(caseNumber);
    if (!found) throw new NotFoundError(`no request for readmission by mistake for ${caseNumber}`);
    return { ...found, audit: await this.audit.list({ subject: caseNumber }) };
  }

  @Post(':caseNumber/return')
  @HttpCode(200)
  @Roles('border-officer')
  @ApiOperation({ summary: 'Record the return at a crossing point of yours after the partner accepted: handed back, or not.' })
  async return(@Param('caseNumber') caseNumber: string, @Body() body: MistakeReturnRecordRequest, @CurrentCaller() caller: Caller) {
    return this.recordReturn.execute(caseNumber, body, caller);
  }
}
