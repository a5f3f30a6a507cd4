import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OutboxRelay, Repository, Stored } from '@readmission/persistence';
import { MistakeStatus } from '../domain/readmission-by-mistake';
import { MistakeReturn } from './mistake-return.schema';

/** Requests for readmission by mistake (collection `mistake-returns`, _id the case number). */
@Injectable()
export class MistakeReturns extends Repository<MistakeReturn> {
  constructor(@InjectModel(MistakeReturn.name) model: Model<MistakeReturn>, relay: OutboxRelay) {
    super(model, relay);
  }

  list(status: MistakeStatus | undefined, limit: number): Promise<Stored<MistakeReturn>[]> {
    return this.find(status ? { status } : {}, { sort: { requestedAt: -1 }, limit });
  }

  /**
   * Retention: erases the grounds, the evidence and the notes of the answer and the return (with the answer's written
   * grounds); partner, category, status, period, dates, the answer and the outcome at the crossing point stay. Once.
   */
  async erasePersonalData(caseNumber: string, at: Date): Promise<void> {
    const found = await this.findById(caseNumber, { answer: 1, return: 1 });
    if (!found) return;
    const answer = found.answer && { answer: found.answer.answer, receivedAt: found.answer.receivedAt, messageId: found.answer.messageId };
    const ret = found.return && {
      outcome: found.return.outcome,
      borderCrossingPoint: found.return.borderCrossingPoint,
      recordedBy: found.return.recordedBy,
      recordedAt: found.return.recordedAt,
    };
    await this.update(
      { _id: caseNumber, purgedAt: { $exists: false } },
      { $set: { purgedAt: at, evidence: [], ...(answer ? { answer } : {}), ...(ret ? { return: ret } : {}) }, $unset: { grounds: '' } },
    );
  }
}
