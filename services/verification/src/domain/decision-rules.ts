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
}

/**
 * The platform's proposal for a case, from the evidence and the registry (CH-AZ Art. 6; docs/rules.md#evidence):
 * proof establishes nationality unless the document is shown false (contested → interview); prima facie
 * evidence establishes it unless the registry proves the contrary (it holds the document for someone else); with
 * neither, a consular interview decides. Acceptances and refusals on a registry contradiction are decided at once;
 * `review` waits for an officer.
 */
export function proposeDecision(
  category: 'national' | 'third-country-national' | 'stateless',
  assessment: AssessmentOutcome,
  registry: RegistryOutcome | undefined,
  interviewRequested: boolean,
): Proposal {
  if (assessment.obligationExcluded) {
    return { action: 'refuse', basis: 'prima-facie', grounds: assessment.obligationExcluded.reason, why: assessment.obligationExcluded.reason };
  }
  if (registry && registry.contested.length > 0) {
    const docs = registry.contested.map((d) => `${d.type} ${d.number}`).join(', ');
    return { action: 'interview', why: `the citizen registry holds ${docs} for another person: the evidence is contested, a consular interview is needed` };
  }
  if (interviewRequested) return { action: 'interview', why: 'the requesting state asked for a consular interview' };

  if (category !== 'national') {
    if (assessment.strongest === 'proof') return { action: 'accept', basis: 'proof', why: assessment.summary };
    if (assessment.strongest === 'prima-facie') return { action: 'accept', basis: 'prima-facie', why: assessment.summary };
    return {
      action: 'review',
      basis: 'prima-facie',
      grounds: 'No evidence was presented that the person entered or stayed in the territory of the requesting state after staying in or passing through Azerbaijan.',
      why: `${assessment.summary}; proposal: refuse`,
    };
  }

  const match = registry?.best?.verdict === 'match';
  switch (assessment.strongest) {
    case 'proof':
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
      if (match) return { action: 'accept', basis: 'prima-facie', why: `${assessment.summary}; the citizen registry holds the person (${registry?.best?.personalId})` };
      if (registry && !registry.best) {
        // Prima facie evidence stands unless the contrary is proven; a registry without the person is a reason to
        // look, not proof: an officer decides, with a proposal.
        return {
          action: 'review',
          basis: 'registry',
          grounds:
            'The evidence presented is prima facie evidence of Azerbaijani nationality only, and the citizen registry of the Republic of Azerbaijan holds no citizen with the particulars given.',
          why: `${assessment.summary}; no registry record: proposal refuse, an officer confirms or orders an interview`,
        };
      }
      return { action: 'review', why: `${assessment.summary}; the registry has only possible matches: an officer compares the candidates` };
    }
    case 'none':
      if (match) return { action: 'accept', basis: 'registry', why: `no documents, but the citizen registry holds the person (${registry?.best?.personalId})` };
      return { action: 'interview', why: `${assessment.summary}; no registry match: a consular interview is needed` };
  }
}
