import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller, Roles } from '@readmission/auth';
import { partnerInboundTopic, partnerOutboundTopic } from '@readmission/contracts';
import { Clock } from '@readmission/platform';
import { configuredPartners } from '../partners';
import { ReferenceDataService } from './reference-data.service';

/** Operators load rulebook versions and official calendars here; officers and auditors read them. */
@ApiTags('reference data')
@Controller()
export class ReferenceDataController {
  constructor(
    private readonly referenceData: ReferenceDataService,
    private readonly clock: Clock,
  ) {}

  @Get('rulebooks')
  @Roles('officer', 'auditor', 'admin')
  @ApiOperation({ summary: 'Rulebook versions, oldest first, with the one in effect now.' })
  async listRulebooks() {
    const current = await this.referenceData.rulebookAt(this.clock.now());
    return (await this.referenceData.rulebooks()).map((r) => ({
      version: r.version,
      effectiveFrom: r.data.effectiveFrom,
      description: r.data.description,
      inEffect: r.version === current.version,
    }));
  }

  @Get('partners')
  @Roles('officer', 'auditor', 'admin')
  @ApiOperation({ summary: 'Partner states under the rulebook in effect: agreement, contact, topics, and whether this intake consumes them.' })
  async listPartners() {
    const rulebook = await this.referenceData.rulebookAt(this.clock.now());
    const consumed = new Set(configuredPartners());
    return rulebook.partners().map((p) => ({
      ...p,
      topics: { inbound: partnerInboundTopic(p.code), outbound: partnerOutboundTopic(p.code) },
      consumed: consumed.has(p.code),
      rulebookVersion: rulebook.version,
    }));
  }

  @Get('rulebooks/:version')
  @Roles('officer', 'auditor', 'admin')
  @ApiOperation({ summary: 'One rulebook version, every value with its unit, status and source.' })
  async getRulebook(@Param('version') version: string) {
    const rulebook = await this.referenceData.rulebook(version);
    if (!rulebook) throw new NotFoundException(`no rulebook version ${version}`);
    return rulebook.data;
  }

  @Post('rulebooks')
  @HttpCode(201)
  @Roles('admin')
  @ApiBody({ description: 'A rulebook version (see libs/agreements/data/rulebooks for the format).', schema: { type: 'object' } })
  @ApiOperation({ summary: 'Load a new rulebook version: validated whole, applies from its effectiveFrom (which must lie ahead).' })
  async loadRulebook(@Body() body: Record<string, unknown>, @CurrentCaller() caller: Caller) {
    const rulebook = await this.referenceData.loadRulebook(body, caller.subject);
    return { version: rulebook.version, effectiveFrom: rulebook.data.effectiveFrom };
  }

  @Get('calendars')
  @Roles('officer', 'auditor', 'admin')
  @ApiOperation({ summary: 'The country calendars known (shipped and loaded), with their status.' })
  async listCalendars() {
    return (await this.referenceData.calendars()).list().map(({ country, year, status, source, nonWorkingDays, workingDays }) => ({
      country,
      year,
      status,
      source,
      nonWorkingDays: nonWorkingDays.length,
      workingDays: workingDays?.length ?? 0,
    }));
  }

  @Get('calendars/:country/:year')
  @Roles('officer', 'auditor', 'admin')
  @ApiOperation({ summary: "One country's calendar for a year." })
  async getCalendar(@Param('country') country: string, @Param('year') year: string) {
    const found = (await this.referenceData.calendars()).get(country.toUpperCase(), Number(year));
    if (!found) throw new NotFoundException(`no calendar of ${country.toUpperCase()} for ${year}`);
    return found;
  }

  @Post('calendars')
  @HttpCode(201)
  @Roles('admin')
  @ApiBody({ description: "One country's official calendar for a year (see libs/agreements/data/calendars).", schema: { type: 'object' } })
  @ApiOperation({ summary: "Load a year's official calendar (validated); it replaces the shipped or earlier one." })
  async loadCalendar(@Body() body: Record<string, unknown>, @CurrentCaller() caller: Caller) {
    const year = await this.referenceData.loadCalendar(body, caller.subject);
    return { country: year.country, year: year.year, status: year.status };
  }
}
