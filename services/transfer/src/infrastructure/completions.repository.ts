import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OutboxRelay, Repository } from '@readmission/persistence';
import { Completion } from './completion.schema';

/** The closings of transfers, one per transfer (collection `completions`), with transfer.completed and person-arrived in their outbox. */
@Injectable()
export class Completions extends Repository<Completion> {
  constructor(@InjectModel(Completion.name) model: Model<Completion>, relay: OutboxRelay) {
    super(model, relay);
  }
}
