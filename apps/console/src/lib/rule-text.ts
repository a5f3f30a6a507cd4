import type { i18n as I18n } from 'i18next';

/** The catalogue in use: its translation function and whether it holds a key. */
export type Catalogue = Pick<I18n, 't' | 'exists'>;

/**
 * Rule texts in the interface's language. The services write their rules in the rulebook's English (a time limit as
 * "5 calendar days from receipt (comparable: docs/rules.md#transit (…))", a refusal by code with an English message);
 * the console shows them translated by their structure or code, and the English text only for what it does not know
 * (marked lang="en" by the caller when `english` is true).
 */
export interface RuleText {
  text: string;
  /** The text is the platform's English: no translation is known for it. */
  english: boolean;
}

/** The article or docs/rules.md section a rulebook source names: its first part, without the explanation in brackets. */
export function articleOf(source: string): string {
  const bracket = source.indexOf(' (');
  return (bracket > 0 ? source.slice(0, bracket) : source).trim();
}

// computeDeadline's wording (libs/agreements): `${value} ${unit with spaces}[ from ${from with spaces}] (${status}: ${source})`.
const PERIOD =
  /^(\d+) (calendar days|working days|requesting state working days|months)(?: from ([a-z ]+))? \((verified|comparable|assumed): (.+)\)$/s;

/** A time limit's rule (a Deadline's `rule`) in the interface's language. */
export function ruleInWords(i18n: Catalogue, rule: string): RuleText {
  const t = i18n.t;
  const m = PERIOD.exec(rule.trim());
  if (!m) return { text: rule, english: true };
  const [, value, unit, from, status, source] = m;
  const fromKey = from?.replace(/ /g, '-');
  if (fromKey && !i18n.exists(`ruleText.from.${fromKey}`)) return { text: rule, english: true };
  return {
    text: t('ruleText.period', {
      value,
      unit: t(`ruleText.unit.${unit.replace(/ /g, '-')}`),
      from: fromKey ? t(`ruleText.from.${fromKey}`) : '',
      status: t(`valueStatus.${status}`),
      source: articleOf(source),
    }),
    english: false,
  };
}

/** A rule a service says is broken, by its code (e.g. `notice-too-late`); the English message for an unknown code. */
export function problemInWords(i18n: Catalogue, problem: { code?: string; message: string; lastDay?: string }): RuleText {
  const t = i18n.t;
  const known =
    problem.code && i18n.exists(`ruleCode.${problem.code}`) ? t(`ruleCode.${problem.code}`, { lastDay: problem.lastDay ?? '' }) : '';
  return known ? { text: known, english: false } : { text: problem.message, english: true };
}
