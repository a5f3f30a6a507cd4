import { Injectable, Logger } from '@nestjs/common';
import { bakuDate, formatInstant } from '@readmission/agreements';
import { Stored } from '@readmission/persistence';
import { Clock, PeriodicSweep } from '@readmission/platform';
import { ReferenceData } from '@readmission/reference-data';
import { TimeLimitMachine, TimeLimitStep, alertPointsReached, deadlineEventId } from '@readmission/time-limits';
import { transferDeadline } from '../domain/outgoing-request';
import { OutgoingRequestRepository } from '../infrastructure/outgoing-request.repository';
import { OutgoingRequest } from '../infrastructure/outgoing-request.schema';
import { IntakeSettings } from '../settings';
import { intakeMetrics } from './intake-metrics';

type Due = Pick<Stored<OutgoingRequest>, '_id' | 'partnerCode' | 'replyDueBy' | 'agreementRules' | 'agreement' | 'rulebookVersion'>;

/**
 * The partner's reply time limit on Azerbaijan's own requests, on the shared time-limit machine (claim, act, audit,
 * count and log, resumable): alerts before it falls due (REQUEST_REPLY_ALERT_HOURS), then, exactly as the rulebook
 * says for incoming applications, a deemed acceptance where silence is acceptance (EU-AZ, NO-AZ, ME-AZ: the transfer
 * time limit then runs from the reply's due date), or the request marked overdue and escalated where it is not (CH-AZ).
 */
@Injectable()
export class SweepRequestReplyLimits extends PeriodicSweep {
  protected readonly logger = new Logger(SweepRequestReplyLimits.name);
  private readonly points: readonly number[];

  constructor(
    private readonly requests: OutgoingRequestRepository,
    private readonly machine: TimeLimitMachine,
    private readonly referenceData: ReferenceData,
    private readonly clock: Clock,
    settings: IntakeSettings,
  ) {
    super();
    this.points = settings.REQUEST_REPLY_ALERT_HOURS;
  }

  async sweep(): Promise<{ alerts: number; deemed: number; overdue: number }> {
    const now = this.clock.now();
    const horizon = new Date(now.getTime() + (this.points[0] ?? 0) * 3600_000);
    const due = await this.requests.find(
      {
        replyDueBy: { $lte: horizon },
        replyLimitHandled: { $ne: true },
        status: { $in: ['submitted', 'acknowledged', 'overdue', 'accepted'] },
      },
      {
        projection: { _id: 1, partnerCode: 1, replyDueBy: 1, agreementRules: 1, agreement: 1, rulebookVersion: 1 },
        sort: { replyDueBy: 1 },
        limit: 500,
      },
    );
    const done = { alerts: 0, deemed: 0, overdue: 0 };
    for (const r of due) {
      try {
        const dueBy = new Date(r.replyDueBy!);
        for (const hours of alertPointsReached(dueBy, now, this.points))
          if ((await this.machine.run(this.alert(r, hours, dueBy))) === 'acted') {
            done.alerts += 1;
            intakeMetrics.requestTimeLimits.inc({ partner: r.partnerCode, event: 'reply-alert' });
          }
        if (now <= dueBy) continue;
        const tacit = r.agreementRules.rules.tacitAcceptance.value;
        const outcome = await this.machine.run(tacit ? this.deemedAcceptance(r, dueBy) : this.overdue(r, dueBy));
        if (outcome === 'in-progress') continue;
        if (outcome === 'acted') {
          done[tacit ? 'deemed' : 'overdue'] += 1;
          intakeMetrics.requestTimeLimits.inc({ partner: r.partnerCode, event: tacit ? 'deemed-accepted' : 'reply-overdue' });
        }
        await this.requests.update({ _id: r._id, replyDueBy: r.replyDueBy }, { $set: { replyLimitHandled: true } });
      } catch (error) {
        this.logger.error(`${r._id}: reply time limit not handled now, retried next sweep: ${(error as Error).message}`);
      }
    }
    return done;
  }

  private event(r: Due, event: string, details: Record<string, unknown>) {
    return { at: this.clock.now(), event, by: 'system', details };
  }

  private alert(r: Due, hours: number, dueBy: Date): TimeLimitStep {
    const step = { subject: r._id, limit: 'request-reply', event: `alert-${hours}h`, dueBy };
    const id = deadlineEventId(step);
    return {
      ...step,
      act: async () => {
        await this.requests.update(
          { _id: r._id, appliedIds: { $ne: id } },
          {
            $addToSet: { alertsRaised: hours },
            $push: { appliedIds: id, events: this.event(r, 'reply-alert', { hoursBefore: hours, replyDueBy: dueBy }) },
          },
        );
      },
      audit: {
        action: 'request-reply-alert',
        reason: `${r.partnerCode}'s reply due ${formatInstant(dueBy)}: ${hours} h before`,
        details: { hoursBefore: hours },
      },
      log: { level: 'warn', message: `${r._id}: ${r.partnerCode}'s reply due ${formatInstant(dueBy)} (alert ${hours} h before)` },
    };
  }

  /** Silence is acceptance under this agreement: accepted when the reply fell due; the transfer time limit runs from then. */
  private deemedAcceptance(r: Due, dueBy: Date): TimeLimitStep {
    const rule = r.agreementRules.rules.tacitAcceptance;
    return {
      subject: r._id,
      limit: 'request-reply',
      event: 'deemed-acceptance',
      dueBy,
      act: async () => {
        const calendars = await this.referenceData.calendarBook(dueBy);
        const transfer = transferDeadline(r.agreementRules, dueBy, calendars, r.rulebookVersion);
        await this.requests.update(
          { _id: r._id, status: { $in: ['submitted', 'acknowledged'] } },
          {
            $set: { status: 'accepted', decision: { decision: 'accepted', decidedAt: dueBy, deemed: true }, transferDueBy: transfer.dueBy },
            $push: {
              deadlines: transfer,
              events: this.event(r, 'deemed-acceptance', { replyDueBy: dueBy, transferDueBy: bakuDate(transfer.dueBy) }),
            },
          },
        );
      },
      audit: {
        action: 'request-deemed-accepted',
        reason: `no reply from ${r.partnerCode} by ${formatInstant(dueBy)}; ${r.agreement}: ${rule.source}`,
      },
      log: {
        level: 'log',
        message: `${r._id}: ${r.partnerCode}'s reply time limit ${formatInstant(dueBy)} passed: deemed acceptance (${r.agreement})`,
      },
    };
  }

  /** No tacit acceptance under this agreement: overdue, escalated to the officers (who follow it up with the partner). */
  private overdue(r: Due, dueBy: Date): TimeLimitStep {
    return {
      subject: r._id,
      limit: 'request-reply',
      event: 'overdue',
      dueBy,
      act: async () => {
        await this.requests.update(
          { _id: r._id, status: { $in: ['submitted', 'acknowledged'] } },
          { $set: { status: 'overdue', escalated: true }, $push: { events: this.event(r, 'overdue', { replyDueBy: dueBy }) } },
        );
      },
      audit: {
        action: 'request-reply-overdue',
        reason: `no reply from ${r.partnerCode} by ${formatInstant(dueBy)}; ${r.agreement} has no deemed acceptance (${r.agreementRules.rules.tacitAcceptance.source})`,
      },
      log: {
        level: 'warn',
        message: `${r._id}: ${r.partnerCode}'s reply overdue since ${formatInstant(dueBy)} (${r.agreement}: no deemed acceptance)`,
      },
    };
  }
}
