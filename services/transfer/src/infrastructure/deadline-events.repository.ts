import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OutboxRelay, Repository } from '@readmission/persistence';
import { DeadlineEvent } from './deadline-event.schema';

/** Time-limit events raised once each (collection `deadline-events`). */
@Injectable()
export class DeadlineEvents extends Repository<DeadlineEvent> {
  constructor(@InjectModel(DeadlineEvent.name) model: Model<DeadlineEvent>, relay: OutboxRelay) {
    super(model, relay);
  }
}
