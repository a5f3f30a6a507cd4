import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { FilterQuery, Model } from 'mongoose';
import { Roles } from '@readmission/auth';
import { IntakeCase } from './intake-case.schema';
import { foldName } from './search-name';

export class CaseSearchQuery {
  @IsOptional() @Matches(/^[A-Z]{2}$/) partner?: string;
  @IsOptional() @IsString() status?: string;
  @IsOptional() @Matches(/^RA-\d{4}-\d{6}$/) caseNumber?: string;
  @IsOptional() @IsString() partnerReference?: string;
  /** Any part of the surname or given names; diacritics and case are ignored. */
  @IsOptional() @IsString() name?: string;
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) receivedFrom?: string;
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) receivedTo?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) page = 1;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize = 50;
  @IsOptional() @IsIn(['receivedAt', '-receivedAt', 'replyDueBy']) sort = '-receivedAt';
}

const SUMMARY = { history: 0, outbox: 0, inboundIds: 0, replyIds: 0, contentHash: 0, searchName: 0, outboxPublished: 0, outboxPending: 0 };

@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(@InjectModel(IntakeCase.name) private readonly cases: Model<IntakeCase>) {}

  @Get()
  @Roles('officer', 'auditor')
  @ApiOperation({ summary: 'Search registered applications (paginated).' })
  async search(@Query() q: CaseSearchQuery) {
    const filter: FilterQuery<IntakeCase> = {};
    if (q.partner) filter.partnerCode = q.partner;
    if (q.status) filter.status = q.status;
    if (q.caseNumber) filter._id = q.caseNumber;
    if (q.partnerReference) filter.partnerReference = q.partnerReference;
    if (q.name) filter.searchName = { $regex: escapeRegex(foldName(q.name)) };
    if (q.receivedFrom || q.receivedTo) {
      filter.receivedAt = {
        ...(q.receivedFrom ? { $gte: new Date(`${q.receivedFrom}T00:00:00+04:00`) } : {}),
        ...(q.receivedTo ? { $lte: new Date(`${q.receivedTo}T23:59:59+04:00`) } : {}),
      };
    }
    const sortField = q.sort.replace('-', '');
    const [items, total] = await Promise.all([
      this.cases.find(filter, SUMMARY).sort({ [sortField]: q.sort.startsWith('-') ? -1 : 1 }).skip((q.page - 1) * q.pageSize).limit(q.pageSize).lean().exec(),
      this.cases.countDocuments(filter).exec(),
    ]);
    return { items: items.map(({ _id, ...rest }) => ({ caseNumber: _id, ...rest })), page: q.page, pageSize: q.pageSize, total };
  }

  @Get(':caseNumber')
  @Roles('officer', 'auditor')
  @ApiOperation({ summary: 'One case with its partner message history.' })
  async get(@Param('caseNumber') caseNumber: string) {
    const found = await this.cases.findById(caseNumber, { outbox: 0, contentHash: 0, searchName: 0, outboxPublished: 0, outboxPending: 0 }).lean().exec();
    if (!found) throw new NotFoundException(`no case ${caseNumber}`);
    const { _id, ...rest } = found;
    return { caseNumber: _id, ...rest };
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
