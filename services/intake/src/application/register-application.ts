import { Injectable, Logger } from '@nestjs/common';
import { Deadline, MissingCalendarError, formatInstant } from '@readmission/agreements';
import { ApplicationSubmittedV1, PartnerMessage, RawHeaders, encodeInternalEvent } from '@readmission/contracts';
import { NotFoundError } from '@readmission/errors';
import { annotateLog } from '@readmission/messaging';
import { fingerprintOf } from '@readmission/persistence';
import { Clock, deterministicId } from '@readmission/platform';
import { ReferenceData } from '@readmission/reference-data';
import { checkApplication, replyDeadline } from '../domain/application-checks';
import { caseNumberYear } from '../domain/case-number';
import { INTAKE_SOURCE } from '../domain/event-sources';
import { inboundEntry } from '../domain/message-history';
import { partnerReply } from '../domain/partner-reply';
import { duplicateReference } from '../domain/rejection-reasons';
import { searchKeys } from '../domain/search-name';
import { CaseNumberSequence } from '../infrastructure/case-number-sequence';
import { CaseRepository } from '../infrastructure/case.repository';
import { intakeMetrics } from './intake-metrics';
import { RejectPartnerMessage } from './reject-partner-message';
import { RepeatFirstAnswer } from './repeat-first-answer';

/**
 * Registers a partner application once and acknowledges it, or answers why it cannot be registered. The case,
 * its acknowledgement and the case-registered event are one write (with its outbox).
 */
@Injectable()
export class RegisterApplication {
  private readonly logger = new Logger(RegisterApplication.name);

  constructor(
    private readonly cases: CaseRepository,
    private readonly caseNumbers: CaseNumberSequence,
    private readonly answers: RepeatFirstAnswer,
    private readonly reject: RejectPartnerMessage,
    private readonly referenceData: ReferenceData,
    private readonly clock: Clock,
  ) {}

  async execute(message: PartnerMessage, application: ApplicationSubmittedV1, headers: RawHeaders, receivedAt: Date): Promise<void> {
    const { partnerCode, envelope } = message;
    // Same content hash as ever: a stored case compares equal to a resend of its application.
    const hash = fingerprintOf(application);
    const existing = await this.cases.findByReference(partnerCode, application.partnerReference);
    if (existing && existing.contentHash === hash) {
      // A partner's resend of the same application under a new ce_id: its receipt is recorded, and the first answer
      // is repeated, nothing more.
      this.logger.log(`${existing._id}: same application resent as ${envelope.id}, repeating the acknowledgement`);
      await this.cases.applyInbound(existing._id, inboundEntry(message, headers, receivedAt));
      await this.answers.repeat(existing.history, existing.inboundIds[0], partnerCode);
      return;
    }

    const rulebook = await this.referenceData.rulebookAt(receivedAt);
    const calendars = await this.referenceData.calendarBook(receivedAt);
    const check = checkApplication(application, partnerCode, receivedAt, rulebook, calendars);
    if (!check.ok) return this.reject.execute(message, application.partnerReference, headers, [check.reason], receivedAt);
    if (existing)
      return this.reject.execute(
        message,
        application.partnerReference,
        headers,
        [duplicateReference(application.partnerReference, existing._id)],
        receivedAt,
      );

    const { agreement } = check;
    const acknowledgedAt = this.clock.now();
    let reply: Deadline;
    try {
      reply = replyDeadline(agreement, application.procedure, { receivedAt, acknowledgedAt }, calendars, rulebook.version);
    } catch (error) {
      // A missing calendar is an operator's matter, never the partner's: fail loudly (dead-letter, counted).
      if (error instanceof MissingCalendarError) throw new NotFoundError(`cannot compute the reply time limit: ${error.message}`);
      throw error;
    }
    const caseNumber = await this.caseNumbers.next(caseNumberYear(receivedAt));
    const ack = partnerReply(
      partnerCode,
      'readmission.application.acknowledged.v1',
      deterministicId('ack', partnerCode, envelope.id),
      {
        partnerReference: application.partnerReference,
        caseNumber,
        receivedAt: formatInstant(receivedAt),
        agreement: agreement.code,
        procedure: application.procedure,
        replyDueBy: formatInstant(reply.dueBy),
      },
      { subject: caseNumber, causationId: envelope.id },
      this.clock.now(),
    );
    const registered = encodeInternalEvent(
      'readmission.internal.case-registered.v1',
      {
        caseNumber,
        partnerCode,
        partnerReference: application.partnerReference,
        agreement: agreement.code,
        rulebookVersion: rulebook.version,
        agreementRules: agreement,
        procedure: application.procedure,
        category: application.category,
        receivedAt: formatInstant(receivedAt),
        replyDueBy: formatInstant(reply.dueBy),
        application,
      },
      {
        id: deterministicId('registered', caseNumber),
        source: INTAKE_SOURCE,
        time: receivedAt.toISOString(),
        subject: caseNumber,
        causationId: envelope.id,
      },
    );
    const inserted = await this.cases.insertOnce(
      {
        _id: caseNumber,
        partnerCode,
        partnerReference: application.partnerReference,
        agreement: agreement.code,
        rulebookVersion: rulebook.version,
        procedure: application.procedure,
        category: application.category,
        status: 'registered',
        receivedAt,
        acknowledgedAt,
        replyDueBy: reply.dueBy,
        deadlines: [...check.deadlines, reply],
        contentHash: hash,
        searchKeys: searchKeys(application.person),
        inboundIds: [envelope.id],
        replyIds: [ack.entry.ceId],
        history: [inboundEntry(message, headers, receivedAt), ack.entry],
      },
      [ack.record, registered],
    );
    // Another delivery registered the same reference a moment ago: handle this one again as a repeat.
    if (!inserted) return this.execute(message, application, headers, receivedAt);
    annotateLog({ caseNumber });
    intakeMetrics.acknowledged.inc({ partner: partnerCode });
    this.logger.log(
      `${caseNumber} registered for ${partnerCode} under ${agreement.code}, rulebook ${rulebook.version} (${application.procedure}, ${application.category})`,
    );
  }
}
