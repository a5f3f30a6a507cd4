import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OutgoingRecord } from '@readmission/messaging';
import { OutboxRelay, initialOutbox, isDuplicateKeyError } from '@readmission/persistence';
import { PartnerMessageLog } from './partner-message-log.schema';

export type LoggedPartnerMessage = Omit<PartnerMessageLog, 'outbox'>;

const NO_OUTBOX = { outbox: 0, outboxPublished: 0, outboxPending: 0 };

/** Partner messages that belong to no case (collection `partner-messages`): the only code that touches its model. */
@Injectable()
export class PartnerMessageLogRepository {
  constructor(
    @InjectModel(PartnerMessageLog.name) private readonly model: Model<PartnerMessageLog>,
    private readonly relay: OutboxRelay,
  ) {}

  findById(id: string): Promise<LoggedPartnerMessage | null> {
    return this.model.findById(id, NO_OUTBOX).lean<LoggedPartnerMessage>().exec();
  }

  /** Whether this partner notified the transfer (a notice of it was routed to transfer). */
  async transferNotified(partnerCode: string, transferReference: string): Promise<boolean> {
    return (await this.model.exists({ partnerCode, recordKey: transferReference, outcome: 'routed-to-transfer' })) !== null;
  }

  /** Writes one message's record with the events it publishes; false (nothing written) if its id exists. */
  async insertOnce(doc: LoggedPartnerMessage, events: OutgoingRecord[]): Promise<boolean> {
    try {
      await this.model.create({ ...doc, ...initialOutbox(events) });
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
    await this.relay.flush(this.model as never, doc._id);
    return true;
  }

  /** Publishes what a record's outbox still holds (a redelivery after a crash between write and publish). */
  publishPending(id: string): Promise<void> {
    return this.relay.flush(this.model as never, id);
  }
}
