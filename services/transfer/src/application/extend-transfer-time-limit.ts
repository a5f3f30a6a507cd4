import { Injectable } from '@nestjs/common';
import { bakuDate, formatInstant } from '@readmission/agreements';
import { Caller } from '@readmission/auth';
import { NotFoundError } from '@readmission/errors';
import { AuditTrail, Clock } from '@readmission/platform';
import { extendedTransferDueBy, officerExtensionReason } from '../domain/accepted-case';
import { AcceptedCases } from '../infrastructure/accepted-cases.repository';
import { PartnerReplies } from './partner-replies';
import { transferMetrics } from './transfer-metrics';

/**
 * An officer extends the transfer time limit for a legal or practical obstacle, where the agreement allows it (CH-AZ:
 * while it lasts); the partner is told the new limit (`transfer.time-limit-extended`, interface 1.1) in the same write.
 */
@Injectable()
export class ExtendTransferTimeLimit {
  constructor(
    private readonly cases: AcceptedCases,
    private readonly audit: AuditTrail,
    private readonly replies: PartnerReplies,
    private readonly clock: Clock,
  ) {}

  async execute(
    caseNumber: string,
    input: { until: string; reason: string },
    caller: Caller,
  ): Promise<{ caseNumber: string; transferDueBy: string }> {
    const found = await this.cases.findById(caseNumber);
    if (!found) throw new NotFoundError(`no accepted case ${caseNumber}`);
    const rule = found.decision.agreementRules.rules.transferExtension;
    const transferDueBy = extendedTransferDueBy(found, rule, input.until);
    const now = this.clock.now();
    const told = this.replies.transferTimeLimitExtended(
      { caseNumber, partnerCode: found.partnerCode, partnerReference: found.partnerReference },
      {
        transferDueBy,
        previousDueBy: new Date(found.transferDueBy),
        cause: 'officer-extension',
        reason: officerExtensionReason(found, rule, transferDueBy),
      },
      `officer:${formatInstant(transferDueBy)}`,
    );
    await this.cases.update(
      { _id: caseNumber },
      {
        $set: { transferDueBy },
        $push: {
          extensions: { until: input.until, reason: input.reason, by: caller.subject, at: now },
          history: { at: now, event: 'transfer-time-limit-extended', by: caller.subject, details: { until: input.until } },
        },
      },
      [told],
    );
    await this.audit.record({
      actor: caller,
      action: 'transfer-time-limit-extended',
      subject: caseNumber,
      reason: input.reason,
      details: { until: input.until, previous: bakuDate(found.transferDueBy), rule: rule.value },
    });
    transferMetrics.extensions.inc();
    return { caseNumber, transferDueBy: formatInstant(transferDueBy) };
  }
}
