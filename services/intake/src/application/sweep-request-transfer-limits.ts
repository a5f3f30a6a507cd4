import { Injectable, Logger } from '@nestjs/common';
import { formatInstant } from '@readmission/agreements';
import { Stored } from '@readmission/persistence';
import { Clock, PeriodicSweep } from '@readmission/platform';
import { TimeLimitMachine, TimeLimitStep, alertPointsReached, deadlineEventId } from '@readmission/time-limits';
import { OutgoingRequestRepository } from '../infrastructure/outgoing-request.repository';
import { OutgoingRequest } from '../infrastructure/outgoing-request.schema';
import { IntakeSettings } from '../settings';
import { intakeMetrics } from './intake-metrics';

type Due = Pick<Stored<OutgoingRequest>, '_id' | 'partnerCode' | 'transferDueBy' | 'agreementRules' | 'agreement'>;

/**
 * The transfer time limit of Azerbaijan's accepted requests (3 months from the partner's acceptance or deemed
 * acceptance), on the shared time-limit machine: alerts to the officers before it (REQUEST_TRANSFER_ALERT_DAYS) while
 * no transfer is notified, then, when it passes with none, the request `expired` and escalated: the acceptance no
 * longer carries a transfer, and a new application is needed.
 */
@Injectable()
export class SweepRequestTransferLimits extends PeriodicSweep {
  protected readonly logger = new Logger(SweepRequestTransferLimits.name);
  /** The alert points in hours (the machine's alert points are hours before the limit). */
  private readonly points: readonly number[];

  constructor(
    private readonly requests: OutgoingRequestRepository,
    private readonly machine: TimeLimitMachine,
    private readonly clock: Clock,
    settings: IntakeSettings,
  ) {
    super();
    this.points = settings.REQUEST_TRANSFER_ALERT_DAYS.map((days) => days * 24);
  }

  async sweep(): Promise<{ alerts: number; expired: number }> {
    const now = this.clock.now();
    const horizon = new Date(now.getTime() + (this.points[0] ?? 0) * 3600_000);
    const due = await this.requests.find(
      { status: { $in: ['accepted', 'expired'] }, transferDueBy: { $lte: horizon }, transferLimitHandled: { $ne: true } },
      { projection: { _id: 1, partnerCode: 1, transferDueBy: 1, agreementRules: 1, agreement: 1 }, sort: { transferDueBy: 1 }, limit: 500 },
    );
    const done = { alerts: 0, expired: 0 };
    for (const r of due) {
      try {
        const dueBy = new Date(r.transferDueBy!);
        for (const hours of alertPointsReached(dueBy, now, this.points))
          if ((await this.machine.run(this.alert(r, hours / 24, dueBy))) === 'acted') {
            done.alerts += 1;
            intakeMetrics.requestTimeLimits.inc({ partner: r.partnerCode, event: 'transfer-alert' });
          }
        if (now <= dueBy) continue;
        const outcome = await this.machine.run(this.expiry(r, dueBy));
        if (outcome === 'in-progress') continue;
        if (outcome === 'acted') {
          done.expired += 1;
          intakeMetrics.requestTimeLimits.inc({ partner: r.partnerCode, event: 'transfer-expired' });
        }
        await this.requests.update({ _id: r._id, transferDueBy: r.transferDueBy }, { $set: { transferLimitHandled: true } });
      } catch (error) {
        this.logger.error(`${r._id}: transfer time limit not handled now, retried next sweep: ${(error as Error).message}`);
      }
    }
    return done;
  }

  private alert(r: Due, days: number, dueBy: Date): TimeLimitStep {
    const step = { subject: r._id, limit: 'request-transfer', event: `alert-${days}d`, dueBy };
    const id = deadlineEventId(step);
    return {
      ...step,
      act: async () => {
        const event = { at: this.clock.now(), event: 'transfer-alert', by: 'system', details: { daysBefore: days, transferDueBy: dueBy } };
        await this.requests.update({ _id: r._id, appliedIds: { $ne: id } }, { $push: { appliedIds: id, events: event } });
      },
      audit: {
        action: 'request-transfer-alert',
        reason: `transfer to ${r.partnerCode} due by ${formatInstant(dueBy)}: ${days} days before`,
      },
      log: { level: 'warn', message: `${r._id}: transfer to ${r.partnerCode} due by ${formatInstant(dueBy)} (alert ${days} days before)` },
    };
  }

  private expiry(r: Due, dueBy: Date): TimeLimitStep {
    return {
      subject: r._id,
      limit: 'request-transfer',
      event: 'expired',
      dueBy,
      act: async () => {
        const event = { at: this.clock.now(), event: 'transfer-time-limit-expired', by: 'system', details: { transferDueBy: dueBy } };
        await this.requests.update(
          { _id: r._id, status: 'accepted' },
          { $set: { status: 'expired', escalated: true }, $push: { events: event } },
        );
      },
      audit: {
        action: 'request-transfer-expired',
        reason: `no transfer to ${r.partnerCode} notified by ${formatInstant(dueBy)}; ${r.agreement}: ${r.agreementRules.timeLimits.transfer.source}`,
      },
      log: {
        level: 'warn',
        message: `${r._id}: transfer time limit ${formatInstant(dueBy)} passed with no transfer notified (${r.agreement})`,
      },
    };
  }
}
