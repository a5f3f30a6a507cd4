import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OutboxRelay, Repository, isDuplicateKeyError } from '@readmission/persistence';
import { ReadmissionTimeline } from './readmission-timeline.schema';

/** The readmission milestones projected for the statistics (collection `readmission-timeline`). */
@Injectable()
export class ReadmissionTimelines extends Repository<ReadmissionTimeline> {
  constructor(@InjectModel(ReadmissionTimeline.name) model: Model<ReadmissionTimeline>, relay: OutboxRelay) {
    super(model, relay);
  }

  /**
   * `$set` of facts that do not change: idempotent and order-free. Two first writers racing: the loser's upsert
   * fails on the key and is retried as an update.
   */
  async project(caseNumber: string, facts: Omit<Partial<ReadmissionTimeline>, '_id'>): Promise<void> {
    try {
      await this.model.updateOne({ _id: caseNumber }, { $set: facts }, { upsert: true }).exec();
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      await this.model.updateOne({ _id: caseNumber }, { $set: facts }).exec();
    }
  }
}
