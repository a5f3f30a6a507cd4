import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller, Roles } from '@readmission/auth';
import { AuditTrail } from '@readmission/platform';
import { CloseTransfer } from '../../application/close-transfer';
import { RecordHandover } from '../../application/record-handover';
import { assertMayRead, readableCrossingPoints } from '../../domain/border-access';
import { HandoverRecords } from '../../infrastructure/handover-records.repository';
import { Transfers } from '../../infrastructure/transfers.repository';
import { HandoverRequest, PersonHandoverRequest, TransferQuery } from './requests';

@ApiTags('transfers')
@Controller('transfers')
export class TransfersController {
  constructor(
    private readonly transfers: Transfers,
    private readonly handovers: HandoverRecords,
    private readonly recordHandover: RecordHandover,
    private readonly closeTransfer: CloseTransfer,
    private readonly audit: AuditTrail,
  ) {}

  @Get()
  @Roles('officer', 'border-officer', 'auditor')
  @ApiOperation({
    summary:
      "Transfers by status, crossing point and arrival date, earliest arrival first (a border officer: the token's crossing points).",
  })
  async list(@Query() q: TransferQuery, @CurrentCaller() caller: Caller) {
    if (q.borderCrossingPoint) assertMayRead(caller, q.borderCrossingPoint);
    const points = q.borderCrossingPoint ?? readableCrossingPoints(caller);
    return this.transfers.list({ status: q.status, borderCrossingPoint: points, arrivalDate: q.date }, q.limit);
  }

  @Get(':partnerCode/:transferReference')
  @Roles('officer', 'border-officer', 'auditor')
  @ApiOperation({ summary: 'One transfer: manifest (verdict per person), handover records, history and audit trail.' })
  async get(
    @Param('partnerCode') partnerCode: string,
    @Param('transferReference') transferReference: string,
    @CurrentCaller() caller: Caller,
  ) {
    const found = await this.transfers.get(partnerCode.toUpperCase(), transferReference);
    assertMayRead(caller, found.borderCrossingPoint);
    return {
      ...found,
      handoverRecords: await this.handovers.ofTransfers([found._id]),
      audit: await this.audit.list({ subject: found._id }),
    };
  }

  @Post(':partnerCode/:transferReference/persons/:partnerReference')
  @Roles('border-officer')
  @ApiOperation({ summary: 'Record one person at the border: arrived (identity and document checked) or not arrived. Once per person.' })
  async person(
    @Param('partnerCode') partnerCode: string,
    @Param('transferReference') transferReference: string,
    @Param('partnerReference') partnerReference: string,
    @Body() body: PersonHandoverRequest,
    @CurrentCaller() caller: Caller,
  ) {
    return this.recordHandover.person(partnerCode.toUpperCase(), transferReference, partnerReference, body, caller);
  }

  @Post(':partnerCode/:transferReference/close')
  @HttpCode(200)
  @Roles('border-officer')
  @ApiOperation({
    summary: 'Close the transfer: publishes transfer.completed (persons not recorded did not arrive) and person-arrived events.',
  })
  async close(
    @Param('partnerCode') partnerCode: string,
    @Param('transferReference') transferReference: string,
    @CurrentCaller() caller: Caller,
  ) {
    return this.closeTransfer.execute(partnerCode.toUpperCase(), transferReference, caller);
  }

  @Post(':partnerCode/:transferReference/handover')
  @Roles('border-officer')
  @ApiOperation({
    summary: 'One-call handover: who arrived (after the identity and document checks); the others did not; closes the transfer.',
  })
  async handover(
    @Param('partnerCode') partnerCode: string,
    @Param('transferReference') transferReference: string,
    @Body() body: HandoverRequest,
    @CurrentCaller() caller: Caller,
  ) {
    return this.recordHandover.all(partnerCode.toUpperCase(), transferReference, body, caller);
  }
}
