import { Body, Controller, Get, HttpCode, Param, Post, Type } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller, Roles } from '@readmission/auth';
import { Clock } from '@readmission/platform';
import { AZERBAIJAN, LoadReferenceData, ReferenceData } from '@readmission/reference-data';
import { versionList } from './version-summary';

/** Reference-data kinds kept as one document per version for Azerbaijan, loaded by operators the same way. */
type VersionedKind = 'crossing-points' | 'referral-bodies';

/**
 * The operators' endpoints of one such kind (list versions, read one, load a new one): one definition for every
 * kind, each mounted at the kind's own path with its own words in the OpenAPI.
 */
export function versionedDataController(kind: VersionedKind, words: { name: string; plural: string; oneVersion: string }): Type<unknown> {
  @ApiTags('reference data')
  @Controller(kind)
  class VersionedDataController {
    constructor(
      readonly referenceData: ReferenceData,
      readonly load: LoadReferenceData,
      readonly clock: Clock,
    ) {}

    @Get()
    @Roles('officer', 'auditor', 'admin')
    @ApiOperation({ summary: `Versions of the ${words.plural}, oldest first, with the one in effect now.` })
    list() {
      return versionList(this.referenceData, kind, AZERBAIJAN, this.clock.now());
    }

    @Get(':version')
    @Roles('officer', 'auditor', 'admin')
    @ApiOperation({ summary: `One version: ${words.oneVersion}.` })
    async get(@Param('version') version: string) {
      return (await this.referenceData.version(kind, AZERBAIJAN, version)).data;
    }

    @Post()
    @HttpCode(201)
    @Roles('admin')
    @ApiBody({ description: `A ${kind} version (see libs/agreements/data/${kind} for the format).`, schema: { type: 'object' } })
    @ApiOperation({
      summary: `Load a new version of the ${words.plural}: validated whole, applies from its effectiveFrom (which must lie ahead).`,
    })
    async loadVersion(@Body() body: Record<string, unknown>, @CurrentCaller() caller: Caller) {
      const loaded = await this.load.execute(kind, body, caller.subject);
      return { version: loaded.version, effectiveFrom: loaded.data.effectiveFrom };
    }
  }
  // Its own class name per kind: Nest's logs and the OpenAPI operation ids (`CrossingPointsController_list`) use it.
  Object.defineProperty(VersionedDataController, 'name', { value: `${words.name}Controller` });
  return VersionedDataController;
}

/** Border crossing points and their daily capacity (transfer reads them). */
export const CrossingPointsController = versionedDataController('crossing-points', {
  name: 'CrossingPoints',
  plural: 'crossing points',
  oneVersion: 'every crossing point with its daily capacity (value, status, source) and date capacities',
});

/** Referral bodies and their deadlines (reintegration reads them). */
export const ReferralBodiesController = versionedDataController('referral-bodies', {
  name: 'ReferralBodies',
  plural: 'referral bodies',
  oneVersion: 'every referral body with its deadline (value, unit, status, source)',
});
