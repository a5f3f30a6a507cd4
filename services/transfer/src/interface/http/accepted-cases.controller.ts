import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller, Roles } from '@readmission/auth';
import { NotFoundError } from '@readmission/errors';
import { AuditTrail } from '@readmission/platform';
import { ExtendTransferTimeLimit } from '../../application/extend-transfer-time-limit';
import { AcceptedCases } from '../../infrastructure/accepted-cases.repository';
import { AcceptedQuery, ExtensionRequest } from './requests';

@ApiTags('accepted-cases')
@Controller('accepted-cases')
export class AcceptedCasesController {
  constructor(
    private readonly cases: AcceptedCases,
    private readonly extendTimeLimit: ExtendTransferTimeLimit,
    private readonly audit: AuditTrail,
  ) {}

  @Get()
  @Roles('officer', 'auditor')
  @ApiOperation({ summary: 'Accepted cases by status, the transfer time limit falling due first.' })
  async list(@Query() q: AcceptedQuery) {
    return this.cases.list(q.status, q.limit);
  }

  @Get(':caseNumber')
  @Roles('officer', 'auditor')
  @ApiOperation({ summary: 'One accepted case: travel documents, transfer time limit and extensions, history, audit trail.' })
  async get(@Param('caseNumber') caseNumber: string) {
    const found = await this.cases.findById(caseNumber);
    if (!found) throw new NotFoundError(`no accepted case ${caseNumber}`);
    return { ...found, audit: await this.audit.list({ subject: caseNumber }) };
  }

  @Post(':caseNumber/transfer-extension')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({
    summary: 'Extend the transfer time limit for a legal or practical obstacle, where the agreement allows it (CH-AZ: while it lasts).',
  })
  async extend(@Param('caseNumber') caseNumber: string, @Body() body: ExtensionRequest, @CurrentCaller() caller: Caller) {
    return this.extendTimeLimit.execute(caseNumber, body, caller);
  }
}
