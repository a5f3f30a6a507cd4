import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Model } from 'mongoose';
import { Roles } from '@readmission/auth';
import { ReintegrationCase } from './reintegration-case.schema';

export class ReintegrationCaseQuery {
  @IsOptional() @IsIn(['open', 'closed']) status?: string;
}

@ApiTags('reintegration')
@Controller('reintegration-cases')
export class ReintegrationCasesController {
  constructor(@InjectModel(ReintegrationCase.name) private readonly cases: Model<ReintegrationCase>) {}

  @Get()
  @Roles('case-worker', 'auditor')
  @ApiOperation({ summary: 'Reintegration cases, newest first.' })
  async list(@Query() q: ReintegrationCaseQuery) {
    return this.cases.find(q.status ? { status: q.status } : {}).sort({ openedAt: -1 }).limit(200).lean().exec();
  }

  @Get(':caseNumber')
  @Roles('case-worker', 'auditor')
  @ApiOperation({ summary: 'One reintegration case.' })
  async get(@Param('caseNumber') caseNumber: string) {
    const found = await this.cases.findById(caseNumber).lean().exec();
    if (!found) throw new NotFoundException(`no reintegration case ${caseNumber}`);
    return found;
  }
}
