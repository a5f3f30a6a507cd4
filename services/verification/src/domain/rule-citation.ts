import { AgreementRules, RuleValue } from '@readmission/agreements';
import { DecisionBasis } from './verification-case';

/**
 * The rule a refusal applies, in words a requesting authority can act on: the agreement, the article (or the
 * section of docs/rules.md where no article could be read) as the rulebook states it, and the rulebook version.
 */
export function citeRule(
  rules: Pick<AgreementRules, 'code'>,
  value: Pick<RuleValue, 'source' | 'status'>,
  rulebookVersion?: string,
): string {
  return `${rules.code}, ${value.source} (${value.status}${rulebookVersion ? `, rulebook ${rulebookVersion}` : ''})`;
}

/** The rule behind a refusal on this basis, for a national or a third-country national or stateless person. */
export function refusalRule(rules: AgreementRules, category: string, basis: DecisionBasis, obligationExcluded: boolean): RuleValue {
  if (category !== 'national') {
    const tcn = rules.evidence.thirdCountNational;
    return obligationExcluded ? tcn.airsideTransitExcluded : tcn.primaFacie;
  }
  const n = rules.evidence.national;
  if (basis === 'interview') return rules.timeLimits.interview;
  if (basis === 'proof') return n.proof;
  return n.primaFacie;
}

/** What the requesting state can do about a refusal on this basis. */
const REMEDY: Record<DecisionBasis, string> = {
  proof: 'The requesting state may present other evidence of nationality or ask for a consular interview.',
  'prima-facie': 'The requesting state may present further evidence (a supplement) or ask for a consular interview.',
  registry: 'The requesting state may present further evidence of nationality (a supplement) or ask for a consular interview.',
  interview: 'The requesting state may present documentary evidence of nationality in a new application.',
};

/** Grounds as the partner receives them: the reasons, then the rule applied and what can be done. */
export function groundsWithRule(
  grounds: string,
  rules: AgreementRules | undefined,
  category: string,
  basis: DecisionBasis,
  obligationExcluded = false,
  rulebookVersion?: string,
): string {
  if (!rules || grounds.includes('Rule applied:')) return grounds;
  const rule = citeRule(rules, refusalRule(rules, category, basis, obligationExcluded), rulebookVersion);
  return `${grounds.trim()} Rule applied: ${rule}. ${obligationExcluded ? '' : REMEDY[basis]}`.trim();
}
