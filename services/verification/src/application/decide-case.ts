import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { formatInstant } from '@readmission/agreements';
import { encodeInternalEvent } from '@readmission/contracts';
import { Clock, deterministicId } from '@readmission/platform';
import { Outcome, Proposal, VerificationStatus, isOpen, outcomeOf } from '../domain/verification-case';
import { Decisions } from '../infrastructure/decisions.repository';
import { VerificationCase } from '../infrastructure/verification-case.schema';
import { VerificationCases } from '../infrastructure/verification-cases.repository';
import { SOURCE, partnerReply } from './partner-reply';
import { verificationMetrics } from './verification-metrics';

/**
 * Decides a case once, whoever decides (the rules, an officer, the reply sweep, another instance): the decision is
 * an insert-once document whose _id is the case number, carrying the partner reply and `case-decided` in its
 * outbox; a second decider finds it taken. insertOnce rather than the inbox: the effect is once per case, not per
 * message.
 */
@Injectable()
export class DecideCase {
  private readonly logger = new Logger(DecideCase.name);

  constructor(
    private readonly cases: VerificationCases,
    private readonly decisions: Decisions,
    private readonly clock: Clock,
  ) {}

  /** `at`: when the decision takes effect, if not now (a deemed acceptance takes effect when the reply fell due). */
  async execute(caseNumber: string, outcome: Outcome, decidedBy: string, causationId?: string, at?: Date): Promise<{ decided: boolean }> {
    const found = await this.cases.findById(caseNumber);
    if (!found) throw new NotFoundException(`no case ${caseNumber}`);
    const decidedAt = at ?? this.clock.now();
    const grounds = outcome.grounds ? { grounds: outcome.grounds } : {};
    const reply = { partnerReference: found.partnerReference, caseNumber, decision: outcome.decision, basis: outcome.basis, ...grounds, decidedAt: formatInstant(decidedAt), deemed: outcome.deemed };
    const records = [
      partnerReply(found, 'readmission.application.decided.v1', deterministicId('decided', caseNumber), reply, this.clock.now(), causationId),
      this.caseDecided(found, outcome, decidedAt, causationId),
    ];
    if (!(await this.decisions.insertOnce({ _id: caseNumber, ...outcome, decidedAt, decidedBy }, records))) {
      this.logger.log(`${caseNumber}: already decided`);
      await this.markDecided(caseNumber);
      return { decided: false };
    }
    await this.cases.update(
      { _id: caseNumber },
      {
        $set: { status: 'decided', decision: { ...outcome, decidedAt, decidedBy } },
        $push: { history: { at: decidedAt, event: 'decided', by: decidedBy, details: { decision: outcome.decision, basis: outcome.basis, deemed: outcome.deemed } } },
      },
    );
    verificationMetrics.decisions.inc({ decision: outcome.decision, basis: outcome.basis, deemed: String(outcome.deemed) });
    this.logger.log(`${caseNumber}: ${outcome.deemed ? 'deemed ' : ''}${outcome.decision} (${outcome.basis}) by ${decidedBy}`);
    return { decided: true };
  }

  /**
   * Carries out the decision the rules proposed for an open case, if they proposed one: also after a crash between
   * opening (or re-checking) a case and deciding it, which is harmless when the decision was taken.
   */
  async asProposed(found: { _id: string; status: VerificationStatus; proposal?: Proposal }, decidedBy: string, causationId?: string): Promise<{ decided: boolean }> {
    const outcome = outcomeOf(found.proposal);
    if (!isOpen(found.status) || !outcome) return { decided: false };
    return this.execute(found._id, outcome, decidedBy, causationId);
  }

  /** The decision document exists: make sure the case says so too (a crash may have come between the two writes). */
  private async markDecided(caseNumber: string): Promise<void> {
    const record = await this.decisions.findById(caseNumber);
    if (!record) return;
    const { decision, basis, grounds, deemed, decidedAt, decidedBy } = record;
    await this.cases.update({ _id: caseNumber, status: { $ne: 'decided' } }, { $set: { status: 'decided', decision: { decision, basis, grounds, deemed, decidedAt, decidedBy } } });
  }

  private caseDecided(found: Omit<VerificationCase, 'outbox'>, outcome: Outcome, decidedAt: Date, causationId?: string) {
    const caseNumber = found._id;
    const { person, family, assistance, unaccompaniedMinor } = found.application;
    return encodeInternalEvent(
      'readmission.internal.case-decided.v1',
      {
        caseNumber,
        partnerCode: found.partnerCode,
        partnerReference: found.partnerReference,
        agreement: found.agreement,
        category: found.category,
        decision: outcome.decision,
        basis: outcome.basis,
        ...(outcome.grounds ? { grounds: outcome.grounds } : {}),
        decidedAt: formatInstant(decidedAt),
        deemed: outcome.deemed,
        receivedAt: formatInstant(found.receivedAt),
        rulebookVersion: found.rulebookVersion,
        agreementRules: found.agreementRules as unknown as Record<string, unknown>,
        person: { surname: person.surname, givenNames: person.givenNames, sex: person.sex, dateOfBirth: person.dateOfBirth, nationality: person.nationality },
        // Family members (spouse, minor unmarried children) are decided with the person (docs/rules.md, Evidence).
        family: family ?? [],
        assistance,
        unaccompaniedMinor: unaccompaniedMinor ?? false,
      },
      { id: deterministicId('case-decided', caseNumber), source: SOURCE, time: decidedAt.toISOString(), subject: caseNumber, causationId },
    );
  }
}
