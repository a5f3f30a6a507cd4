import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller, Roles } from '@readmission/auth';
import { AuditTrail } from '@readmission/platform';
import { DecideTransit } from '../../application/decide-transit';
import { RecordTransitAtBorder } from '../../application/record-transit-at-border';
import { RevokeTransitConsent } from '../../application/revoke-transit-consent';
import { findTransit } from '../../application/transit-lookup';
import { assertMayRead, readableCrossingPoints } from '../../domain/border-access';
import { TransitDecisionInput } from '../../domain/transit';
import { Transits } from '../../infrastructure/transits.repository';
import { TransitBorderRequest, TransitDecisionRequest, TransitQuery, TransitRevocationRequest } from './transit-requests';

/** Transit under escort through Azerbaijan (interface 1.1, docs/rules.md#transit). */
@ApiTags('transits')
@Controller('transits')
export class TransitsController {
  constructor(
    private readonly transits: Transits,
    private readonly decideTransit: DecideTransit,
    private readonly revokeConsent: RevokeTransitConsent,
    private readonly recordAtBorder: RecordTransitAtBorder,
    private readonly audit: AuditTrail,
  ) {}

  @Get()
  @Roles('officer', 'border-officer', 'auditor')
  @ApiOperation({
    summary: "Transit requests by status, the reply falling due first (a border officer: those entering at the token's crossing points).",
  })
  list(@Query() q: TransitQuery, @CurrentCaller() caller: Caller) {
    return this.transits.list({ status: q.status, pointsOfEntry: readableCrossingPoints(caller) }, q.limit);
  }

  @Get(':partnerCode/:transitReference')
  @Roles('officer', 'border-officer', 'auditor')
  @ApiOperation({
    summary: 'One transit request: the request, reply time limit, decision, revocation, border records, history and audit trail.',
  })
  async get(
    @Param('partnerCode') partnerCode: string,
    @Param('transitReference') transitReference: string,
    @CurrentCaller() caller: Caller,
  ) {
    const found = await findTransit(this.transits, partnerCode.toUpperCase(), transitReference);
    assertMayRead(caller, found.pointOfEntry);
    return { ...found, audit: await this.audit.list({ subject: found._id }) };
  }

  @Post(':partnerCode/:transitReference/decision')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({
    summary:
      'Consent to the transit (valid for the agreement’s window) or refuse it on a ground the agreement allows, with written grounds; the partner gets readmission.transit.decided.v1.',
  })
  decide(
    @Param('partnerCode') partnerCode: string,
    @Param('transitReference') transitReference: string,
    @Body() body: TransitDecisionRequest,
    @CurrentCaller() caller: Caller,
  ) {
    return this.decideTransit.execute(partnerCode.toUpperCase(), transitReference, body as TransitDecisionInput, caller);
  }

  @Post(':partnerCode/:transitReference/revocation')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({
    summary:
      'Revoke a consent not yet used when facts standing in the way of the transit come to light; the partner gets readmission.transit.consent-revoked.v1.',
  })
  revoke(
    @Param('partnerCode') partnerCode: string,
    @Param('transitReference') transitReference: string,
    @Body() body: TransitRevocationRequest,
    @CurrentCaller() caller: Caller,
  ) {
    return this.revokeConsent.execute(partnerCode.toUpperCase(), transitReference, body, caller);
  }

  @Post(':partnerCode/:transitReference/border')
  @HttpCode(200)
  @Roles('border-officer')
  @ApiOperation({
    summary:
      "Record the transit at a crossing point of the token: entered (within the consent's window, else refused 422), left, or not arrived.",
  })
  border(
    @Param('partnerCode') partnerCode: string,
    @Param('transitReference') transitReference: string,
    @Body() body: TransitBorderRequest,
    @CurrentCaller() caller: Caller,
  ) {
    return this.recordAtBorder.execute(partnerCode.toUpperCase(), transitReference, body, caller);
  }
}
