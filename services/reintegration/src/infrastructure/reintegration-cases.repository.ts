import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, UpdateQuery } from 'mongoose';
import { OutboxRelay, Repository, withoutDetails } from '@readmission/persistence';
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

  /**
   * Anonymises a case (retention): the person, family, assistance and health needs, guardian, assessment, plan,
   * consents, closing reason and history details go; status, dates, crossing point and outcome stay for the statistics.
   */
  async anonymise(caseNumber: string, at: Date): Promise<boolean> {
    const found = await this.findById(caseNumber, { history: 1 });
    const history = withoutDetails(found?.history ?? []);
    return this.update(
      { _id: caseNumber, purgedAt: { $exists: false } },
      {
        $set: { person: {}, family: [], plan: [], consents: [], history, purgedAt: at },
        $unset: { partnerReference: '', assistance: '', guardian: '', assessment: '', closeReason: '' },
      },
    );
  }

  /** Adds a history entry once per `eventId` (a time-limit event resumed after a crash notes it once). */
  noteOnce(caseNumber: string, eventId: string, entry: HistoryEntry): Promise<boolean> {
    return this.update({ _id: caseNumber, appliedIds: { $ne: eventId } }, { $push: { appliedIds: eventId, history: entry } });
  }
}
