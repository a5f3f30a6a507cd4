import { Injectable } from '@nestjs/common';
import { Caller } from '@readmission/auth';
import { AuditTrail, Clock } from '@readmission/platform';
import { EvidenceFindings } from '../domain/evidence';
import { Proposal, outcomeOf } from '../domain/verification-case';
import { VerificationCases } from '../infrastructure/verification-cases.repository';
import { AssessCase } from './assess-case';
import { DecideCase } from './decide-case';
import { openCase } from './open-case';

/**
 * The officer records that the person was (or was not) only in airside transit at an Azerbaijani airport, which
 * excludes the obligation for third-country nationals where the agreement says so; the checks run again and a
 * proposal to accept is carried out; a proposal to refuse waits for two officers (four eyes).
 */
@Injectable()
export class RecordAirsideTransitFinding {
  constructor(
    private readonly cases: VerificationCases,
    private readonly assess: AssessCase,
    private readonly decide: DecideCase,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(
    caseNumber: string,
    input: { airsideTransitOnly: boolean; reason: string },
    caller: Caller,
  ): Promise<{ decided: boolean; proposal: Proposal }> {
    const found = await openCase(this.cases, caseNumber);
    const findings: EvidenceFindings = { ...found.findings, airsideTransitOnly: input.airsideTransitOnly };
    const { assessment, registry, proposal } = await this.assess.execute(
      found.application,
      found.agreementRules,
      found.receivedAt,
      findings,
      { replyDueBy: found.replyDueBy, rulebookVersion: found.rulebookVersion },
    );
    await this.cases.update(
      { _id: caseNumber },
      {
        $set: { findings, assessment, registry: registry.stored, proposal },
        $push: { history: { at: this.clock.now(), event: 'findings-recorded', by: caller.subject, details: { ...findings } } },
      },
    );
    await this.audit.record({
      actor: caller,
      action: 'findings-recorded',
      subject: caseNumber,
      reason: input.reason,
      details: { ...findings, proposal: proposal.action },
    });
    const outcome = outcomeOf(proposal);
    if (!outcome) return { decided: false, proposal };
    await this.decide.execute(caseNumber, outcome, caller.subject);
    return { decided: true, proposal };
  }
}
