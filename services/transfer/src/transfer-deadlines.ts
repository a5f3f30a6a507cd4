import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { bakuDate, formatInstant } from '@readmission/agreements';
import { insertOnce } from '@readmission/persistence';
import { AuditTrail, Clock, PeriodicSweep, alertPointsFrom } from '@readmission/platform';
import { AcceptedCase, DeadlineEvent, Transfer } from './transfer.schema';
import { transferMetrics } from './transfer.service';

const DAY = 86_400_000;

/** Days before the transfer time limit at which an alert is raised (TRANSFER_ALERT_DAYS, e.g. "14,3"). */
export function transferAlertDays(env: NodeJS.ProcessEnv = process.env): number[] {
  return alertPointsFrom(env, 'TRANSFER_ALERT_DAYS', '14,3');
}

/**
 * The transfer time limit as events: alerts before it falls due, then expiry of a case not transferred in time.
 * A person booked on a confirmed transfer is neither alerted nor expired (the arrival was agreed within the limit;
 * the handover closes the case). Each event is claimed by a unique insert, so several instances raise it once.
 */
@Injectable()
export class TransferDeadlines extends PeriodicSweep {
  protected readonly logger = new Logger(TransferDeadlines.name);
  private readonly points = transferAlertDays();

  constructor(
    @InjectModel(AcceptedCase.name) private readonly cases: Model<AcceptedCase>,
    @InjectModel(DeadlineEvent.name) private readonly events: Model<DeadlineEvent>,
    @InjectModel(Transfer.name) private readonly transfers: Model<Transfer>,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {
    super();
  }


  /** One pass over the cases awaiting transfer whose next point has come. Returns what it did, for tests and logs. */
  async sweep(): Promise<{ alerts: number; expired: number; notClosed: number }> {
    const now = this.clock.now();
    const horizon = new Date(now.getTime() + this.points[0] * DAY);
    const due = await this.cases
      // Persons booked on a confirmed transfer are left out in the query itself, so they never crowd out the others.
      .find({ status: 'awaiting-transfer', transferDueBy: { $lte: horizon }, currentTransfer: null }, { _id: 1, transferDueBy: 1, currentTransfer: 1, agreement: 1 })
      .sort({ transferDueBy: 1 })
      .limit(500)
      .lean()
      .exec();
    const done = { alerts: 0, expired: 0, notClosed: 0 };
    for (const c of due) {
      if (c.currentTransfer) continue;
      const dueBy = new Date(c.transferDueBy);
      if (now <= dueBy) {
        for (const days of this.points) {
          if (now.getTime() < dueBy.getTime() - days * DAY) continue;
          if (!(await this.claim(c._id, `alert-${days}d`, dueBy))) continue;
          transferMetrics.alerts.inc({ days_before: String(days) });
          await this.cases.updateOne({ _id: c._id }, { $addToSet: { alertsRaised: days }, $push: { history: { at: now, event: 'transfer-alert', by: 'system', details: { daysBefore: days, transferDueBy: dueBy } } } }).exec();
          this.logger.warn(`${c._id}: transfer due by ${formatInstant(dueBy)} (alert ${days} days before)`);
          done.alerts += 1;
        }
        continue;
      }
      if (!(await this.claim(c._id, 'expired', dueBy))) continue;
      await this.cases
        .updateOne({ _id: c._id, status: 'awaiting-transfer' }, { $set: { status: 'expired' }, $push: { history: { at: now, event: 'transfer-time-limit-expired', by: 'system', details: { transferDueBy: dueBy } } } })
        .exec();
      await this.audit.record({ actor: 'system', action: 'transfer-time-limit-expired', subject: c._id, reason: `not transferred by ${bakuDate(dueBy)} (${c.agreement})`, id: `transfer-expired:${c._id}:${dueBy.toISOString()}` });
      transferMetrics.expired.inc();
      this.logger.error(`${c._id}: transfer time limit ${formatInstant(dueBy)} passed without a transfer: expired`);
      done.expired += 1;
    }
    done.notClosed = await this.alertUnclosedTransfers(now);
    return done;
  }

  /**
   * A confirmed transfer whose arrival day passed a day ago without being closed at the border: its persons are
   * neither expired nor handed over, so the border is asked to close it (alerted once, counted, audited).
   */
  private async alertUnclosedTransfers(now: Date): Promise<number> {
    const stale = await this.transfers
      .find({ status: 'confirmed', plannedArrival: { $lt: new Date(now.getTime() - DAY) }, closeAlerted: { $ne: true } }, { _id: 1, plannedArrival: 1, borderCrossingPoint: 1 })
      .sort({ plannedArrival: 1 })
      .limit(500)
      .lean()
      .exec();
    let alerted = 0;
    for (const t of stale) {
      const claimed = await insertOnce(this.events, { _id: `${t._id}:not-closed`, caseNumber: t._id, event: 'transfer-not-closed', at: now });
      await this.transfers.updateOne({ _id: t._id }, { $set: { closeAlerted: true } }).exec();
      if (!claimed) continue;
      transferMetrics.notClosed.inc();
      await this.audit.record({ actor: 'system', action: 'transfer-not-closed', subject: t._id, reason: `arrival planned ${formatInstant(new Date(t.plannedArrival))} at ${t.borderCrossingPoint}, not closed at the border`, id: `not-closed:${t._id}` });
      this.logger.warn(`transfer ${t._id}: arrival day passed, not closed at ${t.borderCrossingPoint}`);
      alerted += 1;
    }
    return alerted;
  }

  /** True for the one caller that records this event for this time limit (an extension re-arms the points). */
  private claim(caseNumber: string, event: string, dueBy: Date): Promise<boolean> {
    return insertOnce(this.events, { _id: `${caseNumber}:${event}:${dueBy.toISOString()}`, caseNumber, event, at: this.clock.now() });
  }
}
