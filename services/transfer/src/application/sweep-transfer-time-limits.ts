import { Injectable, Logger } from '@nestjs/common';
import { bakuDate, formatInstant } from '@readmission/agreements';
import { Clock, PeriodicSweep } from '@readmission/platform';
import { TimeLimitMachine, sweepAlertedLimit } from '@readmission/time-limits';
import { DAY_MS, unclosedIfArrivedBefore } from '../domain/transfer-time-limits';
import { AcceptedCases } from '../infrastructure/accepted-cases.repository';
import { RemedyHolds } from '../infrastructure/remedy-holds.repository';
import { Transfers } from '../infrastructure/transfers.repository';
import { TransferSettings } from '../settings';
import { transferMetrics } from './transfer-metrics';

/**
 * The transfer time limit as events on the time-limit machine (claim, act, audit, count and log, resumed after a
 * crash): alerts before it falls due, then expiry of a case not transferred in time, and a confirmed transfer not
 * closed a day after its arrival. A person booked on a confirmed transfer is neither alerted nor expired (the
 * arrival was agreed within the limit; the handover closes the case). An extension re-arms the events (new dueBy).
 */
@Injectable()
export class SweepTransferTimeLimits extends PeriodicSweep {
  protected readonly logger = new Logger(SweepTransferTimeLimits.name);
  /** Days before the transfer time limit at which an alert is raised (TRANSFER_ALERT_DAYS), largest first. */
  private readonly points: number[];

  constructor(
    { TRANSFER_ALERT_DAYS }: TransferSettings,
    private readonly machine: TimeLimitMachine,
    private readonly cases: AcceptedCases,
    private readonly transfers: Transfers,
    private readonly holds: RemedyHolds,
    private readonly clock: Clock,
  ) {
    super();
    this.points = TRANSFER_ALERT_DAYS;
  }

  /** One pass over the cases and transfers whose next event has come. Returns what it did, for tests and logs. */
  async sweep(): Promise<{ alerts: number; expired: number; notClosed: number }> {
    const now = this.clock.now();
    // A case held by a remedy (a legal obstacle) is neither alerted nor expired while it stands: the limit does not
    // run out against a transfer the requesting state's own law forbids for now (docs/rules.md#transfer-time-limit).
    const held = await this.holds.casesHeld();
    const { alerts, passed: expired } = await sweepAlertedLimit(now, {
      points: this.points,
      unitMs: DAY_MS,
      due: (horizon) => this.cases.dueBy(horizon, 500, held),
      dueBy: (c) => new Date(c.transferDueBy),
      alert: (c, days, dueBy) => this.alert(c._id, days, dueBy, now),
      passed: async (c, dueBy) => {
        const outcome = await this.expire(c._id, c.agreement, dueBy, now);
        if (outcome !== 'in-progress') await this.cases.settleExpiry(c._id);
        return outcome;
      },
    });
    return { alerts, expired, notClosed: await this.alertUnclosedTransfers(now) };
  }

  private alert(caseNumber: string, days: number, dueBy: Date, now: Date) {
    return this.machine.run({
      subject: caseNumber,
      limit: 'transfer',
      event: `alert-${days}d`,
      dueBy,
      act: () =>
        this.cases.recordAlert(caseNumber, days, {
          at: now,
          event: 'transfer-alert',
          by: 'system',
          details: { daysBefore: days, transferDueBy: dueBy },
        }),
      audit: { action: 'transfer-alert', reason: `transfer due by ${bakuDate(dueBy)}: ${days} days left`, details: { daysBefore: days } },
      count: () => transferMetrics.alerts.inc({ days_before: String(days) }),
      log: { level: 'warn', message: `${caseNumber}: transfer due by ${formatInstant(dueBy)} (alert ${days} days before)` },
    });
  }

  private expire(caseNumber: string, agreement: string, dueBy: Date, now: Date) {
    return this.machine.run({
      subject: caseNumber,
      limit: 'transfer',
      event: 'expired',
      dueBy,
      act: () =>
        this.cases.expire(caseNumber, { at: now, event: 'transfer-time-limit-expired', by: 'system', details: { transferDueBy: dueBy } }),
      audit: { action: 'transfer-time-limit-expired', reason: `not transferred by ${bakuDate(dueBy)} (${agreement})` },
      count: () => transferMetrics.expired.inc(),
      log: { level: 'error', message: `${caseNumber}: transfer time limit ${formatInstant(dueBy)} passed without a transfer: expired` },
    });
  }

  /**
   * A confirmed transfer whose arrival day passed a day ago without being closed at the border: its persons are
   * neither expired nor handed over, so the border is asked to close it (alerted once, counted, audited). The
   * transfer leaves the sweep only once the event is done, so a crash in between resumes it.
   */
  private async alertUnclosedTransfers(now: Date): Promise<number> {
    let alerted = 0;
    for (const t of await this.transfers.unclosedBefore(unclosedIfArrivedBefore(now), 500)) {
      const plannedArrival = new Date(t.plannedArrival);
      const outcome = await this.machine.run({
        subject: t._id,
        limit: 'transfer',
        event: 'not-closed',
        dueBy: new Date(plannedArrival.getTime() + DAY_MS),
        act: async () => undefined, // the alert is the audit entry, the count and the log line
        audit: {
          action: 'transfer-not-closed',
          reason: `arrival planned ${formatInstant(plannedArrival)} at ${t.borderCrossingPoint}, not closed at the border`,
        },
        count: () => transferMetrics.notClosed.inc(),
        log: { level: 'warn', message: `transfer ${t._id}: arrival day passed, not closed at ${t.borderCrossingPoint}` },
      });
      if (outcome !== 'in-progress') await this.transfers.markCloseAlerted(t._id);
      alerted += outcome === 'acted' ? 1 : 0;
    }
    return alerted;
  }
}
