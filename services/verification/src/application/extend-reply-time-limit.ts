import { Injectable } from '@nestjs/common';
import { CalendarSource, bakuDate, computeDeadline, formatInstant } from '@readmission/agreements';
import { Caller } from '@readmission/auth';
import { AuditTrail, Clock, deterministicId } from '@readmission/platform';
import { assertExtensionAllowed, assertLaterThan } from '../domain/reply-extension';
import { VerificationCases } from '../infrastructure/verification-cases.repository';
import { openCase } from './open-case';
import { partnerReply } from './partner-reply';
import { verificationMetrics } from './verification-metrics';

/**
 * A motivated extension of the reply time limit, asked for before it falls due, within the agreement's maximum
 * counted from the original limit (the one deadline calculator, in the maximum's unit); the partner is told
 * (`readmission.reply.extended.v1`).
 */
@Injectable()
export class ExtendReplyTimeLimit {
  constructor(
    private readonly cases: VerificationCases,
    private readonly calendars: CalendarSource,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(
    caseNumber: string,
    input: { days: number; reason: string },
    caller: Caller,
  ): Promise<{ caseNumber: string; replyDueBy: string }> {
    const found = await openCase(this.cases, caseNumber);
    const max = found.agreementRules.timeLimits.replyExtensionMax;
    const now = this.clock.now();
    assertExtensionAllowed({ agreement: found.agreement, days: input.days, max, replyDueBy: found.replyDueBy, now });
    const extension = computeDeadline(
      'replyExtension',
      { ...max, value: input.days },
      { date: bakuDate(found.originalReplyDueBy) },
      await this.calendars.calendars(),
      {
        rulebookVersion: found.rulebookVersion,
      },
    );
    const replyDueBy = extension.dueBy;
    assertLaterThan(replyDueBy, found.replyDueBy);
    const replyId = deterministicId('reply-extended', caseNumber, replyDueBy.toISOString());
    const notice = partnerReply(
      found,
      'readmission.reply.extended.v1',
      replyId,
      { partnerReference: found.partnerReference, caseNumber, replyDueBy: formatInstant(replyDueBy), reason: input.reason },
      now,
    );
    const event = { at: now, event: 'reply-extended', by: caller.subject, details: { replyDueBy, days: input.days, rule: extension.rule } };
    await this.cases.update({ _id: caseNumber }, { $set: { replyDueBy, replyExtension: extension }, $push: { history: event } }, [notice]);
    await this.audit.record({
      actor: caller,
      action: 'reply-extended',
      subject: caseNumber,
      reason: input.reason,
      details: { days: input.days, replyDueBy },
    });
    verificationMetrics.extensions.inc();
    return { caseNumber, replyDueBy: formatInstant(replyDueBy) };
  }
}
