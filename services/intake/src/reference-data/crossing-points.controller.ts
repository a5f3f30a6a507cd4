import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller, Roles } from '@readmission/auth';
import { Clock } from '@readmission/platform';
import { AZERBAIJAN, LoadReferenceData, ReferenceData } from '@readmission/reference-data';
import { versionList } from './version-summary';

/** Operators load versions of the border crossing points and their daily capacity here (transfer reads them). */
@ApiTags('reference data')
@Controller('crossing-points')
export class CrossingPointsController {
  constructor(
    private readonly referenceData: ReferenceData,
    private readonly load: LoadReferenceData,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('officer', 'auditor', 'admin')
  @ApiOperation({ summary: 'Versions of the crossing points, oldest first, with the one in effect now.' })
  list() {
    return versionList(this.referenceData, 'crossing-points', AZERBAIJAN, this.clock.now());
  }

  @Get(':version')
  @Roles('officer', 'auditor', 'admin')
  @ApiOperation({ summary: 'One version: every crossing point with its daily capacity (value, status, source) and date capacities.' })
  async get(@Param('version') version: string) {
    return (await this.referenceData.version('crossing-points', AZERBAIJAN, version)).data;
  }

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiBody({
    description: 'A crossing-points version (see libs/agreements/data/crossing-points for the format).',
    schema: { type: 'object' },
  })
  @ApiOperation({
    summary: 'Load a new version of the crossing points: validated whole, applies from its effectiveFrom (which must lie ahead).',
  })
  async loadCrossingPoints(@Body() body: Record<string, unknown>, @CurrentCaller() caller: Caller) {
    const loaded = await this.load.execute('crossing-points', body, caller.subject);
    return { version: loaded.version, effectiveFrom: loaded.data.effectiveFrom };
  }
}
