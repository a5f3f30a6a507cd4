import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model } from 'mongoose';
import { OutboxRelay } from '@readmission/persistence';
import { FollowUp } from './follow-up.schema';
import { OverdueItems } from './overdue-items.repository';

/** The scheduled follow-ups (collection `follow-ups`); overdue while still scheduled past their due date. */
@Injectable()
export class FollowUps extends OverdueItems<FollowUp> {
  protected readonly open: FilterQuery<FollowUp> = { status: 'scheduled' };
  protected readonly personal = ['indicators', 'notes'];

  constructor(@InjectModel(FollowUp.name) model: Model<FollowUp>, relay: OutboxRelay) {
    super(model, relay);
  }

  /** A closed case's remaining follow-ups. */
  cancelScheduled(caseNumber: string): Promise<number> {
    return this.updateMany({ caseNumber, status: 'scheduled' }, { $set: { status: 'cancelled' } });
  }
}
