import { Injectable } from '@nestjs/common';
import { bakuDate, computeDeadline, formatInstant } from '@readmission/agreements';
import { Caller } from '@readmission/auth';
import { MistakeEvidenceV1 } from '@readmission/contracts';
import { ConflictError, NotFoundError, RuleBrokenError } from '@readmission/errors';
import { AuditTrail, Clock, deterministicId } from '@readmission/platform';
import { Stored } from '@readmission/persistence';
import { ReferenceData } from '@readmission/reference-data';
import { assertWithinPeriod, mistakePeriodName, mistakePeriodOf } from '../domain/readmission-by-mistake';
import { AcceptedCases } from '../infrastructure/accepted-cases.repository';
import { Completions } from '../infrastructure/completions.repository';
import { HandoverRecords } from '../infrastructure/handover-records.repository';
import { MistakeReturn } from '../infrastructure/mistake-return.schema';
import { MistakeReturns } from '../infrastructure/mistake-returns.repository';
import { PartnerReplies } from './partner-replies';
import { RulebookSource } from './rulebook-source';
import { transferMetrics } from './transfer-metrics';

/**
 * An officer asks the partner to take back a person Azerbaijan readmitted by mistake: only for a person handed over
 * at a completed transfer, only within the agreement's period from the Baku day of the handover (computeDeadline);
 * the request goes to the partner as `readmission.mistake.return-requested.v1` (interface 1.1).
 * docs/rules.md#readmission-by-mistake.
 */
@Injectable()
export class RequestReturnByMistake {
  constructor(
    private readonly cases: AcceptedCases,
    private readonly handovers: HandoverRecords,
    private readonly completions: Completions,
    private readonly mistakes: MistakeReturns,
    private readonly rulebooks: RulebookSource,
    private readonly referenceData: ReferenceData,
    private readonly replies: PartnerReplies,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(
    input: { caseNumber: string; grounds: string; evidence: MistakeEvidenceV1[] },
    caller: Caller,
  ): Promise<Stored<MistakeReturn>> {
    const { caseNumber } = input;
    const accepted = await this.cases.findById(caseNumber);
    if (!accepted) throw new NotFoundError(`no accepted case ${caseNumber}`);
    const handover = (await this.handovers.find({ caseNumber, outcome: 'arrived' }))[0];
    if (!handover || !(await this.completions.findById(handover.transferId)))
      throw new RuleBrokenError(
        `${caseNumber}: the person was not handed over at a completed transfer; only a readmitted person can be returned by mistake`,
      );
    if (await this.mistakes.findById(caseNumber))
      throw new ConflictError(`${caseNumber}: a request for readmission by mistake exists already`);

    const now = this.clock.now();
    const handedOverOn = bakuDate(handover.recordedAt);
    const name = mistakePeriodName(accepted.category);
    // The case's own rules first; a case decided under a rulebook without the rule takes it from a version that has it.
    const own = mistakePeriodOf(accepted.decision.agreementRules.rules, accepted.category);
    const { rule, rulebookVersion } = own
      ? { rule: own, rulebookVersion: accepted.decision.rulebookVersion }
      : await this.rulebooks.procedureRule(accepted.partnerCode, handedOverOn, name);
    const period = computeDeadline(name, rule, { date: handedOverOn }, await this.referenceData.calendarBook(now), { rulebookVersion });
    assertWithinPeriod(now, period, accepted.agreement, handedOverOn);

    const transferReference = handover.transferId.slice(accepted.partnerCode.length + 1);
    const request = this.replies.mistakeReturnRequested(accepted.partnerCode, {
      partnerReference: accepted.partnerReference,
      caseNumber,
      transferReference,
      handedOverOn,
      category: accepted.category as 'national',
      grounds: input.grounds,
      evidence: input.evidence,
      rule: period.rule.slice(0, 500),
      periodEndsOn: period.dueDate,
      requestedAt: formatInstant(now),
    });
    const doc: Stored<MistakeReturn> = {
      _id: caseNumber,
      partnerCode: accepted.partnerCode,
      partnerReference: accepted.partnerReference,
      agreement: accepted.agreement,
      category: accepted.category,
      transferId: handover.transferId,
      handedOverOn,
      status: 'requested',
      period,
      grounds: input.grounds,
      evidence: input.evidence,
      requestedBy: caller.subject,
      requestedAt: now,
      history: [{ at: now, event: 'return-by-mistake-requested', by: caller.subject, details: { periodEndsOn: period.dueDate } }],
    };
    if (!(await this.mistakes.insertOnce(doc, [request])))
      throw new ConflictError(`${caseNumber}: a request for readmission by mistake exists already`);
    await this.audit.record({
      actor: caller,
      action: 'return-by-mistake-requested',
      subject: caseNumber,
      reason: input.grounds,
      id: deterministicId('audit', 'mistake-requested', caseNumber),
      details: { rule: period.rule, periodEndsOn: period.dueDate, evidence: input.evidence.length },
    });
    transferMetrics.mistakeReturns.inc({ partner: accepted.partnerCode, outcome: 'requested' });
    return doc;
  }
}
