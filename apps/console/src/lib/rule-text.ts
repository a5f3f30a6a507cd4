import type { i18n as I18n } from 'i18next';
import { formatDate } from './time';

/** The catalogue in use: its translation function and whether it holds a key. */
export type Catalogue = Pick<I18n, 't' | 'exists' | 'language'>;

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

/** What the console says of a failed call: its kind, and the reason in the interface's language. */
export interface ErrorWords {
  /** The kind of failure (the services' domain error kinds, or one read from the HTTP status). */
  kind: string;
  /** By the rule code when the service named one the catalogue knows, otherwise what the kind means. */
  text: string;
}

const ERROR_KINDS = ['invalid-input', 'not-found', 'conflict', 'forbidden', 'rule-broken'];
const KIND_OF_STATUS: Record<number, string> = {
  400: 'invalid-input',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  422: 'rule-broken',
  502: 'unavailable',
  503: 'unavailable',
  504: 'unavailable',
};
/** A rule code at the start of a service's message ("readmission-by-mistake-period-exceeded: under EU-AZ …"). */
const LEADING_CODE = /^([a-z0-9]+(?:-[a-z0-9]+)+):\s/;

/**
 * A service's error (`{statusCode, error, message, details?}`, libs/platform's exception filter) in the interface's
 * language: the rule by its code (`details.code`, or a code leading the message) where the catalogue knows it, otherwise
 * the meaning of its kind. The service's own message stays the detail (it is the platform's English).
 */
export function errorInWords(
  i18n: Catalogue,
  error: { status: number; kind?: string; message: string; details?: unknown },
  lastDay?: string,
): ErrorWords {
  const kind = error.kind && ERROR_KINDS.includes(error.kind) ? error.kind : (KIND_OF_STATUS[error.status] ?? 'http');
  const details = error.details && typeof error.details === 'object' && !Array.isArray(error.details) ? error.details : undefined;
  const named = (details as { code?: unknown } | undefined)?.code;
  const code = typeof named === 'string' ? named : LEADING_CODE.exec(error.message)?.[1];
  // The last day the service names (`details.lastDay`, YYYY-MM-DD) when the caller gives none.
  const given = (details as { lastDay?: unknown } | undefined)?.lastDay;
  const day = lastDay ?? (typeof given === 'string' ? formatDate(given, i18n.language) : '');
  const known = code && i18n.exists(`ruleCode.${code}`) ? i18n.t(`ruleCode.${code}`, { lastDay: day }) : '';
  return { kind, text: known || i18n.t(`errors.explain.${kind}`) };
}
