import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OutboxRelay, Repository } from '@readmission/persistence';
import { Cancellation } from './cancellation.schema';

/** The latest cancellation of each transfer (collection `transfer-cancellations`, _id the transfer id). */
@Injectable()
export class Cancellations extends Repository<Cancellation> {
  constructor(@InjectModel(Cancellation.name) model: Model<Cancellation>, relay: OutboxRelay) {
    super(model, relay);
  }

  /** Keeps the cancellation if it is the transfer's first or was received after the one kept; a repeat changes nothing. */
  async recordNewest(transferId: string, receivedAt: Date, messageId: string): Promise<void> {
    if (await this.insertOnce({ _id: transferId, receivedAt, messageId })) return;
    await this.update({ _id: transferId, receivedAt: { $lt: receivedAt } }, { $set: { receivedAt, messageId } });
  }
}
