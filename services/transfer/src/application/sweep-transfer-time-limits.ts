import { Injectable, Logger } from '@nestjs/common';
import { bakuDate, formatInstant } from '@readmission/agreements';
import { AuditTrail, Clock, PeriodicSweep, alertPointsFrom } from '@readmission/platform';
import { DAY_MS, alertsDue, unclosedIfArrivedBefore } from '../domain/transfer-time-limits';
import { AcceptedCases } from '../infrastructure/accepted-cases.repository';
import { DeadlineEvents } from '../infrastructure/deadline-events.repository';
import { Transfers } from '../infrastructure/transfers.repository';
import { transferMetrics } from './transfer-metrics';

/** Days before the transfer time limit at which an alert is raised (TRANSFER_ALERT_DAYS, e.g. "14,3"). */
export function transferAlertDays(env: NodeJS.ProcessEnv = process.env): number[] {
  return alertPointsFrom(env, 'TRANSFER_ALERT_DAYS', '14,3');
}

/**
 * The transfer time limit as events: alerts before it falls due, then expiry of a case not transferred in time,
 * and a confirmed transfer not closed a day after its arrival. A person booked on a confirmed transfer is neither
 * alerted nor expired (the arrival was agreed within the limit; the handover closes the case). Each event is
 * claimed by a unique insert, so several instances raise it once.
 */
@Injectable()
export class SweepTransferTimeLimits extends PeriodicSweep {
  protected readonly logger = new Logger(SweepTransferTimeLimits.name);
  private readonly points = transferAlertDays();

  constructor(
    private readonly cases: AcceptedCases,
    private readonly transfers: Transfers,
    private readonly events: DeadlineEvents,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {
    super();
  }

  /** One pass over the cases awaiting transfer whose next point has come. Returns what it did, for tests and logs. */
  async sweep(): Promise<{ alerts: number; expired: number; notClosed: number }> {
    const now = this.clock.now();
    const due = await this.cases.dueBy(new Date(now.getTime() + this.points[0] * DAY_MS), 500);
    const done = { alerts: 0, expired: 0, notClosed: 0 };
    for (const c of due) {
      const dueBy = new Date(c.transferDueBy);
      if (now <= dueBy) done.alerts += await this.alert(c._id, dueBy, now);
      else done.expired += await this.expire(c._id, c.agreement, dueBy, now);
    }
    done.notClosed = await this.alertUnclosedTransfers(now);
    return done;
  }

  private async alert(caseNumber: string, dueBy: Date, now: Date): Promise<number> {
    let raised = 0;
    for (const days of alertsDue(now, dueBy, this.points)) {
      if (!(await this.claim(caseNumber, `alert-${days}d`, dueBy))) continue;
      transferMetrics.alerts.inc({ days_before: String(days) });
      const history = { at: now, event: 'transfer-alert', by: 'system', details: { daysBefore: days, transferDueBy: dueBy } };
      await this.cases.update({ _id: caseNumber }, { $addToSet: { alertsRaised: days }, $push: { history } });
      this.logger.warn(`${caseNumber}: transfer due by ${formatInstant(dueBy)} (alert ${days} days before)`);
      raised += 1;
    }
    return raised;
  }

  private async expire(caseNumber: string, agreement: string, dueBy: Date, now: Date): Promise<number> {
    if (!(await this.claim(caseNumber, 'expired', dueBy))) return 0;
    const history = { at: now, event: 'transfer-time-limit-expired', by: 'system', details: { transferDueBy: dueBy } };
    await this.cases.update({ _id: caseNumber, status: 'awaiting-transfer' }, { $set: { status: 'expired' }, $push: { history } });
    const reason = `not transferred by ${bakuDate(dueBy)} (${agreement})`;
    await this.audit.record({ actor: 'system', action: 'transfer-time-limit-expired', subject: caseNumber, reason, id: `transfer-expired:${caseNumber}:${dueBy.toISOString()}` });
    transferMetrics.expired.inc();
    this.logger.error(`${caseNumber}: transfer time limit ${formatInstant(dueBy)} passed without a transfer: expired`);
    return 1;
  }

  /**
   * A confirmed transfer whose arrival day passed a day ago without being closed at the border: its persons are
   * neither expired nor handed over, so the border is asked to close it (alerted once, counted, audited).
   */
  private async alertUnclosedTransfers(now: Date): Promise<number> {
    let alerted = 0;
    for (const t of await this.transfers.unclosedBefore(unclosedIfArrivedBefore(now), 500)) {
      const claimed = await this.events.insertOnce({ _id: `${t._id}:not-closed`, caseNumber: t._id, event: 'transfer-not-closed', at: now });
      await this.transfers.update({ _id: t._id }, { $set: { closeAlerted: true } });
      if (!claimed) continue;
      transferMetrics.notClosed.inc();
      const reason = `arrival planned ${formatInstant(new Date(t.plannedArrival))} at ${t.borderCrossingPoint}, not closed at the border`;
      await this.audit.record({ actor: 'system', action: 'transfer-not-closed', subject: t._id, reason, id: `not-closed:${t._id}` });
      this.logger.warn(`transfer ${t._id}: arrival day passed, not closed at ${t.borderCrossingPoint}`);
      alerted += 1;
    }
    return alerted;
  }

  /** True for the one caller that records this event for this time limit (an extension re-arms the points). */
  private claim(caseNumber: string, event: string, dueBy: Date): Promise<boolean> {
    return this.events.insertOnce({ _id: `${caseNumber}:${event}:${dueBy.toISOString()}`, caseNumber, event, at: this.clock.now() });
  }
}
