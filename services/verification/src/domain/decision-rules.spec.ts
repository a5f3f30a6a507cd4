import { AssessmentOutcome, RegistryOutcome, proposeDecision } from './decision-rules';
import { needsSecondOfficer, outcomeOf } from './verification-case';

const assessment = (strongest: AssessmentOutcome['strongest'], obligationExcluded?: { reason: string }): AssessmentOutcome => ({
  strongest,
  obligationExcluded,
  summary: `${strongest} evidence`,
});
const registry = (best?: 'match' | 'possible', contested: RegistryOutcome['contested'] = []): RegistryOutcome => ({
  source: 'test',
  best: best ? { verdict: best, personalId: 'P1', score: best === 'match' ? 0.95 : 0.7 } : undefined,
  contested,
});

describe('proposed decisions for nationals', () => {
  it.each([
    ['proof', undefined, false, { action: 'accept', basis: 'proof' }],
    ['proof', 'match', false, { action: 'accept', basis: 'proof' }],
    ['prima-facie', 'match', false, { action: 'accept', basis: 'prima-facie' }],
    // An empty registry result is no proof of the contrary (burden of proof): accepted unless contested in the window.
    [
      'prima-facie',
      undefined,
      false,
      { action: 'accept', basis: 'prima-facie', afterReview: true, why: expect.stringMatching(/no record .* no proof of the contrary/) },
    ],
    ['prima-facie', 'possible', false, { action: 'accept', basis: 'prima-facie', afterReview: true }],
    ['none', 'match', false, { action: 'accept', basis: 'registry' }],
    ['none', undefined, false, { action: 'interview' }],
    ['none', 'possible', false, { action: 'interview' }],
    ['proof', 'match', true, { action: 'interview', why: expect.stringMatching(/requesting state asked/) }],
  ] as const)('%s evidence, registry %s, interview requested %s → %o', (strongest, best, interviewRequested, expected) => {
    expect(proposeDecision('national', assessment(strongest), registry(best), interviewRequested)).toMatchObject(expected);
  });

  it('refuses prima facie evidence whose document the registry holds for another person', () => {
    const outcome = { ...registry(undefined), contradicted: [{ type: 'identity-card', number: 'AZE1' }] };
    expect(proposeDecision('national', assessment('prima-facie'), outcome, false)).toMatchObject({
      action: 'refuse',
      basis: 'registry',
      grounds: expect.stringMatching(/identity-card AZE1 for another person/),
    });
  });

  it('refuses prima facie evidence when the registry records the person as not a citizen, naming that record', () => {
    const outcome = { ...registry('match'), notCitizen: { personalId: 'P1' } };
    expect(proposeDecision('national', assessment('prima-facie'), outcome, false)).toMatchObject({
      action: 'refuse',
      basis: 'registry',
      grounds: expect.stringMatching(/record P1.*not a citizen/),
    });
    expect(proposeDecision('national', assessment('none'), outcome, false)).toMatchObject({ action: 'refuse', basis: 'registry' });
    expect(proposeDecision('national', assessment('proof'), outcome, false)).toMatchObject({ action: 'interview' });
  });

  it('never carries out a refusal or an acceptance awaiting its review window at once', () => {
    expect(outcomeOf({ action: 'refuse', basis: 'registry', grounds: 'x', why: 'x' })).toBeUndefined();
    expect(outcomeOf({ action: 'accept', basis: 'prima-facie', afterReview: true, why: 'x' })).toBeUndefined();
    expect(outcomeOf({ action: 'accept', basis: 'proof', why: 'x' })).toEqual({ decision: 'accepted', basis: 'proof', deemed: false });
  });

  it('asks a second officer for every refusal and every override of a proposal to refuse', () => {
    expect(needsSecondOfficer('refused', { action: 'accept', why: 'x' })).toBe('refusal');
    expect(needsSecondOfficer('refused', undefined)).toBe('refusal');
    expect(needsSecondOfficer('accepted', { action: 'refuse', why: 'x' })).toBe('override');
    expect(needsSecondOfficer('accepted', { action: 'accept', afterReview: true, why: 'x' })).toBeUndefined();
    expect(needsSecondOfficer('accepted', { action: 'interview', why: 'x' })).toBeUndefined();
  });

  it('sends a proof document the registry holds for another person to a consular interview', () => {
    const proposal = proposeDecision(
      'national',
      assessment('proof'),
      registry('match', [{ type: 'passport', number: 'C01234567' }]),
      false,
    );
    expect(proposal).toMatchObject({ action: 'interview', why: expect.stringMatching(/passport C01234567 for another person/) });
  });
});

describe('proposed decisions for third-country nationals and stateless persons', () => {
  it('accepts on Annex 3 proof or Annex 4 prima facie evidence, proposes a refusal for review without either', () => {
    expect(proposeDecision('third-country-national', assessment('proof'), undefined, false)).toMatchObject({
      action: 'accept',
      basis: 'proof',
    });
    expect(proposeDecision('stateless', assessment('prima-facie'), undefined, false)).toMatchObject({
      action: 'accept',
      basis: 'prima-facie',
    });
    expect(proposeDecision('stateless', assessment('none'), undefined, false)).toMatchObject({
      action: 'review',
      grounds: expect.any(String),
    });
  });

  it('refuses when the obligation is excluded (airside transit), whatever the evidence', () => {
    expect(
      proposeDecision('third-country-national', assessment('proof', { reason: 'airside transit only' }), undefined, false),
    ).toMatchObject({ action: 'refuse', grounds: 'airside transit only' });
  });
});
