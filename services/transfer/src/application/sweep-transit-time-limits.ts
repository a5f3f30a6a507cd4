import { Injectable, Logger } from '@nestjs/common';
import { bakuDate, formatInstant } from '@readmission/agreements';
import { Clock, PeriodicSweep } from '@readmission/platform';
import { TimeLimitMachine } from '@readmission/time-limits';
import { DAY_MS, alertsDue } from '../domain/transfer-time-limits';
import { Transits } from '../infrastructure/transits.repository';
import { TransferSettings } from '../settings';
import { transferMetrics } from './transfer-metrics';

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
    const done = { alerts: 0, overdue: 0, lapsed: 0 };
    for (const t of await this.transits.awaitingReplyBy(new Date(now.getTime() + this.points[0] * DAY_MS), 500)) {
      const dueBy = new Date(t.replyDueBy);
      if (now <= dueBy) {
        for (const days of alertsDue(now, dueBy, this.points))
          if (!t.alerts.includes(days)) done.alerts += (await this.alert(t._id, days, dueBy, now)) === 'acted' ? 1 : 0;
      } else {
        done.overdue += (await this.overdue(t._id, t.agreement, dueBy, now)) === 'acted' ? 1 : 0;
      }
    }
    for (const t of await this.transits.consentsEndedBefore(now, 500))
      done.lapsed += (await this.lapse(t._id, new Date(t.consentValidUntil as Date), now)) === 'acted' ? 1 : 0;
    return done;
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
      count: () => transferMetrics.transitTimeLimits.inc({ event: 'alert' }),
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
      count: () => transferMetrics.transitTimeLimits.inc({ event: 'reply-overdue' }),
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
      count: () => transferMetrics.transitTimeLimits.inc({ event: 'consent-lapsed' }),
      log: { level: 'warn', message: `transit ${id}: consent valid until ${formatInstant(until)} lapsed without a transit` },
    });
  }
}
