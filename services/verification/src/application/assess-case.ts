import { Inject, Injectable } from '@nestjs/common';
import { AgreementRules, CalendarSource, bakuDate, computeDeadline } from '@readmission/agreements';
import { ApplicationSubmittedV1 } from '@readmission/contracts';
import { Clock } from '@readmission/platform';
import { AssessmentOutcome, RegistryOutcome, proposeDecision } from '../domain/decision-rules';
import { EvidenceAssessment, EvidenceFindings, classifyEvidence } from '../domain/evidence';
import { citeRule, groundsWithRule } from '../domain/rule-citation';
import { Proposal } from '../domain/verification-case';
import { CitizenRecord } from '../infrastructure/registry/citizen-record';
import { RegistryCheck } from '../infrastructure/verification-case.schema';
import { CITIZEN_REGISTRY, CitizenRegistry } from './citizen-registry';

export interface CaseAssessment {
  assessment: EvidenceAssessment;
  registry: { outcome: RegistryOutcome; stored: RegistryCheck };
  proposal: Proposal;
}

/** What the proposal needs to know of the case beyond its application: its reply time limit and rulebook version. */
export interface CaseContext {
  replyDueBy: Date;
  rulebookVersion?: string;
}

/**
 * The checks of a case, run when it opens and again on a supplement or a finding: the evidence classified by the
 * agreement's annexes on the date of receipt, the citizen registry asked, and the proposal the rules draw. A
 * proposal to accept on prima facie evidence gets the end of its review window (`rules.primaFacieReview`, never
 * after the reply time limit); a proposal to refuse gets the rule it applies in its grounds.
 */
@Injectable()
export class AssessCase {
  constructor(
    @Inject(CITIZEN_REGISTRY) private readonly registry: CitizenRegistry,
    private readonly calendars: CalendarSource,
    private readonly clock: Clock,
  ) {}

  async execute(
    application: ApplicationSubmittedV1,
    rules: AgreementRules,
    receivedAt: Date,
    findings: EvidenceFindings = {},
    context?: CaseContext,
  ): Promise<CaseAssessment> {
    const assessment = classifyEvidence(
      { category: application.category, evidence: application.evidence },
      rules,
      bakuDate(receivedAt),
      findings,
    );
    const registry = await this.checkRegistry(application, assessment);
    const proposal = proposeDecision(
      application.category,
      assessment as AssessmentOutcome,
      application.category === 'national' ? registry.outcome : undefined,
      application.interviewRequested,
    );
    if (proposal.action === 'refuse' && proposal.grounds)
      proposal.grounds = groundsWithRule(
        proposal.grounds,
        rules,
        application.category,
        proposal.basis ?? 'prima-facie',
        !!assessment.obligationExcluded,
        context?.rulebookVersion,
      );
    if (proposal.afterReview && context) await this.reviewWindow(proposal, application, rules, receivedAt, context);
    return { assessment, registry, proposal };
  }

  /** The end of the window in which officers may contest an acceptance on prima facie evidence (rulebook value). */
  private async reviewWindow(
    proposal: Proposal,
    application: ApplicationSubmittedV1,
    rules: AgreementRules,
    receivedAt: Date,
    context: CaseContext,
  ): Promise<void> {
    const period = application.procedure === 'accelerated' ? rules.rules.primaFacieReviewAccelerated : rules.rules.primaFacieReview;
    if (!period) return; // an older rulebook: an officer decides
    const window = computeDeadline('prima-facie-review', period, { date: bakuDate(receivedAt) }, await this.calendars.calendars(), {
      rulebookVersion: context.rulebookVersion,
    });
    proposal.reviewEndsBy = window.dueBy < context.replyDueBy ? window.dueBy : context.replyDueBy;
    proposal.reviewRule = `${window.rule}; ${citeRule(rules, period, context.rulebookVersion)}`;
  }

  /** Looks the person up, and each proof document's number: held for someone else, the evidence is contested. */
  private async checkRegistry(application: ApplicationSubmittedV1, assessment: EvidenceAssessment) {
    const candidates = application.category === 'national' ? await this.registry.findCandidates(application.person) : [];
    const best = candidates[0];
    const matched = best?.verdict === 'match' ? best.personalId : undefined;
    // Each numbered document that established the evidence is looked up: held for someone else, a proof document
    // is contested (interview) and a prima facie one is contradicted (the presumption is rebutted).
    const heldByOthers: { type: string; number: string; heldBy: string[] }[] = [];
    if (application.category === 'national' && assessment.strongest !== 'none') {
      for (const index of assessment.establishedBy) {
        const item = application.evidence[index];
        if (!item?.number) continue;
        const holders = await this.registry.findDocumentHolders(item.type, item.number);
        const others = holders.filter((h) => h.personalId !== matched).map((h) => h.personalId);
        if (others.length > 0) heldByOthers.push({ type: item.type, number: item.number, heldBy: others });
      }
    }
    const contested = assessment.strongest === 'proof' ? heldByOthers : [];
    const contradicted = assessment.strongest === 'prima-facie' ? heldByOthers : [];
    // The registry's record of the person says they are not a citizen: positive contrary evidence.
    const notCitizen =
      best && matched && (best.record as CitizenRecord).citizenship === 'not-citizen' ? { personalId: matched } : undefined;
    const outcome: RegistryOutcome = {
      source: this.registry.source,
      best: best ? { verdict: best.verdict, personalId: best.personalId, score: best.score } : undefined,
      contested,
      contradicted,
      ...(notCitizen ? { notCitizen } : {}),
    };
    const stored: RegistryCheck = {
      source: this.registry.source,
      candidates: candidates
        .slice(0, 10)
        .map((c) => ({ personalId: c.personalId, score: c.score, verdict: c.verdict, explanation: c.explanation })),
      contestedDocuments: contested,
      contradictingDocuments: contradicted,
      ...(notCitizen ? { recordedNotCitizen: notCitizen.personalId } : {}),
      checkedAt: this.clock.now(),
    };
    return { outcome, stored };
  }
}
