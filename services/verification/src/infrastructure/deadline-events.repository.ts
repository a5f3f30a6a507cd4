import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { insertOnce } from '@readmission/persistence';
import { DeadlineEvent } from './deadline-event.schema';

/** Time-limit events claimed once (collection `deadline-events`). */
@Injectable()
export class DeadlineEvents {
  constructor(@InjectModel(DeadlineEvent.name) private readonly model: Model<DeadlineEvent>) {}

  /** True for the one caller that records this event for this time limit (an extension re-arms the points). */
  claim(caseNumber: string, event: string, dueBy: Date, at: Date): Promise<boolean> {
    return insertOnce(this.model, { _id: `${caseNumber}:${event}:${dueBy.toISOString()}`, caseNumber, event, at });
  }
}
