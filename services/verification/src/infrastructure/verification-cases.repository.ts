import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OutboxRelay } from '@readmission/persistence';
import { StoreRepository } from './store-repository';
import { VerificationCase } from './verification-case.schema';

/** The cases under verification (collection `verification-cases`). */
@Injectable()
export class VerificationCases extends StoreRepository<VerificationCase> {
  constructor(@InjectModel(VerificationCase.name) model: Model<VerificationCase>, relay: OutboxRelay) {
    super(model, relay);
  }
}
