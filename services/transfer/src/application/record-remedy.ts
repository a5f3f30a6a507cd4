import { Injectable, Logger } from '@nestjs/common';
import { DecodedMessage, RemedyChangedV1 } from '@readmission/contracts';
import { Stored } from '@readmission/persistence';
import { RemedyHold } from '../infrastructure/remedy-hold.schema';
import { RemedyHolds } from '../infrastructure/remedy-holds.repository';
import { ExtendTransferForObstacle } from './extend-transfer-for-obstacle';

/**
 * A remedy pending or lifted, or removal suspended or resumed, as the partner states it
 * (`readmission.internal.remedy-changed.v1`, interface 1.1; docs/rules.md#pending-remedies-and-protection-needs):
 * the state of `<case>:<kind>` follows the latest message by receipt, so a late redelivery of an older one changes
 * nothing. Idempotent: an insert once, then an update guarded by the receipt time. A lifting extends the transfer
 * time limit by the days the obstacle stood (ExtendTransferForObstacle).
 */
@Injectable()
export class RecordRemedy {
  private readonly logger = new Logger(RecordRemedy.name);

  constructor(
    private readonly holds: RemedyHolds,
    private readonly extend: ExtendTransferForObstacle,
  ) {}

  async execute({ payload: p }: DecodedMessage<RemedyChangedV1>): Promise<void> {
    const statedAt = new Date(p.receivedAt);
    const doc: Stored<RemedyHold> = {
      _id: `${p.caseNumber}:${p.kind}`,
      caseNumber: p.caseNumber,
      partnerCode: p.partnerCode,
      partnerReference: p.partnerReference,
      kind: p.kind,
      state: p.state,
      date: p.date,
      ...(p.authority ? { authority: p.authority } : {}),
      ...(p.note ? { note: p.note } : {}),
      statedAt,
      messageId: p.messageId,
    };
    if (!(await this.holds.insertOnce(doc))) {
      const { _id, ...fields } = doc;
      const before = await this.holds.findById(_id);
      // A lifting keeps the span the obstacle stood (from the pending statement it follows): the limit is extended by it.
      const stood = p.state === 'lifted' && before?.state === 'pending' ? { stood: { from: before.date, until: p.date } } : {};
      await this.holds.update(
        { _id, statedAt: { $lt: statedAt } },
        { $set: { ...fields, ...stood }, ...(p.authority ? {} : { $unset: { authority: 1 } }) },
      );
    }
    // Read back: a delivery resumed after a crash finds the lifting recorded and still counts it (once).
    const now = await this.holds.findById(doc._id);
    if (now?.state === 'lifted' && now.messageId === p.messageId && now.stood)
      await this.extend.execute(p.caseNumber, { kind: p.kind, ...now.stood, messageId: p.messageId });
    this.logger.log(`${p.caseNumber}: ${p.kind} ${p.state} (stated by ${p.partnerCode})`);
  }
}
