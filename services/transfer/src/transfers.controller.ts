import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { Model } from 'mongoose';
import { Caller, CurrentCaller, Roles } from '@readmission/auth';
import { Transfer } from './transfer.schema';
import { TransferService } from './transfer.service';

export class HandoverRequest {
  /** Partner references of the persons handed over; every other person of the transfer did not arrive. */
  @IsArray() @ArrayMaxSize(500) @IsString({ each: true }) @Length(1, 64, { each: true }) arrived!: string[];
}

export class TransferQuery {
  @IsOptional() @IsIn(['notified', 'completed']) status?: string;
  @IsOptional() @IsString() borderCrossingPoint?: string;
}

@ApiTags('transfers')
@Controller('transfers')
export class TransfersController {
  constructor(
    private readonly service: TransferService,
    @InjectModel(Transfer.name) private readonly transfers: Model<Transfer>,
  ) {}

  @Get()
  @Roles('officer', 'border-officer', 'auditor')
  @ApiOperation({ summary: 'Transfers by status and crossing point, earliest arrival first.' })
  async list(@Query() q: TransferQuery) {
    const filter: Record<string, unknown> = {};
    if (q.status) filter.status = q.status;
    if (q.borderCrossingPoint) filter.borderCrossingPoint = q.borderCrossingPoint;
    return this.transfers.find(filter, { outbox: 0 }).sort({ plannedArrival: 1 }).limit(200).lean().exec();
  }

  @Post(':partnerCode/:transferReference/handover')
  @Roles('border-officer')
  @ApiOperation({ summary: 'Record the handover at the border: who arrived; closes the transfer.' })
  async handover(@Param('partnerCode') partnerCode: string, @Param('transferReference') transferReference: string, @Body() body: HandoverRequest, @CurrentCaller() caller: Caller) {
    return this.service.recordHandover(partnerCode.toUpperCase(), transferReference, body.arrived, caller.subject);
  }
}
