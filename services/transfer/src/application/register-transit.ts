import { Injectable, Logger } from '@nestjs/common';
import { DecodedMessage, TransitRequestedInternalV1 } from '@readmission/contracts';
import { Transits } from '../infrastructure/transits.repository';
import { transitId } from './transit-lookup';

/**
 * A transit request intake acknowledged (`readmission.internal.transit-requested.v1`): kept once, waiting for an
 * officer's decision within its reply time limit (docs/rules.md#transit). Idempotent: an insert once by its id.
 */
@Injectable()
export class RegisterTransit {
  private readonly logger = new Logger(RegisterTransit.name);

  constructor(private readonly transits: Transits) {}

  async execute({ payload: p }: DecodedMessage<TransitRequestedInternalV1>): Promise<void> {
    const _id = transitId(p.partnerCode, p.request.transitReference);
    const receivedAt = new Date(p.receivedAt);
    const inserted = await this.transits.insertOnce({
      _id,
      partnerCode: p.partnerCode,
      transitReference: p.request.transitReference,
      agreement: p.agreement,
      rulebookVersion: p.rulebookVersion,
      transitRules: p.transitRules,
      messageId: p.messageId,
      receivedAt,
      replyDueBy: new Date(p.replyDueBy),
      replyRule: p.replyRule,
      pointOfEntry: p.request.pointOfEntry,
      transferAt: new Date(p.request.transferAt),
      request: JSON.parse(JSON.stringify(p.request)),
      status: 'requested',
      replyOverdue: false,
      alerts: [],
      border: [],
      history: [{ at: receivedAt, event: 'transit-requested', by: p.partnerCode, details: { messageId: p.messageId } }],
    });
    this.logger.log(`transit ${_id}: ${inserted ? 'registered' : 'already registered'} under ${p.agreement}, reply due by ${p.replyDueBy}`);
  }
}
