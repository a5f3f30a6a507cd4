import { Injectable } from '@nestjs/common';
import { formatInstant } from '@readmission/agreements';
import { Caller } from '@readmission/auth';
import { ConflictError } from '@readmission/errors';
import { AuditTrail, Clock } from '@readmission/platform';
import { assertMayActAt } from '../domain/border-access';
import { TransitBorderEvent, assertBorderEvent } from '../domain/transit';
import { Transits } from '../infrastructure/transits.repository';
import { PartnerReplies } from './partner-replies';
import { findTransit, transitState } from './transit-lookup';
import { transferMetrics } from './transfer-metrics';

/**
 * The border officer records a transit at the crossing point, only at the crossing points of their token: `entered`
 * (at the point of entry, within the consent's window: outside it, or after a revocation, the transit is refused),
 * `left`, or `not-arrived` (docs/rules.md#transit). The partner is told in the same write
 * (`readmission.transit.border-recorded.v1`, interface 1.1).
 */
@Injectable()
export class RecordTransitAtBorder {
  constructor(
    private readonly transits: Transits,
    private readonly replies: PartnerReplies,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(
    partnerCode: string,
    transitReference: string,
    input: { event: TransitBorderEvent; crossingPoint: string; note?: string },
    caller: Caller,
  ) {
    assertMayActAt(caller, input.crossingPoint);
    const t = await findTransit(this.transits, partnerCode, transitReference);
    const at = this.clock.now();
    assertBorderEvent(transitState(t), input.event, input.crossingPoint, at);
    const record = {
      event: input.event,
      crossingPoint: input.crossingPoint,
      at,
      by: caller.subject,
      ...(input.note ? { note: input.note } : {}),
    };
    const recorded = await this.transits.update(
      { _id: t._id, status: t.status },
      {
        $set: { status: input.event },
        $push: {
          border: record,
          history: { at, event: `transit-${input.event}`, by: caller.subject, details: { crossingPoint: input.crossingPoint } },
        },
      },
      [this.replies.transitBorderRecorded(t, record)],
    );
    if (!recorded) throw new ConflictError('the transit changed meanwhile: read it again');
    await this.audit.record({
      actor: caller,
      action: `transit-${input.event}`,
      subject: t._id,
      reason: `recorded at ${input.crossingPoint}`,
      details: { crossingPoint: input.crossingPoint },
    });
    transferMetrics.transitBorder.inc({ partner: partnerCode, event: input.event });
    return { transit: t._id, status: input.event, at: formatInstant(at), crossingPoint: input.crossingPoint };
  }
}
