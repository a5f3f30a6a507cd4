import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { Model } from 'mongoose';
import { bakuDate, formatInstant } from '@readmission/agreements';
import { Caller, CurrentCaller, Roles } from '@readmission/auth';
import { AuditTrail, Clock } from '@readmission/platform';
import { capacityOn } from './crossing-points';
import { AcceptedCase, CapacitySlot, HandoverRecord, Transfer } from './transfer.schema';
import { TransferService } from './transfer.service';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class HandoverRequest {
  /** Partner references of the persons handed over; every other confirmed person of the transfer did not arrive. */
  @IsArray() @ArrayMaxSize(500) @IsString({ each: true }) @Length(1, 64, { each: true }) arrived!: string[];
  /** The identity and document checks were done for everyone listed in `arrived` (required when it is not empty). */
  @IsOptional() @IsBoolean() identityChecked?: boolean;
  @IsOptional() @IsBoolean() documentChecked?: boolean;
}

export class PersonHandoverRequest {
  @IsBoolean() arrived!: boolean;
  /** The person's identity was checked against the case (photo, biometrics, interview). Required for an arrival. */
  @IsOptional() @IsBoolean() identityChecked?: boolean;
  /** The travel document (return certificate, or the person's own passport) was checked. Required for an arrival. */
  @IsOptional() @IsBoolean() documentChecked?: boolean;
  @IsOptional() @IsString() @Length(1, 2000) note?: string;
}

export class TransferQuery {
  @IsOptional() @IsIn(['confirmed', 'refused', 'cancelled', 'completed']) status?: string;
  @IsOptional() @IsString() borderCrossingPoint?: string;
  /** Baku date of the planned arrival. */
  @IsOptional() @Matches(DATE) date?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit = 200;
}

export class ArrivalsQuery {
  @IsString() borderCrossingPoint!: string;
  /** Baku date; today by default. */
  @IsOptional() @Matches(DATE) date?: string;
}

export class AcceptedQuery {
  @IsOptional() @IsIn(['awaiting-transfer', 'transferred', 'expired']) status?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit = 200;
}

export class ExtensionRequest {
  /** The new last day (Baku date) of the transfer time limit. */
  @Matches(DATE) until!: string;
  /** The legal or practical obstacle (mandatory; kept in the audit trail). */
  @IsString() @Length(3, 2000) reason!: string;
}

const LIST_FIELDS = { outbox: 0, history: 0, manifest: 0 };

@ApiTags('transfers')
@Controller('transfers')
export class TransfersController {
  constructor(
    private readonly service: TransferService,
    private readonly audit: AuditTrail,
    @InjectModel(Transfer.name) private readonly transfers: Model<Transfer>,
    @InjectModel(HandoverRecord.name) private readonly handovers: Model<HandoverRecord>,
  ) {}

  @Get()
  @Roles('officer', 'border-officer', 'auditor')
  @ApiOperation({ summary: 'Transfers by status, crossing point and arrival date, earliest arrival first.' })
  async list(@Query() q: TransferQuery) {
    const filter: Record<string, unknown> = {};
    if (q.status) filter.status = q.status;
    if (q.borderCrossingPoint) filter.borderCrossingPoint = q.borderCrossingPoint;
    if (q.date) filter.arrivalDate = q.date;
    return this.transfers.find(filter, LIST_FIELDS).sort({ plannedArrival: 1 }).limit(q.limit).lean().exec();
  }

  @Get(':partnerCode/:transferReference')
  @Roles('officer', 'border-officer', 'auditor')
  @ApiOperation({ summary: 'One transfer: manifest (verdict per person), handover records, history and audit trail.' })
  async get(@Param('partnerCode') partnerCode: string, @Param('transferReference') transferReference: string) {
    const id = `${partnerCode.toUpperCase()}:${transferReference}`;
    const found = await this.transfers.findById(id, { outbox: 0 }).lean().exec();
    if (!found) throw new NotFoundException(`no transfer ${transferReference} from ${partnerCode}`);
    return { ...found, handoverRecords: await this.handovers.find({ transferId: id }).lean().exec(), audit: await this.audit.list({ subject: id }) };
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
    return this.service.recordPerson(partnerCode.toUpperCase(), transferReference, partnerReference, body, caller);
  }

  @Post(':partnerCode/:transferReference/close')
  @HttpCode(200)
  @Roles('border-officer')
  @ApiOperation({ summary: 'Close the transfer: publishes transfer.completed (persons not recorded did not arrive) and person-arrived events.' })
  async close(@Param('partnerCode') partnerCode: string, @Param('transferReference') transferReference: string, @CurrentCaller() caller: Caller) {
    return this.service.close(partnerCode.toUpperCase(), transferReference, caller);
  }

  @Post(':partnerCode/:transferReference/handover')
  @Roles('border-officer')
  @ApiOperation({ summary: 'One-call handover: who arrived (after the identity and document checks); the others did not; closes the transfer.' })
  async handover(@Param('partnerCode') partnerCode: string, @Param('transferReference') transferReference: string, @Body() body: HandoverRequest, @CurrentCaller() caller: Caller) {
    return this.service.recordHandover(partnerCode.toUpperCase(), transferReference, body, caller);
  }
}

