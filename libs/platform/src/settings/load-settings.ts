import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';
import { secretsOf } from './decorators';

/** An environment: `process.env`, or a plain object in tests. */
export type SettingsEnv = Record<string, string | undefined>;

/** A bad variable and why. The reason never contains the value: the loader shows it, unless it is secret. */
export interface SettingProblem {
  variable: string;
  reason: string;
}

/** A settings class may check variables that only make sense together (e.g. a mechanism and its password). */
export interface ChecksTogether {
  checkTogether(): SettingProblem[];
}

export class SettingsError extends Error {
  constructor(
    /** Every bad variable, with its value as printed (redacted; absent for secrets). */
    readonly problems: (SettingProblem & { shown?: string })[],
  ) {
    super(`invalid configuration:\n${problems.map(line).join('\n')}`);
    this.name = 'SettingsError';
  }
}

function line({ variable, reason, shown }: SettingProblem & { shown?: string }): string {
  return shown === undefined ? `  ${variable}: ${reason}` : `  ${variable}=${shown}: ${reason}`;
}

/**
 * Reads the settings class `cls` from `env`: every property of the class that has a validation decorator is one
 * variable of the same name; an unset or empty variable keeps the class's default. Throws a SettingsError naming
 * every bad variable with its reason (secrets and the passwords in URLs are never printed). Variables the class
 * does not declare are ignored.
 */
export function loadSettings<T extends object>(cls: new () => T, env: SettingsEnv = process.env): T {
  const variables = settingNames(cls);
  const given: Record<string, string> = {};
  for (const name of variables) {
    const value = env[name];
    // Compose files pass unset variables as empty strings: empty means unset.
    if (value !== undefined && value !== '') given[name] = value;
  }
  const settings = plainToInstance(cls, given);
  const problems: SettingProblem[] = [];
  for (const error of validateSync(settings, { forbidUnknownValues: false })) {
    const messages = Object.values(error.constraints ?? {}).map((m) => m.replace(new RegExp(`^${error.property} `), ''));
    problems.push({ variable: error.property, reason: messages.join('; ') });
    (settings as Record<string, unknown>)[error.property] = undefined; // combined checks below see it as unset
  }
  if (typeof (settings as Partial<ChecksTogether>).checkTogether === 'function') {
    const reported = new Set(problems.map((p) => p.variable));
    problems.push(...(settings as unknown as ChecksTogether).checkTogether().filter((p) => !reported.has(p.variable)));
  }
  if (problems.length > 0) {
    const secrets = new Set(secretsOf(cls));
    throw new SettingsError(
      problems.map((p) => {
        const raw = given[p.variable];
        if (raw === undefined) return p;
        return { ...p, shown: isSecret(p.variable, secrets) ? '(value not shown)' : JSON.stringify(truncate(redactUrls(raw))) };
      }),
    );
  }
  return settings;
}

/** The variables a settings class reads: its validated properties, inherited ones included. */
export function settingNames(cls: abstract new () => object): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(cls, '', false, false);
  return [...new Set(metadata.map((m) => m.propertyName))];
}

const SECRET_NAME = /(^|_)(PASSWORD|PASSWD|PASS|TOKEN|SECRET|KEY|CREDENTIALS?|PRIVATE)(_|$)/i;

/** A variable whose value is never printed: marked @Secret(), or named like one (…_PASSWORD, …_TOKEN, …_SECRET, …KEY…). */
export function isSecret(variable: string, marked: ReadonlySet<string> = new Set()): boolean {
  return marked.has(variable) || SECRET_NAME.test(variable);
}

/** Replaces the user and password of every URL in a text (mongodb://user:pw@host → mongodb://***@host). */
export function redactUrls(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s]*@/gi, '$1***@');
}

function truncate(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
