import { Injectable, Logger } from '@nestjs/common';
import { Deadline, formatInstant } from '@readmission/agreements';
import { Caller } from '@readmission/auth';
import { RequestSubmittedV1 } from '@readmission/contracts';
import { RuleBrokenError } from '@readmission/errors';
import { AuditTrail, Clock, deterministicId } from '@readmission/platform';
import { ReferenceData } from '@readmission/reference-data';
import { caseNumberYear } from '../domain/case-number';
import { RequestCheck, RequestDraft, checkOutgoingRequest, partnerReplyDeadline } from '../domain/outgoing-request';
import { partnerReply } from '../domain/partner-reply';
import { intakeMetrics } from './intake-metrics';
import { OutgoingRequestRepository } from '../infrastructure/outgoing-request.repository';

/**
 * An officer's readmission application to a partner: checked against the rulebook in effect now exactly as the
 * partner will judge it (every problem named by field and article: nothing is sent), then numbered, stored and
 * written to the partner's outbound topic (`readmission.request.submitted.v1`) in one write with its outbox.
 */
@Injectable()
export class SubmitOutgoingRequest {
  private readonly logger = new Logger(SubmitOutgoingRequest.name);

  constructor(
    private readonly requests: OutgoingRequestRepository,
    private readonly referenceData: ReferenceData,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** The check alone, for the officer building the application (nothing is stored or sent). */
  async check(partnerCode: string, draft: RequestDraft): Promise<RequestCheck> {
    const now = this.clock.now();
    return checkOutgoingRequest(
      draft,
      partnerCode,
      now,
      await this.referenceData.rulebookAt(now),
      await this.referenceData.calendarBook(now),
    );
  }

  async execute(partnerCode: string, draft: RequestDraft, caller: Caller): Promise<{ requestNumber: string; replyDueBy?: Date }> {
    const now = this.clock.now();
    const rulebook = await this.referenceData.rulebookAt(now);
    const calendars = await this.referenceData.calendarBook(now);
    const check = checkOutgoingRequest(draft, partnerCode, now, rulebook, calendars);
    if (!check.ok)
      throw new RuleBrokenError(`the application cannot be sent to ${partnerCode}: ${check.problems.length} problem(s)`, check.problems);

    const { agreement } = check;
    const requestNumber = await this.requests.nextNumber(caseNumberYear(now));
    const application: RequestSubmittedV1 = { requestNumber, agreement: agreement.code, ...draft, submittedAt: formatInstant(now) };
    const sent = partnerReply(
      partnerCode,
      'readmission.request.submitted.v1',
      deterministicId('request-submitted', requestNumber),
      application,
      { subject: requestNumber },
      now,
    );
    const reply = partnerReplyDeadline(agreement, draft.procedure, partnerCode, { sentAt: now }, calendars, rulebook.version);
    const deadlines: Deadline[] = [...check.deadlines, ...(reply ? [reply] : [])];
    await this.requests.insert(
      {
        _id: requestNumber,
        partnerCode,
        agreement: agreement.code,
        rulebookVersion: rulebook.version,
        agreementRules: agreement,
        procedure: draft.procedure,
        category: draft.category,
        status: 'submitted',
        officer: caller.subject,
        sentAt: now,
        application,
        ...(reply ? { replyDueBy: reply.dueBy } : {}),
        alertsRaised: [],
        deadlines,
        appliedIds: [],
        history: [sent.entry],
        events: [],
      },
      [sent.record],
    );
    await this.audit.record({
      actor: caller,
      action: 'outgoing-request-sent',
      subject: requestNumber,
      reason: `readmission application to ${partnerCode} under ${agreement.code}`,
      details: {
        partner: partnerCode,
        agreement: agreement.code,
        procedure: draft.procedure,
        category: draft.category,
        rulebookVersion: rulebook.version,
      },
    });
    intakeMetrics.requestsSent.inc({ partner: partnerCode, procedure: draft.procedure });
    this.logger.log(`${requestNumber}: sent to ${partnerCode} (${agreement.code}, ${draft.procedure})`);
    return { requestNumber, replyDueBy: reply?.dueBy };
  }
}
