import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OutboxRelay, Repository } from '@readmission/persistence';
import { RUNNING_STATUSES } from '../domain/verification-case';
import { VerificationCase } from './verification-case.schema';

/** The cases under verification (collection `verification-cases`). */
@Injectable()
export class VerificationCases extends Repository<VerificationCase> {
  constructor(@InjectModel(VerificationCase.name) model: Model<VerificationCase>, relay: OutboxRelay) {
    super(model, relay);
  }

  /** Undecided cases whose reply time limit falls due after `from` and by `until`, per partner (index status, replyDueBy, partnerCode). */
  replyLimitsDueByPartner(from: Date, until: Date): Promise<Map<string, number>> {
    return this.countBy(
      RUNNING_STATUSES.map((status) => ({ status, replyDueBy: { $gt: from, $lte: until } })),
      'partnerCode',
    );
  }
}
