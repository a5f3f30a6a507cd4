import { Injectable } from '@nestjs/common';
import { formatInstant } from '@readmission/agreements';
import { Caller } from '@readmission/auth';
import { EscortV1, RequestTransferNotifiedV1, TransportV1 } from '@readmission/contracts';
import { ConflictError, NotFoundError, RuleBrokenError } from '@readmission/errors';
import { AuditTrail, Clock, deterministicId } from '@readmission/platform';
import { AZERBAIJAN, ReferenceData } from '@readmission/reference-data';
import { checkTransferCrossingPoints, checkTransferNotice, transferReferenceOf } from '../domain/outgoing-request';
import { partnerReply } from '../domain/partner-reply';
import { OutgoingRequestRepository } from '../infrastructure/outgoing-request.repository';
import { intakeMetrics } from './intake-metrics';
import { outgoingTransferRecorded } from './outgoing-transfer-event';

export interface TransferNoticeInput {
  plannedDeparture: string;
  plannedArrival: string;
  /** The partner's crossing point where the person is handed over: a code of the partner's in the crossing-point reference data. */
  borderCrossingPoint: string;
  /** Azerbaijan's crossing point the person leaves from (its border officer records the handover). */
  departureCrossingPoint: string;
  transport: TransportV1;
  escorts?: EscortV1[];
}

/**
 * Azerbaijan's advance notice of the transfer of a person the partner accepted: judged by the request's agreement
 * (at least the advance notice in the partner's working days before the arrival, within the transfer time limit, on
 * a valid travel document of the partner; the partner's and Azerbaijan's crossing points from the crossing-point
 * reference data in effect), then written to the partner's outbound topic (`readmission.request.transfer-notified.v1`)
 * with the request's new state in one write. One notice at a time: after the partner refused one, a new one (its own
 * reference, `AZT-<request>-<n>`).
 */
@Injectable()
export class NotifyRequestTransfer {
  constructor(
    private readonly requests: OutgoingRequestRepository,
    private readonly referenceData: ReferenceData,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(requestNumber: string, input: TransferNoticeInput, caller: Caller): Promise<{ transferReference: string }> {
    const request = await this.requests.findById(requestNumber);
    if (!request) throw new NotFoundError(`no request ${requestNumber}`);
    if (request.transfer)
      throw new ConflictError(`the transfer of ${requestNumber} was notified already`, {
        transferReference: request.transfer.transferReference,
      });
    const now = this.clock.now();
    const points = await this.referenceData.current('crossing-points', AZERBAIJAN, now);
    const problems = [
      ...checkTransferNotice(request, input, request.partnerCode, now, await this.referenceData.calendarBook(now)),
      ...checkTransferCrossingPoints(points, request.partnerCode, input),
    ];
    if (problems.length > 0)
      throw new RuleBrokenError(`the transfer of ${requestNumber} cannot be notified: ${problems.length} problem(s)`, problems);

    const attempt = (request.refusedTransfers?.length ?? 0) + 1;
    const transferReference = transferReferenceOf(requestNumber, attempt);
    const payload: RequestTransferNotifiedV1 = {
      requestNumber,
      transferReference,
      plannedDeparture: input.plannedDeparture,
      plannedArrival: input.plannedArrival,
      borderCrossingPoint: input.borderCrossingPoint,
      transport: input.transport,
      ...(input.escorts ? { escorts: input.escorts } : {}),
      travelDocumentNumber:
        request.travelDocument?.documentNumber ?? request.application.evidence.find((e) => e.number)?.number ?? requestNumber,
    };
    const sent = partnerReply(
      request.partnerCode,
      'readmission.request.transfer-notified.v1',
      attempt === 1
        ? deterministicId('request-transfer', requestNumber)
        : deterministicId('request-transfer', requestNumber, String(attempt)),
      payload,
      { subject: requestNumber },
      now,
    );
    const transfer = {
      transferReference,
      plannedDeparture: new Date(input.plannedDeparture),
      plannedArrival: new Date(input.plannedArrival),
      borderCrossingPoint: input.borderCrossingPoint,
      departureCrossingPoint: input.departureCrossingPoint,
      notifiedAt: now,
      notifiedBy: caller.subject,
      crossingPointsVersion: points.version,
    };
    const updated = await this.requests.update(
      { _id: requestNumber, status: request.status, transfer: { $exists: false } },
      { $set: { status: 'transfer-notified', transfer }, $push: { history: sent.entry } },
      [sent.record, outgoingTransferRecorded(request, transfer, 'notified', now)],
    );
    if (!updated) throw new ConflictError(`${requestNumber} changed meanwhile; read it again`);
    await this.audit.record({
      actor: caller,
      action: 'request-transfer-notified',
      subject: requestNumber,
      reason: `transfer to ${request.partnerCode} at ${input.borderCrossingPoint}, arrival ${formatInstant(new Date(input.plannedArrival))}`,
      details: { transferReference, departureCrossingPoint: input.departureCrossingPoint },
    });
    intakeMetrics.requestTransfers.inc({ partner: request.partnerCode, event: 'notified' });
    return { transferReference };
  }
}
