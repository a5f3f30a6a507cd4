import { Injectable } from '@nestjs/common';
import { TransitRefusalGround, formatInstant } from '@readmission/agreements';
import { Caller } from '@readmission/auth';
import { ConflictError } from '@readmission/errors';
import { AuditTrail, Clock } from '@readmission/platform';
import { assertRevocable, groundsBasis } from '../domain/transit';
import { Transits } from '../infrastructure/transits.repository';
import { PartnerReplies } from './partner-replies';
import { findTransit, transitState } from './transit-lookup';
import { transferMetrics } from './transfer-metrics';

/**
 * An officer revokes a consent when facts come to light that stand in the way of the transit (a ground the agreement
 * allows for a refusal), with written grounds; the partner gets `readmission.transit.consent-revoked.v1`.
 */
@Injectable()
export class RevokeTransitConsent {
  constructor(
    private readonly transits: Transits,
    private readonly replies: PartnerReplies,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(partnerCode: string, transitReference: string, input: { ground: TransitRefusalGround; grounds: string }, caller: Caller) {
    const t = await findTransit(this.transits, partnerCode, transitReference);
    assertRevocable(transitState(t), input.ground);
    const at = this.clock.now();
    const revocation = { ground: input.ground, grounds: input.grounds, basis: groundsBasis(t, input.ground), at, by: caller.subject };
    const revoked = await this.transits.update(
      { _id: t._id, status: 'consented' },
      {
        $set: { status: 'revoked', revocation, revokedAt: at },
        $push: { history: { at, event: 'transit-consent-revoked', by: caller.subject, details: { ground: input.ground } } },
      },
      [this.replies.transitConsentRevoked(t, revocation)],
    );
    if (!revoked) throw new ConflictError('the transit changed meanwhile: read it again');
    await this.audit.record({
      actor: caller,
      action: 'transit-consent-revoked',
      subject: t._id,
      reason: input.grounds,
      details: { ground: input.ground, basis: revocation.basis },
    });
    transferMetrics.transitDecisions.inc({ partner: partnerCode, decision: 'revoked' });
    return { transit: t._id, status: 'revoked', revokedAt: formatInstant(at), basis: revocation.basis };
  }
}
