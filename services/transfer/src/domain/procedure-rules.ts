import { AgreementRules, ProcedureRules, Rulebook } from '@readmission/agreements';
import { RuleBrokenError } from '@readmission/errors';

export type ProcedureRuleName = keyof ProcedureRules;

/** A procedure rule of the agreement with a partner, and the rulebook version it was read from. */
export interface ProcedureRuleFound<K extends ProcedureRuleName> {
  agreement: AgreementRules;
  rule: NonNullable<ProcedureRules[K]>;
  rulebookVersion: string;
}

/**
 * The rules of the agreement with a partner for a procedure that a case's own rulebook may predate (readmission by
 * mistake, transport costs: rulebook 2026.3). `candidates` in the order they are asked: the rulebook in effect on the
 * day concerned first; when that version does not hold the rule yet, the version in effect now (the agreement had
 * the article all along; older versions did not record it), or failing that the newest version that holds it, even
 * one not yet in effect (on 30 November 2026, 2026.3 is shipped but starts on 1 December). An agreement that does not
 * apply to the partner on `date` is refused with its reason. docs/rules.md#readmission-by-mistake, #transport-costs.
 */
export function procedureRuleIn<K extends ProcedureRuleName>(
  candidates: readonly Rulebook[],
  partnerCode: string,
  date: string,
  name: K,
): ProcedureRuleFound<K> {
  for (const rulebook of candidates) {
    const applicable = rulebook.applicableAgreement(partnerCode, date);
    if (!applicable.applies) throw new RuleBrokenError(applicable.reason);
    const rule = applicable.agreement.rules[name];
    if (rule) return { agreement: applicable.agreement, rule: rule as NonNullable<ProcedureRules[K]>, rulebookVersion: rulebook.version };
  }
  throw new RuleBrokenError(`no rulebook version holds rules.${String(name)} for ${partnerCode}`);
}
