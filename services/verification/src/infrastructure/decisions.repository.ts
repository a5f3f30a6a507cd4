import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OutboxRelay, Repository } from '@readmission/persistence';
import { DecisionRecord } from './decision-record.schema';

/** The decisions, one per case, inserted once (collection `decisions`). */
@Injectable()
export class Decisions extends Repository<DecisionRecord> {
  constructor(@InjectModel(DecisionRecord.name) model: Model<DecisionRecord>, relay: OutboxRelay) {
    super(model, relay);
  }

  /** Retention: the grounds of a decision (free text that may name the person) go; the decision and its basis stay. */
  async eraseGrounds(caseNumber: string): Promise<void> {
    await this.updateMany({ _id: caseNumber }, { $unset: { grounds: '' } });
  }
}
