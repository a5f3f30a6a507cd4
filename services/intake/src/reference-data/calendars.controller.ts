import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller, Roles } from '@readmission/auth';
import { NotFoundError } from '@readmission/errors';
import { Clock } from '@readmission/platform';
import { LoadReferenceData, ReferenceData, versionInEffect } from '@readmission/reference-data';
import { versionSummary } from './version-summary';

/** Operators load a country's official calendar for a year here; officers and auditors read them. */
@ApiTags('reference data')
@Controller('calendars')
export class CalendarsController {
  constructor(
    private readonly referenceData: ReferenceData,
    private readonly load: LoadReferenceData,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('officer', 'auditor', 'admin')
  @ApiOperation({ summary: 'The country calendars in effect now (shipped and loaded), with their status.' })
  async list() {
    return (await this.referenceData.calendarBook(this.clock.now()))
      .list()
      .map(({ country, year, status, source, nonWorkingDays, workingDays }) => ({
        country,
        year,
        status,
        source,
        nonWorkingDays: nonWorkingDays.length,
        workingDays: workingDays?.length ?? 0,
      }));
  }

  @Get(':country/:year')
  @Roles('officer', 'auditor', 'admin')
  @ApiOperation({ summary: "One country's calendar for a year, as in effect now." })
  async get(@Param('country') country: string, @Param('year') year: string) {
    const found = (await this.referenceData.calendarBook(this.clock.now())).get(country.toUpperCase(), Number(year));
    if (!found) throw new NotFoundError(`no calendar of ${country.toUpperCase()} for ${year}`);
    return found;
  }

  @Get(':country/:year/versions')
  @Roles('officer', 'auditor', 'admin')
  @ApiOperation({ summary: "Every version of a country's calendar for a year, oldest first, with the one in effect now." })
  async versions(@Param('country') country: string, @Param('year') year: string) {
    const versions = await this.referenceData.versions('calendar', `${country.toUpperCase()}:${Number(year)}`);
    if (versions.length === 0) throw new NotFoundError(`no calendar of ${country.toUpperCase()} for ${year}`);
    const now = versionInEffect(versions, this.clock.now());
    return versions.map((v) => ({ ...versionSummary(v, now), status: v.data.status, source: v.data.source }));
  }

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiBody({ description: "One country's official calendar for a year (see libs/agreements/data/calendars).", schema: { type: 'object' } })
  @ApiOperation({ summary: "Load a year's calendar (validated): a new version of that year, in effect from now on." })
  async loadCalendar(@Body() body: Record<string, unknown>, @CurrentCaller() caller: Caller) {
    const loaded = await this.load.execute('calendar', body, caller.subject);
    return { country: loaded.data.country, year: loaded.data.year, status: loaded.data.status, version: loaded.version };
  }
}
