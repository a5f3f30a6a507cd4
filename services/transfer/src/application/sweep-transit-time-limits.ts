import { Injectable, Logger } from '@nestjs/common';
import { bakuDate, formatInstant } from '@readmission/agreements';
import { Clock, PeriodicSweep } from '@readmission/platform';
import { TimeLimitMachine, sweepAlertedLimit } from '@readmission/time-limits';
import { DAY_MS } from '../domain/transfer-time-limits';
import { Transits } from '../infrastructure/transits.repository';
import { TransferSettings } from '../settings';
import { partnerOfTransit, transferMetrics } from './transfer-metrics';

/**
 * The transit time limits on the time-limit machine (claim, act, audit, count and log, resumed after a crash;
 * docs/rules.md#transit): alerts TRANSIT_ALERT_DAYS days before the reply falls due, the request recorded overdue once
 * it passed (silence is not consent: it still waits for an officer), and a consent recorded lapsed once its window
 * closed without a transit.
 */
@Injectable()
export class SweepTransitTimeLimits extends PeriodicSweep {
  protected readonly logger = new Logger(SweepTransitTimeLimits.name);
  private readonly points: number[];

  constructor(
    { TRANSIT_ALERT_DAYS }: TransferSettings,
    private readonly machine: TimeLimitMachine,
    private readonly transits: Transits,
    private readonly clock: Clock,
  ) {
    super();
    this.points = TRANSIT_ALERT_DAYS;
  }

  async sweep(): Promise<{ alerts: number; overdue: number; lapsed: number }> {
    const now = this.clock.now();
    const { alerts, passed: overdue } = await sweepAlertedLimit(now, {
      points: this.points,
      unitMs: DAY_MS,
      due: (horizon) => this.transits.awaitingReplyBy(horizon, 500),
      dueBy: (t) => new Date(t.replyDueBy),
      alert: async (t, days, dueBy) => (t.alerts.includes(days) ? 'already-done' : this.alert(t._id, days, dueBy, now)),
      passed: (t, dueBy) => this.overdue(t._id, t.agreement, dueBy, now),
    });
    let lapsed = 0;
    for (const t of await this.transits.consentsEndedBefore(now, 500))
      lapsed += (await this.lapse(t._id, new Date(t.consentValidUntil as Date), now)) === 'acted' ? 1 : 0;
    return { alerts, overdue, lapsed };
  }

  private alert(id: string, days: number, dueBy: Date, now: Date) {
    return this.machine.run({
      subject: id,
      limit: 'transit-reply',
      event: `alert-${days}d`,
      dueBy,
      act: async () => {
        await this.transits.update(
          { _id: id },
          {
            $addToSet: { alerts: days },
            $push: { history: { at: now, event: 'transit-reply-alert', by: 'system', details: { daysBefore: days } } },
          },
        );
      },
      audit: {
        action: 'transit-reply-alert',
        reason: `transit reply due by ${bakuDate(dueBy)}: ${days} days left`,
        details: { daysBefore: days },
      },
      count: () => transferMetrics.transitTimeLimits.inc({ partner: partnerOfTransit(id), event: 'alert' }),
      log: { level: 'warn', message: `transit ${id}: reply due by ${formatInstant(dueBy)} (alert ${days} days before)` },
    });
  }

  private overdue(id: string, agreement: string, dueBy: Date, now: Date) {
    return this.machine.run({
      subject: id,
      limit: 'transit-reply',
      event: 'overdue',
      dueBy,
      act: async () => {
        await this.transits.update(
          { _id: id, status: 'requested' },
          { $set: { replyOverdue: true }, $push: { history: { at: now, event: 'transit-reply-overdue', by: 'system' } } },
        );
      },
      audit: { action: 'transit-reply-overdue', reason: `no reply by ${bakuDate(dueBy)} (${agreement}); silence is not consent` },
      count: () => transferMetrics.transitTimeLimits.inc({ partner: partnerOfTransit(id), event: 'reply-overdue' }),
      log: { level: 'error', message: `transit ${id}: reply time limit ${formatInstant(dueBy)} passed without a decision` },
    });
  }

  private lapse(id: string, until: Date, now: Date) {
    return this.machine.run({
      subject: id,
      limit: 'transit-consent',
      event: 'lapsed',
      dueBy: until,
      act: async () => {
        await this.transits.update(
          { _id: id, status: 'consented' },
          { $set: { status: 'lapsed' }, $push: { history: { at: now, event: 'transit-consent-lapsed', by: 'system' } } },
        );
      },
      audit: { action: 'transit-consent-lapsed', reason: `consent valid until ${bakuDate(until)} not used` },
      count: () => transferMetrics.transitTimeLimits.inc({ partner: partnerOfTransit(id), event: 'consent-lapsed' }),
      log: { level: 'warn', message: `transit ${id}: consent valid until ${formatInstant(until)} lapsed without a transit` },
    });
  }
}
