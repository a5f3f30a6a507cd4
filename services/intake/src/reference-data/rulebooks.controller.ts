import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller, Roles } from '@readmission/auth';
import { partnerInboundTopic, partnerOutboundTopic } from '@readmission/contracts';
import { Clock } from '@readmission/platform';
import { AZERBAIJAN, LoadReferenceData, ReferenceData } from '@readmission/reference-data';
import { IntakeSettings, consumedPartners } from '../settings';
import { versionList } from './version-summary';

/** Operators load rulebook versions here; officers and auditors read them, and the partner states they name. */
@ApiTags('reference data')
@Controller()
export class RulebooksController {
  constructor(
    private readonly referenceData: ReferenceData,
    private readonly load: LoadReferenceData,
    private readonly clock: Clock,
    private readonly settings: IntakeSettings,
  ) {}

  @Get('rulebooks')
  @Roles('officer', 'auditor', 'admin')
  @ApiOperation({ summary: 'Rulebook versions, oldest first, with the one in effect now.' })
  async list() {
    return versionList(this.referenceData, 'rulebook', AZERBAIJAN, this.clock.now());
  }

  @Get('rulebooks/:version')
  @Roles('officer', 'auditor', 'admin')
  @ApiOperation({ summary: 'One rulebook version, every value with its unit, status and source.' })
  async get(@Param('version') version: string) {
    return (await this.referenceData.version('rulebook', AZERBAIJAN, version)).data;
  }

  @Post('rulebooks')
  @HttpCode(201)
  @Roles('admin')
  @ApiBody({ description: 'A rulebook version (see libs/agreements/data/rulebooks for the format).', schema: { type: 'object' } })
  @ApiOperation({ summary: 'Load a new rulebook version: validated whole, applies from its effectiveFrom (which must lie ahead).' })
  async loadRulebook(@Body() body: Record<string, unknown>, @CurrentCaller() caller: Caller) {
    const loaded = await this.load.execute('rulebook', body, caller.subject);
    return { version: loaded.version, effectiveFrom: loaded.data.effectiveFrom };
  }

  @Get('partners')
  @Roles('officer', 'auditor', 'admin')
  @ApiOperation({
    summary: 'Partner states under the rulebook in effect: agreement, contact, topics, and whether this intake consumes them.',
  })
  async partners() {
    const rulebook = await this.referenceData.rulebookAt(this.clock.now());
    const consumed = new Set(consumedPartners(this.settings));
    return rulebook.partners().map((p) => ({
      ...p,
      topics: { inbound: partnerInboundTopic(p.code), outbound: partnerOutboundTopic(p.code) },
      consumed: consumed.has(p.code),
      rulebookVersion: rulebook.version,
    }));
  }
}
