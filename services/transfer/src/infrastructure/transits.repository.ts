import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OutboxRelay, Repository, Stored } from '@readmission/persistence';
import { TransitStatus } from '../domain/transit';
import { Transit, TransitBorderRecord } from './transit.schema';

/** The filter of TransitsReplyOverdueGauge's count (index status, replyDueBy; explained in index-backed.int-spec.ts). */
export const transitsReplyOverdue = (now: Date) => ({ status: 'requested', replyDueBy: { $lt: now } });

/** Transit requests (collection `transits`, _id `<partner>:<transitReference>`). */
@Injectable()
export class Transits extends Repository<Transit> {
  constructor(@InjectModel(Transit.name) model: Model<Transit>, relay: OutboxRelay) {
    super(model, relay);
  }

  /** By status, the reply falling due first; a border officer's list only at their crossing points. */
  list(filter: { status?: TransitStatus; pointsOfEntry?: string[] }, limit: number): Promise<Stored<Transit>[]> {
    return this.find(
      {
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.pointsOfEntry ? { pointOfEntry: { $in: filter.pointsOfEntry } } : {}),
      },
      { sort: { replyDueBy: 1 }, limit },
    );
  }

  /** Transits still waiting for the officer's decision past their reply time limit, per partner (the gauge). */
  replyOverduePerPartner(now: Date): Promise<Map<string, number>> {
    return this.countBy(transitsReplyOverdue(now), 'partnerCode');
  }

  /** Requests still waiting for a decision whose reply falls due by `horizon` (alerts, then overdue). */
  awaitingReplyBy(horizon: Date, limit: number): Promise<Stored<Transit>[]> {
    return this.find({ status: 'requested', replyOverdue: false, replyDueBy: { $lte: horizon } }, { sort: { replyDueBy: 1 }, limit });
  }

  /** Consents whose window closed before `now` without a transit. */
  consentsEndedBefore(now: Date, limit: number): Promise<Stored<Transit>[]> {
    return this.find({ status: 'consented', consentValidUntil: { $lt: now } }, { sort: { consentValidUntil: 1 }, limit });
  }

  /**
   * Retention: erases the person and escorts of the request, the written grounds of a refusal or revocation and the
   * border's notes; partner, reference, agreement, status, dates, ground codes, points and border events stay. Once.
   */
  async erasePersonalData(id: string, at: Date): Promise<void> {
    const found = await this.findById(id, { border: 1 });
    if (!found) return;
    await this.update(
      { _id: id, purgedAt: { $exists: false } },
      {
        $set: { purgedAt: at, border: found.border.map(withoutNote) },
        $unset: { 'request.person': '', 'request.escorts': '', 'decision.grounds': '', 'revocation.grounds': '' },
      },
    );
  }
}

function withoutNote(record: TransitBorderRecord): TransitBorderRecord {
  const kept = { ...record };
  delete kept.note;
  return kept;
}
