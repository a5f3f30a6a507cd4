import { Injectable } from '@nestjs/common';
import { CalendarSource, formatInstant } from '@readmission/agreements';
import { Caller } from '@readmission/auth';
import { ConflictError } from '@readmission/errors';
import { AuditTrail, Clock } from '@readmission/platform';
import { TransitDecisionInput, decideTransit } from '../domain/transit';
import { Transits } from '../infrastructure/transits.repository';
import { PartnerReplies } from './partner-replies';
import { findTransit, transitState } from './transit-lookup';
import { transferMetrics } from './transfer-metrics';

/**
 * An officer of the migration service consents to a transit or refuses it on a ground the agreement allows, with
 * written grounds (docs/rules.md#transit); the partner gets `readmission.transit.decided.v1` from the same write.
 */
@Injectable()
export class DecideTransit {
  constructor(
    private readonly transits: Transits,
    private readonly replies: PartnerReplies,
    private readonly calendars: CalendarSource,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(partnerCode: string, transitReference: string, input: TransitDecisionInput, caller: Caller) {
    const t = await findTransit(this.transits, partnerCode, transitReference);
    const now = this.clock.now();
    const d = decideTransit(transitState(t), input, now, await this.calendars.calendars());
    const decided = await this.transits.update(
      { _id: t._id, status: 'requested' },
      {
        $set: {
          status: d.decision,
          decision: { ...d, by: caller.subject },
          ...(d.consentValidUntil ? { consentValidUntil: d.consentValidUntil } : {}),
        },
        $push: { history: { at: now, event: `transit-${d.decision}`, by: caller.subject, details: { basis: d.basis } } },
      },
      [this.replies.transitDecided(t, d)],
    );
    if (!decided) throw new ConflictError('the transit was decided meanwhile');
    await this.audit.record({
      actor: caller,
      action: `transit-${d.decision}`,
      subject: t._id,
      reason: d.grounds ?? d.basis,
      details: { basis: d.basis, ...(d.refusalGround ? { refusalGround: d.refusalGround } : {}) },
    });
    transferMetrics.transitDecisions.inc({ partner: partnerCode, decision: d.decision });
    return {
      transit: t._id,
      decision: d.decision,
      decidedAt: formatInstant(now),
      basis: d.basis,
      ...(d.consentValidUntil ? { consentValidUntil: formatInstant(d.consentValidUntil) } : {}),
      ...(d.refusalGround ? { refusalGround: d.refusalGround } : {}),
    };
  }
}
