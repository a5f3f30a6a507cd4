import { VALUE_STATUSES } from '../rulebook/types';

type Json = Record<string, unknown>;

export const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
export const VERSION = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

/**
 * Collects the problems of a reference-data document, each as `<JSON path>: <what is expected>` (the format of
 * validateRulebook), so that an operator sees every mistake of a document at once.
 */
export class JsonChecks {
  readonly errors: string[] = [];

  err(path: string, message: string): void {
    this.errors.push(`${path}: ${message}`);
  }

  obj(v: unknown): v is Json {
    return !!v && typeof v === 'object' && !Array.isArray(v);
  }

  text(v: unknown, path: string): void {
    if (typeof v !== 'string' || !v.trim()) this.err(path, 'a non-empty string');
  }

  /** A value with its `status` (how sure we are of it) and `source` (where it comes from). */
  ruleValue(v: unknown, path: string, check: (value: unknown) => string | undefined): v is Json {
    if (!this.obj(v)) {
      this.err(path, 'an object {value, status, source}');
      return false;
    }
    const problem = check(v.value);
    if (problem) this.err(`${path}.value`, problem);
    this.status(v, path);
    return true;
  }

  status(v: Json, path: string): void {
    if (!VALUE_STATUSES.includes(v.status as never)) this.err(`${path}.status`, `one of ${VALUE_STATUSES.join(', ')}`);
    this.text(v.source, `${path}.source`);
  }

  /** Fields of `v` not in `known` are mistakes (a typo would otherwise be ignored silently). */
  closed(v: Json, path: string, known: readonly string[]): void {
    for (const field of Object.keys(v)) if (!known.includes(field)) this.err(`${path}.${field}`, 'not a known field');
  }

  /** The header every loaded reference-data document has: its version and the instant it applies from. */
  header(v: Json): void {
    if (typeof v.version !== 'string' || !VERSION.test(v.version)) this.err('$.version', 'letters, digits, ".", "_" or "-", at most 32');
    if (typeof v.effectiveFrom !== 'string' || !INSTANT.test(v.effectiveFrom))
      this.err('$.effectiveFrom', 'an RFC 3339 instant with offset');
    this.text(v.description, '$.description');
  }
}
