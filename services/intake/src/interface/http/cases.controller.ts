import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@readmission/auth';
import { PersonalRead } from '@readmission/platform';
import { ReadCase } from '../../application/read-case';
import { SearchCases } from '../../application/search-cases';
import { CaseSearchQuery } from './case-search.query';

/** Officers and auditors find registered applications and read one with its partner message history. */
@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(
    private readonly searchCases: SearchCases,
    private readonly readCase: ReadCase,
  ) {}

  @Get()
  @Roles('officer', 'auditor')
  @ApiOperation({ summary: 'Search registered applications (paginated).' })
  search(@Query() query: CaseSearchQuery) {
    return this.searchCases.execute(query);
  }

  @Get(':caseNumber')
  @Roles('officer', 'auditor')
  @PersonalRead({ record: 'application', work: { officer: 'verification' }, subject: (req) => String(req.params.caseNumber) })
  @ApiOperation({ summary: 'One case with its partner message history.' })
  get(@Param('caseNumber') caseNumber: string) {
    return this.readCase.execute(caseNumber);
  }
}
