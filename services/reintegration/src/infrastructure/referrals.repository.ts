import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model } from 'mongoose';
import { OutboxRelay } from '@readmission/persistence';
import { OPEN_REFERRAL_STATUSES } from '../domain/referral';
import { OverdueItems } from './overdue-items.repository';
import { Referral } from './referral.schema';

/** The referrals to bodies (collection `referrals`); overdue while sent, accepted or in progress past their due date. */
@Injectable()
export class Referrals extends OverdueItems<Referral> {
  protected readonly open: FilterQuery<Referral> = { status: { $in: OPEN_REFERRAL_STATUSES } };
  protected readonly personal = ['shared.data', 'purpose', 'outcome', 'statusHistory'];

  constructor(@InjectModel(Referral.name) model: Model<Referral>, relay: OutboxRelay) {
    super(model, relay);
  }

  /** Open referrals past their due date, per body (index status, dueBy, bodyCode). */
  overduePerBody(now: Date): Promise<Map<string, number>> {
    return this.countBy(
      OPEN_REFERRAL_STATUSES.map((status) => ({ status, dueBy: { $lt: now } })),
      'bodyCode',
    );
  }
}
