import { Injectable, Logger } from '@nestjs/common';
import { DecodedMessage, RemedyChangedV1 } from '@readmission/contracts';
import { Stored } from '@readmission/persistence';
import { RemedyHold } from '../infrastructure/remedy-hold.schema';
import { RemedyHolds } from '../infrastructure/remedy-holds.repository';

/**
 * A remedy pending or lifted, or removal suspended or resumed, as the partner states it
 * (`readmission.internal.remedy-changed.v1`, interface 1.1; docs/rules.md#pending-remedies-and-protection-needs):
 * the state of `<case>:<kind>` follows the latest message by receipt, so a late redelivery of an older one changes
 * nothing. Idempotent: an insert once, then an update guarded by the receipt time.
 */
@Injectable()
export class RecordRemedy {
  private readonly logger = new Logger(RecordRemedy.name);

  constructor(private readonly holds: RemedyHolds) {}

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
      await this.holds.update({ _id, statedAt: { $lt: statedAt } }, { $set: fields, ...(p.authority ? {} : { $unset: { authority: 1 } }) });
    }
    this.logger.log(`${p.caseNumber}: ${p.kind} ${p.state} (stated by ${p.partnerCode})`);
  }
}
