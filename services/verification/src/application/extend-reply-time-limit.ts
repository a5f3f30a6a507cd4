import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { addCalendarDays, bakuDate, endOfBakuDay, formatInstant } from '@readmission/agreements';
import { Caller } from '@readmission/auth';
import { AuditTrail, Clock, deterministicId } from '@readmission/platform';
import { VerificationCases } from '../infrastructure/verification-cases.repository';
import { openCase } from './open-case';
import { partnerReply } from './partner-reply';
import { verificationMetrics } from './verification-metrics';

/**
 * A motivated extension of the reply time limit, asked for before it falls due, within the agreement's maximum
 * counted from the original limit; the partner is told (`readmission.reply.extended.v1`).
 */
@Injectable()
export class ExtendReplyTimeLimit {
  constructor(
    private readonly cases: VerificationCases,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(caseNumber: string, input: { days: number; reason: string }, caller: Caller): Promise<{ caseNumber: string; replyDueBy: string }> {
    const found = await openCase(this.cases, caseNumber);
    const max = found.agreementRules.timeLimits.replyExtensionMax;
    if (input.days < 1 || input.days > max.value) throw new BadRequestException(`${found.agreement} allows an extension of 1 to ${max.value} ${max.unit} (${max.status}: ${max.source})`);
    const now = this.clock.now();
    if (now > found.replyDueBy) throw new ConflictException(`the reply time limit ${formatInstant(found.replyDueBy)} has passed: an extension is asked for before it falls due`);
    const replyDueBy = endOfBakuDay(addCalendarDays(bakuDate(found.originalReplyDueBy), input.days));
    if (replyDueBy <= found.replyDueBy) throw new ConflictException(`the reply is already due ${formatInstant(found.replyDueBy)}`);
    const replyId = deterministicId('reply-extended', caseNumber, replyDueBy.toISOString());
    const notice = partnerReply(found, 'readmission.reply.extended.v1', replyId, { partnerReference: found.partnerReference, caseNumber, replyDueBy: formatInstant(replyDueBy), reason: input.reason }, now);
    await this.cases.update({ _id: caseNumber }, { $set: { replyDueBy }, $push: { history: { at: now, event: 'reply-extended', by: caller.subject, details: { replyDueBy, days: input.days } } } }, [notice]);
    await this.audit.record({ actor: caller, action: 'reply-extended', subject: caseNumber, reason: input.reason, details: { days: input.days, replyDueBy } });
    verificationMetrics.extensions.inc();
    return { caseNumber, replyDueBy: formatInstant(replyDueBy) };
  }
}
