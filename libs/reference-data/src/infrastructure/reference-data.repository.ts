import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OutboxRelay, Repository } from '@readmission/persistence';
import { StoredReferenceVersion } from './reference-data.schema';

/** A document of intake's collection from before versions (see AdoptLegacyReferenceData). */
export interface LegacyReferenceData {
  _id: string;
  kind: string;
  data: Record<string, unknown>;
  loadedAt?: Date;
  loadedBy?: string;
  previous?: { data: Record<string, unknown>; loadedAt?: Date; loadedBy?: string }[];
}

/** The service's `reference-data` collection: the only code that touches its model. */
@Injectable()
export class ReferenceDataRepository extends Repository<StoredReferenceVersion> {
  constructor(@InjectModel(StoredReferenceVersion.name) model: Model<StoredReferenceVersion>, relay: OutboxRelay) {
    super(model, relay);
  }

  /** Documents written before versions existed: they have no `version`. */
  legacy(): Promise<LegacyReferenceData[]> {
    return this.model
      .find({ version: { $exists: false } })
      .lean<LegacyReferenceData[]>()
      .exec();
  }

  /** Removes a legacy document once its versions are written (versions themselves are never removed). */
  async removeLegacy(id: string): Promise<void> {
    await this.model.deleteOne({ _id: id, version: { $exists: false } }).exec();
  }
}
