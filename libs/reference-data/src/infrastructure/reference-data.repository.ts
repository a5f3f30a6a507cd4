import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OutboxRelay, Repository } from '@readmission/persistence';
import { StoredReferenceVersion } from './reference-data.schema';

/** The service's `reference-data` collection: the only code that touches its model. */
@Injectable()
export class ReferenceDataRepository extends Repository<StoredReferenceVersion> {
  constructor(@InjectModel(StoredReferenceVersion.name) model: Model<StoredReferenceVersion>, relay: OutboxRelay) {
    super(model, relay);
  }
}
