import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OutboxRelay, Repository } from '@readmission/persistence';
import { VerificationCase } from './verification-case.schema';

/** The cases under verification (collection `verification-cases`). */
@Injectable()
export class VerificationCases extends Repository<VerificationCase> {
  constructor(@InjectModel(VerificationCase.name) model: Model<VerificationCase>, relay: OutboxRelay) {
    super(model, relay);
  }
}
