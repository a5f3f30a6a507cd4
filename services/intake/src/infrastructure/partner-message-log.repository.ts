import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OutboxRelay, Repository, Stored } from '@readmission/persistence';
import { withoutPayloads } from '../domain/message-history';
import { PartnerMessageLog } from './partner-message-log.schema';

export type LoggedPartnerMessage = Stored<PartnerMessageLog>;

/** Partner messages that belong to no case (collection `partner-messages`). */
@Injectable()
export class PartnerMessageLogRepository extends Repository<PartnerMessageLog> {
  constructor(@InjectModel(PartnerMessageLog.name) model: Model<PartnerMessageLog>, relay: OutboxRelay) {
    super(model, relay);
  }

  /** Whether this partner notified the transfer (a notice of it was routed to transfer). */
  transferNotified(partnerCode: string, transferReference: string): Promise<boolean> {
    return this.exists({ partnerCode, recordKey: transferReference, outcome: 'routed-to-transfer' });
  }

  /** Retention: erases the messages' content; partner, reference, outcome and which message came and went when stay. Once. */
  async erasePersonalData(id: string, at: Date): Promise<void> {
    const found = await this.findById(id, { history: 1 });
    if (!found) return;
    await this.update({ _id: id, purgedAt: { $exists: false } }, { $set: { history: withoutPayloads(found.history), purgedAt: at } });
  }
}
