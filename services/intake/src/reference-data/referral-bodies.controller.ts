import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller, Roles } from '@readmission/auth';
import { Clock } from '@readmission/platform';
import { AZERBAIJAN, LoadReferenceData, ReferenceData } from '@readmission/reference-data';
import { versionList } from './version-summary';

/** Operators load versions of the referral bodies and their deadlines here (reintegration reads them). */
@ApiTags('reference data')
@Controller('referral-bodies')
export class ReferralBodiesController {
  constructor(
    private readonly referenceData: ReferenceData,
    private readonly load: LoadReferenceData,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('officer', 'auditor', 'admin')
  @ApiOperation({ summary: 'Versions of the referral bodies, oldest first, with the one in effect now.' })
  list() {
    return versionList(this.referenceData, 'referral-bodies', AZERBAIJAN, this.clock.now());
  }

  @Get(':version')
  @Roles('officer', 'auditor', 'admin')
  @ApiOperation({ summary: 'One version: every referral body with its deadline (value, unit, status, source).' })
  async get(@Param('version') version: string) {
    return (await this.referenceData.version('referral-bodies', AZERBAIJAN, version)).data;
  }

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiBody({
    description: 'A referral-bodies version (see libs/agreements/data/referral-bodies for the format).',
    schema: { type: 'object' },
  })
  @ApiOperation({
    summary: 'Load a new version of the referral bodies: validated whole, applies from its effectiveFrom (which must lie ahead).',
  })
  async loadReferralBodies(@Body() body: Record<string, unknown>, @CurrentCaller() caller: Caller) {
    const loaded = await this.load.execute('referral-bodies', body, caller.subject);
    return { version: loaded.version, effectiveFrom: loaded.data.effectiveFrom };
  }
}
