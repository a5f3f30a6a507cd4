import { BadRequestException, ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { CaseDecidedV1, DecodedMessage, TransferNotifiedInternalV1, encodeInternalEvent } from '@readmission/contracts';
import { OutboxRelay, isDuplicateKeyError, withOutboxRecords } from '@readmission/persistence';
import { Clock, deterministicId } from '@readmission/platform';
import { AcceptedCase, Transfer } from './transfer.schema';

const SOURCE = 'urn:readmission:transfer';

@Injectable()
export class TransferService {
  private readonly logger = new Logger(TransferService.name);

  constructor(
    @InjectModel(AcceptedCase.name) private readonly accepted: Model<AcceptedCase>,
    @InjectModel(Transfer.name) private readonly transfers: Model<Transfer>,
    private readonly relay: OutboxRelay,
    private readonly clock: Clock,
  ) {}

  async onCaseDecided({ payload }: DecodedMessage<CaseDecidedV1>): Promise<void> {
    if (payload.decision !== 'accepted') return;
    try {
      await this.accepted.create({
        _id: payload.caseNumber,
        partnerCode: payload.partnerCode,
        partnerReference: payload.partnerReference,
        acceptedAt: new Date(payload.decidedAt),
        decision: JSON.parse(JSON.stringify(payload)),
      });
      this.logger.log(`${payload.caseNumber}: accepted, awaiting transfer`);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  async onTransferNotified({ payload }: DecodedMessage<TransferNotifiedInternalV1>): Promise<void> {
    const { notice, partnerCode } = payload;
    const id = `${partnerCode}:${notice.transferReference}`;
    await this.transfers
      .updateOne(
        { _id: id, noticeIds: { $ne: payload.noticeId } },
        {
          $setOnInsert: { partnerCode, transferReference: notice.transferReference, status: 'notified' },
          $set: { plannedArrival: new Date(notice.plannedArrival), borderCrossingPoint: notice.borderCrossingPoint, partnerReferences: notice.partnerReferences },
          $push: { noticeIds: payload.noticeId },
        },
        { upsert: true },
      )
      .exec()
      .catch((error: unknown) => {
        if (!isDuplicateKeyError(error)) throw error; // already applied: the $ne guard made the upsert collide
      });
    this.logger.log(`transfer ${id} notified for ${notice.partnerReferences.length} person(s)`);
  }

  /** A border officer records who was handed over; closes the transfer and tells the partner and reintegration. */
  async recordHandover(partnerCode: string, transferReference: string, arrived: string[], recordedBy: string): Promise<Transfer> {
    const id = `${partnerCode}:${transferReference}`;
    const transfer = await this.transfers.findById(id).lean().exec();
    if (!transfer) throw new NotFoundException(`no transfer ${transferReference} from ${partnerCode}`);
    if (transfer.status === 'completed') throw new ConflictException(`transfer ${transferReference} is already completed`);
    const unknown = arrived.filter((r) => !transfer.partnerReferences.includes(r));
    if (unknown.length > 0) throw new BadRequestException(`not in this transfer: ${unknown.join(', ')}`);

    const now = this.clock.now();
    const notArrived = transfer.partnerReferences.filter((r) => !arrived.includes(r));
    const cases = await this.accepted.find({ partnerCode, partnerReference: { $in: arrived } }).lean().exec();
    const meta = (kind: string, key: string) => ({ id: deterministicId(kind, id, key), source: SOURCE, time: now.toISOString() });
    const records = [
      encodeInternalEvent(
        'readmission.internal.partner-reply-requested.v1',
        {
          replyId: deterministicId('transfer-completed', id),
          partnerCode,
          messageType: 'readmission.transfer.completed.v1',
          recordKey: transferReference,
          payload: { transferReference, handedOver: arrived, notArrived },
        },
        meta('completed-reply', ''),
      ),
      ...cases.map((c) =>
        encodeInternalEvent(
          'readmission.internal.person-arrived.v1',
          {
            caseNumber: c._id,
            partnerCode,
            partnerReference: c.partnerReference,
            transferReference,
            category: c.decision.category,
            arrivedAt: now.toISOString(),
            borderCrossingPoint: transfer.borderCrossingPoint,
            person: c.decision.person,
            family: c.decision.family,
            // Assistance details travel only with the person's consent.
            assistance: c.decision.assistance?.consentGiven ? c.decision.assistance : undefined,
            unaccompaniedMinor: c.decision.unaccompaniedMinor,
          },
          { ...meta('arrived', c._id), subject: c._id },
        ),
      ),
    ];
    const result = await this.transfers
      .updateOne(
        { _id: id, status: 'notified' },
        withOutboxRecords({ $set: { status: 'completed', handover: { handedOver: arrived, notArrived, recordedBy, recordedAt: now } } }, [...records]),
      )
      .exec();
    if (result.modifiedCount === 0) throw new ConflictException(`transfer ${transferReference} is already completed`);
    await this.relay.flush(this.transfers as never, id).catch((e: Error) => this.logger.warn(`publish deferred to the relay: ${e.message}`));
    this.logger.log(`transfer ${id} completed: ${arrived.length} handed over, ${notArrived.length} not arrived`);
    return (await this.transfers.findById(id, { outbox: 0 }).lean().exec()) as Transfer;
  }
}
