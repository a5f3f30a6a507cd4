import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OutboxRelay, Repository, Stored } from '@readmission/persistence';
import { RemedyHold } from './remedy-hold.schema';

/** Pending remedies and suspensions of removal per case (collection `remedy-holds`). */
@Injectable()
export class RemedyHolds extends Repository<RemedyHold> {
  constructor(@InjectModel(RemedyHold.name) model: Model<RemedyHold>, relay: OutboxRelay) {
    super(model, relay);
  }

  /** The remedies still standing for these cases. */
  standing(caseNumbers: string[]): Promise<Stored<RemedyHold>[]> {
    return this.find({ caseNumber: { $in: caseNumbers }, state: 'pending' }, { sort: { date: 1 } });
  }
}