@ApiTags('border')
@Controller('border')
export class BorderController {
  constructor(
    private readonly service: TransferService,
    private readonly clock: Clock,
    @InjectModel(Transfer.name) private readonly transfers: Model<Transfer>,
    @InjectModel(AcceptedCase.name) private readonly accepted: Model<AcceptedCase>,
    @InjectModel(HandoverRecord.name) private readonly handovers: Model<HandoverRecord>,
    @InjectModel(CapacitySlot.name) private readonly slots: Model<CapacitySlot>,
  ) {}

  @Get('arrivals')
  @Roles('border-officer', 'officer', 'auditor')
  @ApiOperation({ summary: "A crossing point's expected arrivals on a day (today by default): each confirmed person with what the identity check needs and what is recorded." })
  async arrivals(@Query() q: ArrivalsQuery) {
    const date = q.date ?? bakuDate(this.clock.now());
    const transfers = await this.transfers.find({ borderCrossingPoint: q.borderCrossingPoint, arrivalDate: date, status: { $in: ['confirmed', 'completed'] } }, { outbox: 0, history: 0 }).sort({ plannedArrival: 1 }).lean().exec();
    const caseNumbers = transfers.flatMap((t) => t.manifest.filter((m) => m.verdict === 'confirmed').map((m) => m.caseNumber as string));
    const cases = new Map((await this.accepted.find({ _id: { $in: caseNumbers } }, { decision: 1, travelDocument: 1 }).lean().exec()).map((c) => [c._id, c]));
    const records = new Map((await this.handovers.find({ transferId: { $in: transfers.map((t) => t._id) } }).lean().exec()).map((r) => [r._id, r]));
    return {
      borderCrossingPoint: q.borderCrossingPoint,
      date,
      transfers: transfers.map((t) => ({
        partnerCode: t.partnerCode,
        transferReference: t.transferReference,
        status: t.status,
        plannedArrival: formatInstant(new Date(t.plannedArrival)),
        transport: t.transport,
        persons: t.manifest
          .filter((m) => m.verdict === 'confirmed')
          .map((m) => {
            const c = cases.get(m.caseNumber as string);
            const r = records.get(`${t._id}#${m.partnerReference}`);
            return {
              partnerReference: m.partnerReference,
              caseNumber: m.caseNumber,
              person: c?.decision.person,
              family: c?.decision.family ?? [],
              unaccompaniedMinor: c?.decision.unaccompaniedMinor ?? false,
              travelDocument: c?.travelDocument ? { documentNumber: c.travelDocument.documentNumber, validUntil: c.travelDocument.validUntil } : undefined,
              recorded: r ? { outcome: r.outcome, recordedBy: r.recordedBy, recordedAt: r.recordedAt } : undefined,
            };
          }),
      })),
    };
  }

  @Get('crossing-points')
  @Roles('border-officer', 'officer', 'auditor')
  @ApiOperation({ summary: 'The crossing points with their capacity and places booked on a day (today by default).' })
  async crossingPoints(@Query('date') date?: string) {
    const day = date && DATE.test(date) ? date : bakuDate(this.clock.now());
    const config = this.service.crossingPoints;
    return Promise.all(
      Object.entries(config.points).map(async ([code, p]) => ({ code, ...p, date: day, capacity: capacityOn(config, code, day), booked: await this.slots.countDocuments({ point: code, date: day }).exec() })),
    );
  }
}

@ApiTags('accepted-cases')
@Controller('accepted-cases')
export class AcceptedCasesController {
  constructor(
    private readonly service: TransferService,
    private readonly audit: AuditTrail,
    @InjectModel(AcceptedCase.name) private readonly accepted: Model<AcceptedCase>,
  ) {}

  @Get()
  @Roles('officer', 'auditor')
  @ApiOperation({ summary: 'Accepted cases by status, the transfer time limit falling due first.' })
  async list(@Query() q: AcceptedQuery) {
    return this.accepted.find(q.status ? { status: q.status } : {}, { outbox: 0, history: 0, decision: 0 }).sort({ transferDueBy: 1 }).limit(q.limit).lean().exec();
  }

  @Get(':caseNumber')
  @Roles('officer', 'auditor')
  @ApiOperation({ summary: 'One accepted case: travel documents, transfer time limit and extensions, history, audit trail.' })
  async get(@Param('caseNumber') caseNumber: string) {
    const found = await this.accepted.findById(caseNumber, { outbox: 0 }).lean().exec();
    if (!found) throw new NotFoundException(`no accepted case ${caseNumber}`);
    return { ...found, audit: await this.audit.list({ subject: caseNumber }) };
  }

  @Post(':caseNumber/transfer-extension')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({ summary: 'Extend the transfer time limit for a legal or practical obstacle, where the agreement allows it (CH-AZ: while it lasts).' })
  async extend(@Param('caseNumber') caseNumber: string, @Body() body: ExtensionRequest, @CurrentCaller() caller: Caller) {
    return this.service.extend(caseNumber, body, caller);
  }
}
