import { FollowUpIndicators, normalise, sustainabilityScore } from './sustainability-score';

describe('reintegration sustainability score', () => {
  const mid: FollowUpIndicators = {
    incomeSource: 'irregular',
    employment: 'informal',
    financialSituation: 3,
    housing: 'stable',
    accessToServices: 5,
    socialNetwork: 3,
    feelsSafe: 4,
    wellbeing: 2,
    intentionToReMigrate: 'considering',
  };

  it('averages each dimension, then the three dimensions (hand-computed)', () => {
    // economic (.5 + .5 + .5) / 3 = .5; social (1 + 1 + .5) / 3 = .8333; psychosocial (.75 + .25 + .5) / 3 = .5
    expect(sustainabilityScore(mid)).toEqual({ economic: 0.5, social: 0.833, psychosocial: 0.5, score: 0.611 });
  });

  it('spans 0 to 1', () => {
    const worst: FollowUpIndicators = {
      incomeSource: 'none',
      employment: 'unemployed',
      financialSituation: 1,
      housing: 'none',
      accessToServices: 1,
      socialNetwork: 1,
      feelsSafe: 1,
      wellbeing: 1,
      intentionToReMigrate: 'planning',
    };
    const best: FollowUpIndicators = {
      incomeSource: 'regular',
      employment: 'self-employed',
      financialSituation: 5,
      housing: 'stable',
      accessToServices: 5,
      socialNetwork: 5,
      feelsSafe: 5,
      wellbeing: 5,
      intentionToReMigrate: 'none',
    };
    expect(sustainabilityScore(worst).score).toBe(0);
    expect(sustainabilityScore(best).score).toBe(1);
  });

  it('refuses values off their scale', () => {
    expect(() => normalise('wellbeing', 6)).toThrow(/1\.\.5/);
    expect(() => normalise('housing', 'castle')).toThrow(/not on its scale/);
  });
});
