import { Injectable, Logger } from '@nestjs/common';
import { CalendarSource } from '@readmission/agreements';
import { PersonArrivedV1 } from '@readmission/contracts';
import { AuditTrail, Clock } from '@readmission/platform';
import { newCase, opensCase } from '../domain/case-opening';
import { followUpSchedule } from '../domain/follow-up-plan';
import { FollowUps } from '../infrastructure/follow-ups.repository';
import { ReadmissionTimelines } from '../infrastructure/readmission-timeline.repository';
import { ReintegrationCases } from '../infrastructure/reintegration-cases.repository';
import { reintegrationMetrics } from './reintegration-metrics';

/**
 * Opens a support case for an arrived national (on person-arrived), schedules its follow-ups and projects the
 * arrival into the timeline. Idempotent, as the inbox asks: the case is an insert-once under its case number
 * (also against another message about the same case), the follow-ups insert-once under `<case>:M<months>`, the
 * audit entry has a fixed id; a rerun only completes what a crash left undone. Unaccompanied minors' cases wait
 * for a guardian. Third-country nationals and stateless persons get no case, only their arrival in the timeline.
 */
@Injectable()
export class OpenReintegrationCase {
  private readonly logger = new Logger(OpenReintegrationCase.name);

  constructor(
    private readonly cases: ReintegrationCases,
    private readonly followUps: FollowUps,
    private readonly timeline: ReadmissionTimelines,
    private readonly calendars: CalendarSource,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(arrival: PersonArrivedV1): Promise<void> {
    const { caseNumber } = arrival;
    const arrivedAt = new Date(arrival.arrivedAt);
    if (!opensCase(arrival)) {
      await this.timeline.project(caseNumber, { partnerCode: arrival.partnerCode, arrivedAt });
      this.logger.log(`${caseNumber}: arrived, not a national: no reintegration case`);
      return;
    }
    const openedAt = await this.open(arrival);
    await this.audit.record({
      actor: 'system',
      action: 'case-opened',
      subject: caseNumber,
      reason: `arrived at ${arrival.borderCrossingPoint} (transfer ${arrival.transferReference})`,
      id: `opened:${caseNumber}`,
    });
    for (const f of followUpSchedule(arrivedAt, await this.calendars.calendars())) {
      await this.followUps.insertOnce({ _id: `${caseNumber}:M${f.month}`, caseNumber, status: 'scheduled', overdueAlerted: false, ...f });
    }
    await this.timeline.project(caseNumber, { partnerCode: arrival.partnerCode, arrivedAt, openedAt });
  }

  /** When the case was opened: now, or when an earlier delivery opened it. */
  private async open(arrival: PersonArrivedV1): Promise<Date> {
    const now = this.clock.now();
    if (await this.cases.insertOnce(newCase(arrival, now))) {
      reintegrationMetrics.opened.inc({ minor: String(arrival.unaccompaniedMinor) });
      this.logger.log(
        `${arrival.caseNumber}: reintegration case opened${arrival.unaccompaniedMinor ? ' (unaccompanied minor: awaiting guardian)' : ''}`,
      );
      return now;
    }
    const existing = await this.cases.findById(arrival.caseNumber, { openedAt: 1 });
    this.logger.log(`${arrival.caseNumber}: reintegration case already open (redelivery)`);
    return existing?.openedAt ? new Date(existing.openedAt) : now;
  }
}
