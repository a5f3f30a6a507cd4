import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OutboxRelay, Repository } from '@readmission/persistence';
import { OPEN_REFERRAL_STATUSES } from '../domain/referral';
import { Referral } from './referral.schema';

/** The referrals to bodies (collection `referrals`). */
@Injectable()
export class Referrals extends Repository<Referral> {
  constructor(@InjectModel(Referral.name) model: Model<Referral>, relay: OutboxRelay) {
    super(model, relay);
  }

  /** Open referrals past their due date not alerted yet, oldest first (alerted ones are left out, so that long-overdue ones never crowd out new ones). */
  overdueNotAlerted(now: Date, limit: number) {
    return this.find(
      { status: { $in: OPEN_REFERRAL_STATUSES }, dueBy: { $lt: now }, overdueAlerted: { $ne: true } },
      { projection: { _id: 1, caseNumber: 1, bodyCode: 1, dueBy: 1 }, sort: { dueBy: 1 }, limit },
    );
  }

  /** The cases with an open referral past its due date. */
  async casesWithOverdue(now: Date): Promise<string[]> {
    const late = await this.find({ status: { $in: OPEN_REFERRAL_STATUSES }, dueBy: { $lt: now } }, { projection: { caseNumber: 1 } });
    return [...new Set(late.map((r) => r.caseNumber))];
  }

  markAlerted(id: string): Promise<boolean> {
    return this.update({ _id: id }, { $set: { overdueAlerted: true } });
  }
}
