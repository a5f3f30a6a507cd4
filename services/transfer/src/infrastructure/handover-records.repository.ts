import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OutboxRelay, Repository, Stored } from '@readmission/persistence';
import { HandoverRecord } from './handover-record.schema';

/** What the border recorded, person by person (collection `handover-records`, _id `<transferId>#<partnerReference>`). */
@Injectable()
export class HandoverRecords extends Repository<HandoverRecord> {
  constructor(@InjectModel(HandoverRecord.name) model: Model<HandoverRecord>, relay: OutboxRelay) {
    super(model, relay);
  }

  ofTransfers(transferIds: string[]): Promise<Stored<HandoverRecord>[]> {
    return this.findEach('transferId', transferIds);
  }

  /** Retention: erases the free-text fields of a case's records (they may name the person); the rest stays for the record. */
  async erasePersonalData(caseNumber: string): Promise<void> {
    await this.updateMany({ caseNumber }, { $unset: { note: '' } });
  }
}
