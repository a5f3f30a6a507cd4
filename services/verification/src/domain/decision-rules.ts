import { Proposal } from './verification-case';

/** What the evidence classification concluded (see ./evidence). */
export interface AssessmentOutcome {
  strongest: 'proof' | 'prima-facie' | 'none';
  obligationExcluded?: { reason: string };
  summary: string;
}

/** What the citizen registry said about the person. */
export interface RegistryOutcome {
  source: string;
  /** The best candidate's verdict, if any candidate reached the review threshold. */
  best?: { verdict: 'match' | 'possible'; personalId: string; score: number };
  /** Proof documents whose number the registry holds for another person. */
  contested: { type: string; number: string }[];
  /** Prima facie documents whose number the registry holds for another person: the presumption is rebutted. */
  contradicted?: { type: string; number: string }[];
  /** The matching record says the person is not (or no longer) a citizen of Azerbaijan: positive contrary evidence. */
  notCitizen?: { personalId: string };
}

/**
 * The platform's proposal for a case, from the evidence and the registry (CH-AZ Art. 6; docs/rules.md#evidence and
 * #prima-facie-evidence-and-the-burden-of-proof): proof establishes nationality unless the document is shown false
 * (contested → interview); prima facie evidence establishes it unless Azerbaijan proves the contrary, so an empty
 * registry result is no ground to refuse: the proposal is acceptance, which officers may contest within the review
 * window (`afterReview`). A refusal is proposed only on positive contrary evidence (the registry holds the document
 * for someone else, or records the person as not a citizen), and its grounds name that evidence; it takes effect
 * only when two officers have decided it. With no evidence, a consular interview decides.
 */
export function proposeDecision(
  category: 'national' | 'third-country-national' | 'stateless',
  assessment: AssessmentOutcome,
  registry: RegistryOutcome | undefined,
  interviewRequested: boolean,
): Proposal {
  if (assessment.obligationExcluded) {
    return {
      action: 'refuse',
      basis: 'prima-facie',
      grounds: assessment.obligationExcluded.reason,
      why: assessment.obligationExcluded.reason,
    };
  }
  if (registry && registry.contested.length > 0) {
    const docs = registry.contested.map((d) => `${d.type} ${d.number}`).join(', ');
    return {
      action: 'interview',
      why: `the citizen registry holds ${docs} for another person: the evidence is contested, a consular interview is needed`,
    };
  }
  if (interviewRequested) return { action: 'interview', why: 'the requesting state asked for a consular interview' };

  if (category !== 'national') {
    if (assessment.strongest === 'proof') return { action: 'accept', basis: 'proof', why: assessment.summary };
    if (assessment.strongest === 'prima-facie') return { action: 'accept', basis: 'prima-facie', why: assessment.summary };
    return {
      action: 'review',
      basis: 'prima-facie',
      grounds:
        'No evidence was presented that the person entered or stayed in the territory of the requesting state after staying in or passing through Azerbaijan.',
      why: `${assessment.summary}; proposal: refuse`,
    };
  }

  const match = registry?.best?.verdict === 'match';
  const notCitizen = registry?.notCitizen;
  const notCitizenGrounds = notCitizen
    ? `The citizen registry of the Republic of Azerbaijan holds the person (record ${notCitizen.personalId}) and records that the person is not a citizen of the Republic of Azerbaijan.`
    : '';
  switch (assessment.strongest) {
    case 'proof':
      if (notCitizen)
        return {
          action: 'interview',
          why: `${assessment.summary}; but the registry records the person as not a citizen: the evidence is contested, a consular interview is needed`,
        };
      return { action: 'accept', basis: 'proof', why: assessment.summary };
    case 'prima-facie': {
      const contradicted = registry?.contradicted ?? [];
      if (contradicted.length > 0) {
        const docs = contradicted.map((d) => `${d.type} ${d.number}`).join(', ');
        return {
          action: 'refuse',
          basis: 'registry',
          grounds: `The citizen registry of the Republic of Azerbaijan holds ${docs} for another person: the prima facie evidence of Azerbaijani nationality is rebutted.`,
          why: `${assessment.summary}; the registry contradicts it`,
        };
      }
      if (notCitizen)
        return {
          action: 'refuse',
          basis: 'registry',
          grounds: `${notCitizenGrounds} The prima facie evidence of Azerbaijani nationality is rebutted.`,
          why: `${assessment.summary}; the registry records the person as not a citizen`,
        };
      if (match)
        return {
          action: 'accept',
          basis: 'prima-facie',
          why: `${assessment.summary}; the citizen registry holds the person (${registry?.best?.personalId})`,
        };
      // Prima facie evidence stands unless the contrary is proven: a registry without the person (or with possible
      // matches only) is no proof of the contrary. Accepted unless an officer contests within the review window.
      const found = registry?.best
        ? 'the registry has only possible matches, for the officer to compare'
        : 'the citizen registry has no record of the person, which is no proof of the contrary';
      return {
        action: 'accept',
        basis: 'prima-facie',
        afterReview: true,
        why: `${assessment.summary}; ${found}: accepted on prima facie evidence unless an officer contests it within the review window`,
      };
    }
    case 'none':
      if (match && notCitizen)
        return {
          action: 'refuse',
          basis: 'registry',
          grounds: notCitizenGrounds,
          why: `no documents, and the registry records the person as not a citizen`,
        };
      if (match)
        return {
          action: 'accept',
          basis: 'registry',
          why: `no documents, but the citizen registry holds the person (${registry?.best?.personalId})`,
        };
      return { action: 'interview', why: `${assessment.summary}; no registry match: a consular interview is needed` };
  }
}
