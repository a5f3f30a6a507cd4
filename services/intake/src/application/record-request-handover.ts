import { Injectable } from '@nestjs/common';
import { Caller } from '@readmission/auth';
import { RequestHandedOverV1 } from '@readmission/contracts';
import { ConflictError, ForbiddenError, NotFoundError } from '@readmission/errors';
import { AuditTrail, Clock, deterministicId } from '@readmission/platform';
import { formatInstant } from '@readmission/agreements';
import { TRANSFER_PENDING_STATUSES } from '../domain/outgoing-request';
import { partnerReply } from '../domain/partner-reply';
import { intakeMetrics } from './intake-metrics';
import { outgoingTransferRecorded } from './outgoing-transfer-event';
import { OutgoingRequestRepository } from '../infrastructure/outgoing-request.repository';

/**
 * The border officer at Azerbaijan's departure crossing point records that the person was handed over (only at a
 * crossing point of the officer's token); the partner is told (`readmission.request.handed-over.v1`) in the same write.
 */
@Injectable()
export class RecordRequestHandover {
  constructor(
    private readonly requests: OutgoingRequestRepository,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(requestNumber: string, caller: Caller): Promise<{ handedOverAt: Date }> {
    const request = await this.requests.findById(requestNumber);
    if (!request) throw new NotFoundError(`no request ${requestNumber}`);
    if (request.status === 'handed-over' && request.handover) return { handedOverAt: request.handover.at };
    if (!TRANSFER_PENDING_STATUSES.includes(request.status) || !request.transfer)
      throw new ConflictError(`the transfer of ${requestNumber} was not notified (status: ${request.status})`);
    const point = request.transfer.departureCrossingPoint;
    if (!(caller.crossingPoints ?? []).includes(point))
      throw new ForbiddenError(`crossing point ${point} is not one of yours`, { yours: caller.crossingPoints ?? [] });
    const now = this.clock.now();
    const payload: RequestHandedOverV1 = {
      requestNumber,
      transferReference: request.transfer.transferReference,
      handedOverAt: formatInstant(now),
      borderCrossingPoint: point,
    };
    const sent = partnerReply(
      request.partnerCode,
      'readmission.request.handed-over.v1',
      deterministicId('request-handover', requestNumber),
      payload,
      { subject: requestNumber },
      now,
    );
    const updated = await this.requests.update(
      { _id: requestNumber, status: { $in: TRANSFER_PENDING_STATUSES }, 'transfer.transferReference': request.transfer.transferReference },
      { $set: { status: 'handed-over', handover: { at: now, crossingPoint: point, by: caller.subject } }, $push: { history: sent.entry } },
      [sent.record, outgoingTransferRecorded(request, request.transfer, 'handed-over', now)],
    );
    if (!updated) throw new ConflictError(`${requestNumber} changed meanwhile; read it again`);
    await this.audit.record({
      actor: caller,
      action: 'request-handed-over',
      subject: requestNumber,
      reason: `handed over to ${request.partnerCode} at ${point}`,
    });
    intakeMetrics.requestTransfers.inc({ partner: request.partnerCode, event: 'handed-over' });
    return { handedOverAt: now };
  }
}
