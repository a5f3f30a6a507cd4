import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OutboxRelay, Repository } from '@readmission/persistence';
import { EarlyCancellation } from './early-cancellation.schema';

/** Cancellations that overtook their notice (collection `early-cancellations`, _id the transfer id). */
@Injectable()
export class EarlyCancellations extends Repository<EarlyCancellation> {
  constructor(@InjectModel(EarlyCancellation.name) model: Model<EarlyCancellation>, relay: OutboxRelay) {
    super(model, relay);
  }
}
