import { Injectable, Logger } from '@nestjs/common';
import { Caller } from '@readmission/auth';
import { ConflictError, InvalidInputError } from '@readmission/errors';
import { AuditTrail, Clock } from '@readmission/platform';
import { PersonAtBorder, assertArrivalChecked, assertOpenForHandover } from '../domain/transfer';
import { HandoverRecord } from '../infrastructure/handover-record.schema';
import { HandoverRecords } from '../infrastructure/handover-records.repository';
import { Transfers } from '../infrastructure/transfers.repository';
import { CloseTransfer, ClosedTransfer } from './close-transfer';
import { transferMetrics } from './transfer-metrics';
import { assertMayActAt } from '../domain/border-access';

/** A border officer records who arrived (after the identity and document checks) and who did not, once per person. */
@Injectable()
export class RecordHandover {
  private readonly logger = new Logger(RecordHandover.name);

  constructor(
    private readonly transfers: Transfers,
    private readonly handovers: HandoverRecords,
    private readonly closeTransfer: CloseTransfer,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** One person: arrived or not arrived. Once per person (a second record is a conflict). */
  async person(
    partnerCode: string,
    transferReference: string,
    partnerReference: string,
    input: PersonAtBorder & { note?: string },
    caller: Caller,
  ): Promise<HandoverRecord> {
    const transfer = await this.transfers.get(partnerCode, transferReference);
    assertMayActAt(caller, transfer.borderCrossingPoint);
    assertOpenForHandover(transfer);
    const entry = transfer.manifest.find((m) => m.partnerReference === partnerReference && m.verdict === 'confirmed');
    if (!entry?.caseNumber) throw new InvalidInputError(`${partnerReference} is not confirmed on transfer ${transferReference}`);
    assertArrivalChecked(input);
    const record: HandoverRecord = {
      _id: `${transfer._id}#${partnerReference}`,
      transferId: transfer._id,
      partnerReference,
      caseNumber: entry.caseNumber,
      outcome: input.arrived ? 'arrived' : 'not-arrived',
      ...(input.arrived ? { identityChecked: true, documentChecked: true } : {}),
      ...(input.note ? { note: input.note } : {}),
      recordedBy: caller.subject,
      recordedAt: this.clock.now(),
    };
    if (!(await this.handovers.insertOnce({ ...record })))
      throw new ConflictError(`${partnerReference} is already recorded on transfer ${transferReference}`);
    await this.audit.record({
      actor: caller,
      action: 'handover-person-recorded',
      subject: transfer._id,
      details: { caseNumber: entry.caseNumber, partnerReference, outcome: record.outcome },
    });
    transferMetrics.handovers.inc({ outcome: record.outcome });
    this.logger.log(`transfer ${transfer._id}: ${entry.caseNumber} ${record.outcome}`);
    return record;
  }

  /** The one-call handover: records every confirmed person not yet recorded (the listed ones arrived, after the checks) and closes. */
  async all(
    partnerCode: string,
    transferReference: string,
    input: { arrived: string[]; identityChecked?: boolean; documentChecked?: boolean },
    caller: Caller,
  ): Promise<ClosedTransfer> {
    const transfer = await this.transfers.get(partnerCode, transferReference);
    assertMayActAt(caller, transfer.borderCrossingPoint);
    assertOpenForHandover(transfer);
    const confirmed = transfer.manifest.filter((m) => m.verdict === 'confirmed').map((m) => m.partnerReference);
    const unknown = input.arrived.filter((r) => !confirmed.includes(r));
    if (unknown.length > 0)
      throw new InvalidInputError(`not confirmed on this transfer: ${unknown.join(', ')}`, [
        { path: 'arrived', message: 'not confirmed on this transfer' },
      ]);
    const done = new Set((await this.handovers.ofTransfers([transfer._id])).map((r) => r.partnerReference));
    for (const reference of confirmed.filter((r) => !done.has(r))) {
      const person = {
        arrived: input.arrived.includes(reference),
        identityChecked: input.identityChecked,
        documentChecked: input.documentChecked,
      };
      await this.person(partnerCode, transferReference, reference, person, caller);
    }
    return this.closeTransfer.execute(partnerCode, transferReference, caller);
  }
}
