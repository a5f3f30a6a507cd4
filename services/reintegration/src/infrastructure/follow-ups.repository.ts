import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OutboxRelay, Repository } from '@readmission/persistence';
import { FollowUp } from './follow-up.schema';

/** The scheduled follow-ups (collection `follow-ups`). */
@Injectable()
export class FollowUps extends Repository<FollowUp> {
  constructor(@InjectModel(FollowUp.name) model: Model<FollowUp>, relay: OutboxRelay) {
    super(model, relay);
  }

  /** Scheduled follow-ups past their due date not alerted yet, oldest first. */
  overdueNotAlerted(now: Date, limit: number) {
    return this.find(
      { status: 'scheduled', dueBy: { $lt: now }, overdueAlerted: { $ne: true } },
      { projection: { _id: 1, caseNumber: 1, month: 1, dueBy: 1 }, sort: { dueBy: 1 }, limit },
    );
  }

  /** The cases with a follow-up still scheduled past its due date. */
  async casesWithOverdue(now: Date): Promise<string[]> {
    const late = await this.find({ status: 'scheduled', dueBy: { $lt: now } }, { projection: { caseNumber: 1 } });
    return [...new Set(late.map((f) => f.caseNumber))];
  }

  markAlerted(id: string): Promise<boolean> {
    return this.update({ _id: id }, { $set: { overdueAlerted: true } });
  }

  /** A closed case's remaining follow-ups. */
  cancelScheduled(caseNumber: string): Promise<number> {
    return this.updateMany({ caseNumber, status: 'scheduled' }, { $set: { status: 'cancelled' } });
  }
}
