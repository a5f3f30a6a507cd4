import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Model } from 'mongoose';
import { Roles } from '@readmission/auth';
import { VerificationCase } from './verification-case.schema';

@ApiTags('verification')
@Controller('verification-cases')
export class VerificationCasesController {
  constructor(@InjectModel(VerificationCase.name) private readonly cases: Model<VerificationCase>) {}

  @Get()
  @Roles('officer', 'auditor')
  @ApiOperation({ summary: 'Cases awaiting review, the reply falling due first on top.' })
  async queue() {
    return this.cases.find({ status: 'awaiting-review' }, { application: 0, outbox: 0 }).sort({ replyDueBy: 1 }).limit(200).lean().exec();
  }

  @Get(':caseNumber')
  @Roles('officer', 'auditor')
  @ApiOperation({ summary: 'One case with its evidence and decision.' })
  async get(@Param('caseNumber') caseNumber: string) {
    const found = await this.cases.findById(caseNumber, { outbox: 0 }).lean().exec();
    if (!found) throw new NotFoundException(`no case ${caseNumber}`);
    return found;
  }
}
