import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, UpdateQuery } from 'mongoose';
import { OutboxRelay, Repository } from '@readmission/persistence';
import { HistoryEntry } from '../domain/reintegration-case';
import { ReintegrationCase } from './reintegration-case.schema';

/** The support cases (collection `reintegration-cases`): the only code that touches their model. */
@Injectable()
export class ReintegrationCases extends Repository<ReintegrationCase> {
  constructor(@InjectModel(ReintegrationCase.name) model: Model<ReintegrationCase>, relay: OutboxRelay) {
    super(model, relay);
  }

  /** Applies `change` to the case with its history entry, in one write. */
  async change(caseNumber: string, change: UpdateQuery<ReintegrationCase>, entry: HistoryEntry): Promise<boolean> {
    const { $push, ...rest } = change;
    return this.update({ _id: caseNumber }, { ...rest, $push: { ...$push, history: entry } });
  }

  /** Adds a history entry once per `eventId` (a time-limit event resumed after a crash notes it once). */
  noteOnce(caseNumber: string, eventId: string, entry: HistoryEntry): Promise<boolean> {
    return this.update({ _id: caseNumber, appliedIds: { $ne: eventId } }, { $push: { appliedIds: eventId, history: entry } });
  }
}
