import { Injectable } from '@nestjs/common';
import { Caller } from '@readmission/auth';
import { InvalidInputError } from '@readmission/errors';
import { AuditTrail } from '@readmission/platform';
import { DecisionBasis, needsSecondOfficer } from '../domain/verification-case';
import { VerificationCases } from '../infrastructure/verification-cases.repository';
import { DecideCase } from './decide-case';
import { FourEyes } from './four-eyes';
import { openCase } from './open-case';

export interface OfficerDecision {
  decision: 'accepted' | 'refused';
  basis: DecisionBasis;
  grounds?: string;
  /** Why the officer decides so: kept in the audit trail. */
  reason: string;
}

/**
 * The officer decides, confirming or overriding the proposal; the reason is mandatory and audited. A refusal or an
 * override of a proposal to refuse waits for a second officer (FourEyes); an acceptance the rules proposed, or one
 * after a review or an interview, takes effect at once.
 */
@Injectable()
export class RecordOfficerDecision {
  constructor(
    private readonly cases: VerificationCases,
    private readonly decide: DecideCase,
    private readonly fourEyes: FourEyes,
    private readonly audit: AuditTrail,
  ) {}

  async execute(
    caseNumber: string,
    input: OfficerDecision,
    caller: Caller,
  ): Promise<{ decided: boolean; awaitingConfirmation?: boolean; replyDueBy?: Date }> {
    const found = await openCase(this.cases, caseNumber);
    if (input.decision === 'refused' && !input.grounds)
      throw new InvalidInputError('a refusal needs written grounds for the partner', [
        { path: 'grounds', message: 'required when the decision is refused' },
      ]);
    const secondOfficer = needsSecondOfficer(input.decision, found.proposal);
    if (secondOfficer) return this.fourEyes.propose(found, input, secondOfficer, caller);
    const overrides = !found.proposal || found.proposal.action !== 'accept';
    await this.audit.record({
      actor: caller,
      action: overrides ? 'decision-overridden' : 'decision-confirmed',
      subject: caseNumber,
      reason: input.reason,
      details: { decision: input.decision, basis: input.basis, proposal: found.proposal?.action },
    });
    return this.decide.execute(
      caseNumber,
      { decision: input.decision, basis: input.basis, grounds: input.grounds, deemed: false },
      caller.subject,
    );
  }
}
