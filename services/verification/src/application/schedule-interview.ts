import { Injectable } from '@nestjs/common';
import { CalendarSource, Deadline, bakuDate, computeDeadline, formatInstant } from '@readmission/agreements';
import { OutgoingRecord } from '@readmission/messaging';
import { Clock, deterministicId } from '@readmission/platform';
import { CaseEvent, Proposal } from '../domain/verification-case';
import { Interview, VerificationCase } from '../infrastructure/verification-case.schema';
import { partnerReply } from './partner-reply';
import { verificationMetrics } from './verification-metrics';

export interface ScheduledInterview {
  interview: Interview & { deadline: Deadline };
  event: CaseEvent;
  /** `readmission.interview.scheduled.v1` for the partner, to queue with the write that schedules it. */
  record: OutgoingRecord;
}

type Scheduled = Pick<
  VerificationCase,
  '_id' | 'partnerCode' | 'partnerReference' | 'applicationMessageId' | 'agreementRules' | 'rulebookVersion' | 'application'
>;

/**
 * A consular interview at the consular section in the partner state, at 10:00 Baku time on the last day of the
 * agreement's interview time limit counted from today (the one deadline calculator, Azerbaijani working days).
 */
@Injectable()
export class ScheduleInterview {
  constructor(
    private readonly calendars: CalendarSource,
    private readonly clock: Clock,
  ) {}

  async execute(found: Scheduled, proposal: Proposal, causationId: string): Promise<ScheduledInterview> {
    const now = this.clock.now();
    const calendars = await this.calendars.calendars();
    const deadline = computeDeadline('interview', found.agreementRules.timeLimits.interview, { date: bakuDate(now) }, calendars, {
      rulebookVersion: found.rulebookVersion,
    });
    const at = new Date(`${deadline.dueDate}T10:00:00+04:00`);
    const place = `Consular section of the Embassy of the Republic of Azerbaijan accredited to ${found.partnerCode}`;
    const requestedBy = found.application.interviewRequested ? 'partner' : 'platform';
    const record = partnerReply(
      found,
      'readmission.interview.scheduled.v1',
      deterministicId('interview', found._id),
      { partnerReference: found.partnerReference, caseNumber: found._id, at: formatInstant(at), place },
      now,
      causationId,
    );
    verificationMetrics.interviews.inc();
    return {
      interview: { requestedBy, at, place, deadline },
      event: { at: now, event: 'interview-scheduled', by: 'system', details: { at, why: proposal.why } },
      record,
    };
  }
}
