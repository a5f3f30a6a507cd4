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

  /** Every case with a remedy standing: its transfer time limit does not run out while it stands. */
  async casesHeld(): Promise<string[]> {
    return [...new Set((await this.find({ state: 'pending' }, { projection: { caseNumber: 1 } })).map((h) => h.caseNumber))];
  }

  /** The remedies still standing for these cases. */
  standing(caseNumbers: string[]): Promise<Stored<RemedyHold>[]> {
    return this.find({ caseNumber: { $in: caseNumbers }, state: 'pending' }, { sort: { date: 1 } });
  }

  /** Retention: erases the free-text fields of a case's records (they may name the person); the rest stays for the record. */
  async erasePersonalData(caseNumber: string): Promise<void> {
    await this.updateMany({ caseNumber }, { $unset: { note: '', authority: '' } });
  }
}
