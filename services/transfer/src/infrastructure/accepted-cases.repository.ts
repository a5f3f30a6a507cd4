import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OutgoingRecord } from '@readmission/messaging';
import { OutboxRelay, Repository, Stored } from '@readmission/persistence';
import { AcceptedCaseStatus, HistoryEvent } from '../domain/accepted-case';
import { Obstacle } from '../domain/obstacles';
import { AcceptedCase } from './accepted-case.schema';

/**
 * The transfer time-limit sweep's filters (`dueBy`), one per status: cases whose limit falls due by `horizon`,
 * awaiting transfer and not booked, or expired but not yet settled. Persons booked on a confirmed transfer, and those
 * held by a remedy (`held`), are left out in the query itself, so they never crowd out the others. One equality on
 * the status each (not an `$or`): the index (status, transferDueBy) serves each on MongoDB, and the local FerretDB
 * reads only the cases of that status, not every case ever accepted.
 */
export const transferLimitsDueBy = (horizon: Date, held: string[] = []) => {
  const due = { transferDueBy: { $lte: horizon }, currentTransfer: null, ...(held.length ? { _id: { $nin: held } } : {}) };
  return [
    { status: 'awaiting-transfer', ...due },
    { status: 'expired', expirySettled: { $ne: true }, ...due },
  ];
};

/** The accepted cases awaiting transfer (collection `accepted-cases`, _id the case number). */
@Injectable()
export class AcceptedCases extends Repository<AcceptedCase> {
  constructor(@InjectModel(AcceptedCase.name) model: Model<AcceptedCase>, relay: OutboxRelay) {
    super(model, relay);
  }

  /** A partner's cases by its own references (the persons of a notice). */
  byPartnerReferences(partnerCode: string, references: string[]): Promise<Stored<AcceptedCase>[]> {
    return this.findEach('partnerReference', references, { partnerCode });
  }

  /** The persons confirmed on a transfer are booked on it (neither alerted nor expired while booked). */
  async bookOn(transferId: string, caseNumbers: string[]): Promise<void> {
    await this.updateEach(caseNumbers, { $set: { currentTransfer: transferId } });
  }

  /** Frees the persons booked on a transfer (cancelled, amended, or not arrived): they may be notified again. */
  async releaseFrom(transferId: string): Promise<void> {
    await this.updateMany({ currentTransfer: transferId }, { $unset: { currentTransfer: 1 } });
  }

  async markTransferred(caseNumbers: string[], at: Date): Promise<void> {
    await this.updateEach(caseNumbers, { $set: { status: 'transferred', transferredAt: at }, $unset: { currentTransfer: 1 } });
  }

  /**
   * Retention: erases the person from the accepted decision (person, family, assistance, grounds) and the withdrawal's
   * reason; partner, agreement, status, dates, time limits and travel documents (numbered by case) stay. Once.
   */
  async erasePersonalData(caseNumber: string, at: Date): Promise<boolean> {
    return this.update(
      { _id: caseNumber, purgedAt: { $exists: false } },
      {
        $set: { purgedAt: at },
        $unset: {
          'decision.person': '',
          'decision.family': '',
          'decision.assistance': '',
          'decision.grounds': '',
          'withdrawal.reason': '',
        },
      },
    );
  }

  /**
   * Cases whose transfer time limit falls due by `horizon`, earliest first: awaiting transfer and not booked, or
   * expired but not yet settled (a crash between the expiry and its audit leaves them findable, to be resumed).
   */
  dueBy(
    horizon: Date,
    limit: number,
    held: string[] = [],
  ): Promise<Pick<AcceptedCase, '_id' | 'transferDueBy' | 'agreement' | 'status'>[]> {
    return this.findMerged(transferLimitsDueBy(horizon, held), {
      projection: { _id: 1, transferDueBy: 1, agreement: 1, status: 1 },
      sort: { transferDueBy: 1 },
      limit,
    });
  }

  /**
   * Counts a lifted obstacle once and moves the limit, if the limit is still the one the caller computed from
   * (`expected`): false when another write came first (the caller reads again) or the obstacle is counted already.
   * `events` (the partner's notice of the new limit) are queued in the same write.
   */
  async countObstacle(
    caseNumber: string,
    expected: Date,
    obstacle: Obstacle,
    transferDueBy: Date,
    history: HistoryEvent,
    events: OutgoingRecord[] = [],
  ): Promise<boolean> {
    return this.update(
      { _id: caseNumber, transferDueBy: expected, 'obstacles.messageId': { $ne: obstacle.messageId } },
      { $set: { transferDueBy }, $push: { obstacles: obstacle, history } },
      events,
    );
  }

  /** Records an alert N days before the limit; a repeat (resumed run) changes nothing. */
  async recordAlert(caseNumber: string, daysBefore: number, history: HistoryEvent): Promise<void> {
    await this.update(
      { _id: caseNumber, alertsRaised: { $ne: daysBefore } },
      { $addToSet: { alertsRaised: daysBefore }, $push: { history } },
    );
  }

  /** Expires a case still awaiting transfer; a repeat changes nothing. */
  async expire(caseNumber: string, history: HistoryEvent): Promise<void> {
    await this.update({ _id: caseNumber, status: 'awaiting-transfer' }, { $set: { status: 'expired' }, $push: { history } });
  }

  /** The expiry's event is done (audited): the case leaves the sweep. */
  async settleExpiry(caseNumber: string): Promise<void> {
    await this.update({ _id: caseNumber }, { $set: { expirySettled: true } });
  }

  /** For the case list: without history and decision. */
  list(status: AcceptedCaseStatus | undefined, limit: number): Promise<Stored<AcceptedCase>[]> {
    return this.find(status ? { status } : {}, { projection: { history: 0, decision: 0 }, sort: { transferDueBy: 1 }, limit });
  }
}
