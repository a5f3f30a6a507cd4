import { Rulebook } from '@readmission/agreements';

/**
 * Where the rulebook versions come from (the port; infrastructure/ has the adapter). A case carries the rules it was
 * accepted under; a notice naming a person with no accepted case is answered with the partner's agreement in the
 * rulebook in effect at the notice's receipt (the article it names comes from there).
 */
export abstract class RulebookSource {
  /** The rulebook in effect at `at`, or undefined when none is (no article can be named then). */
  abstract at(at: Date): Promise<Rulebook | undefined>;
}
