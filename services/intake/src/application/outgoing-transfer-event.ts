import { formatInstant } from '@readmission/agreements';
import { OutgoingTransferEvent, encodeInternalEvent } from '@readmission/contracts';
import { OutgoingRecord } from '@readmission/messaging';
import { deterministicId } from '@readmission/platform';
import { INTAKE_SOURCE } from '../domain/event-sources';

/**
 * Tells transfer what happened to one of Azerbaijan's outgoing transfers (`readmission.internal.outgoing-transfer-recorded.v1`),
 * queued in the same write as the request's change: transfer keeps the transfers for the cost ledger (reference kind
 * `outgoing-transfer`). One record per transfer and event (a repeat is the same message).
 */
export function outgoingTransferRecorded(
  request: { _id: string; partnerCode: string; agreement: string },
  transfer: { transferReference: string; borderCrossingPoint: string; plannedArrival: Date | string },
  event: OutgoingTransferEvent,
  at: Date,
  causationId?: string,
): OutgoingRecord {
  return encodeInternalEvent(
    'readmission.internal.outgoing-transfer-recorded.v1',
    {
      partnerCode: request.partnerCode,
      requestNumber: request._id,
      agreement: request.agreement,
      transferReference: transfer.transferReference,
      event,
      at: formatInstant(at),
      borderCrossingPoint: transfer.borderCrossingPoint,
      plannedArrival: formatInstant(new Date(transfer.plannedArrival)),
    },
    {
      id: deterministicId('outgoing-transfer', transfer.transferReference, event),
      source: INTAKE_SOURCE,
      time: at.toISOString(),
      subject: request._id,
      ...(causationId ? { causationId } : {}),
    },
  );
}
