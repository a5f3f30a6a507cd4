import { Rulebook } from '@readmission/agreements';
import { ProcedureRuleFound, ProcedureRuleName } from '../domain/procedure-rules';

/**
 * Where the rulebook versions come from: the one reader of rulebook values in this service (the port;
 * infrastructure/ has the adapter).
 * - A case carries the rules it was accepted under; a notice naming a person with no accepted case is answered with
 *   the partner's agreement in the rulebook in effect at the notice's receipt (the article it names comes from there).
 * - A procedure that a case's own rulebook may predate (readmission by mistake, transport costs: rulebook 2026.3)
 *   takes its rule as domain/procedure-rules.ts chooses it.
 */
export abstract class RulebookSource {
  /** The rulebook in effect at `at`, or undefined when none is (no article can be named then). */
  abstract at(at: Date): Promise<Rulebook | undefined>;

  /** The partner's procedure rule `name` for the day `date` (a Baku date), and the rulebook version that holds it. */
  abstract procedureRule<K extends ProcedureRuleName>(partnerCode: string, date: string, name: K): Promise<ProcedureRuleFound<K>>;
}
