import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@readmission/auth';
import { ComputeStatistics } from '../../application/compute-statistics';

@ApiTags('statistics')
@Controller('reintegration-statistics')
export class StatisticsController {
  constructor(private readonly statistics: ComputeStatistics) {}

  @Get()
  @Roles('auditor', 'admin')
  @ApiOperation({
    summary:
      'Readmissions by partner, agreement, outcome and year; durations (median, 90th percentile); referral deadline compliance per body; follow-up completion and scores; case outcomes.',
  })
  get() {
    return this.statistics.execute();
  }
}
