import { InvalidInputError } from '@readmission/errors';

/**
 * The reintegration sustainability score, in the spirit of IOM's Reintegration Sustainability Index: every
 * indicator is put on a 0..1 scale (1 = most sustainable), a dimension is the mean of its indicators, and the
 * score is the mean of the three dimensions (economic, social, psychosocial), each weighing one third.
 */
export const INCOME_SOURCES = ['none', 'irregular', 'regular'] as const;
export const EMPLOYMENT = ['unemployed', 'informal', 'employed', 'self-employed'] as const;
export const HOUSING = ['none', 'temporary', 'stable'] as const;
export const REMIGRATION = ['planning', 'considering', 'none'] as const;

export interface FollowUpIndicators {
  // economic
  incomeSource: (typeof INCOME_SOURCES)[number];
  employment: (typeof EMPLOYMENT)[number];
  /** 1 (cannot meet basic needs) … 5 (comfortable). */
  financialSituation: number;
  // social
  housing: (typeof HOUSING)[number];
  /** Access to health care, education and documents: 1 (none) … 5 (full). */
  accessToServices: number;
  /** 1 (isolated) … 5 (strong network of family and friends). */
  socialNetwork: number;
  // psychosocial
  /** 1 (not at all) … 5 (completely). */
  feelsSafe: number;
  /** 1 (very poor) … 5 (very good). */
  wellbeing: number;
  intentionToReMigrate: (typeof REMIGRATION)[number];
}

export const INDICATOR_DIMENSIONS: Record<'economic' | 'social' | 'psychosocial', (keyof FollowUpIndicators)[]> = {
  economic: ['incomeSource', 'employment', 'financialSituation'],
  social: ['housing', 'accessToServices', 'socialNetwork'],
  psychosocial: ['feelsSafe', 'wellbeing', 'intentionToReMigrate'],
};

const CATEGORICAL: Partial<Record<keyof FollowUpIndicators, Record<string, number>>> = {
  incomeSource: { none: 0, irregular: 0.5, regular: 1 },
  employment: { unemployed: 0, informal: 0.5, employed: 1, 'self-employed': 1 },
  housing: { none: 0, temporary: 0.5, stable: 1 },
  intentionToReMigrate: { planning: 0, considering: 0.5, none: 1 },
};

/** A value off its indicator's scale is invalid input, named by its path in the follow-up. */
const offScale = (indicator: string, message: string) =>
  new InvalidInputError(`${indicator}: ${message}`, [{ path: `indicators.${indicator}`, message }]);

/** One indicator on the 0..1 scale: categorical values by their table, 1..5 scales as (v - 1) / 4. */
export function normalise(indicator: keyof FollowUpIndicators, value: string | number): number {
  const table = CATEGORICAL[indicator];
  if (table) {
    const v = table[String(value)];
    if (v === undefined) throw offScale(indicator, `"${value}" is not on its scale`);
    return v;
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 5) throw offScale(indicator, `${value} is not on the 1..5 scale`);
  return (n - 1) / 4;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export interface SustainabilityScore {
  economic: number;
  social: number;
  psychosocial: number;
  score: number;
}

export function sustainabilityScore(indicators: FollowUpIndicators): SustainabilityScore {
  const dims = Object.fromEntries(
    Object.entries(INDICATOR_DIMENSIONS).map(([dim, keys]) => [dim, mean(keys.map((k) => normalise(k, indicators[k])))]),
  ) as Record<'economic' | 'social' | 'psychosocial', number>;
  return {
    economic: round3(dims.economic),
    social: round3(dims.social),
    psychosocial: round3(dims.psychosocial),
    score: round3((dims.economic + dims.social + dims.psychosocial) / 3),
  };
}
