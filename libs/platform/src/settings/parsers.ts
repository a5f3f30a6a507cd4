import { accessSync, constants, statSync } from 'fs';

/**
 * Strict readers of one environment value each. They throw `SettingValueError` with the reason only: the loader
 * adds the variable's name and, unless it is a secret, its value.
 */
export class SettingValueError extends Error {}

/** Refuses a value with `reason` (for parsers of one setting). */
export function fail(reason: string): never {
  throw new SettingValueError(reason);
}

const WHOLE = /^\d+$/;

export interface IntegerOptions {
  min?: number;
  max?: number;
}

/** A whole number written in decimal digits only: "1e3", "0x10", "2.5", "30s" and "" are refused. */
export function parseInteger(raw: string, { min = 0, max = Number.MAX_SAFE_INTEGER }: IntegerOptions = {}): number {
  const text = raw.trim();
  const value = /^-?\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) return fail(`must be a whole number from ${min} to ${max}`);
  return value;
}

/** A duration in whole milliseconds, e.g. 30000. Units ("30s", "5m") are refused rather than guessed. */
export function parseMilliseconds(raw: string, { min = 0, max = 2_147_483_647 }: IntegerOptions = {}): number {
  const text = raw.trim();
  if (!WHOLE.test(text)) {
    const unit = /^\d+(\.\d+)?\s*[a-zµ]+$/i.test(text) ? ' (units are not understood: write 30s as 30000)' : '';
    return fail(`must be a duration in whole milliseconds, e.g. 30000${unit}`);
  }
  const value = Number(text);
  // setTimeout/setInterval take at most 2^31-1 ms; a larger value would fire at once.
  if (value < min || value > max) return fail(`must be a duration in whole milliseconds from ${min} to ${max}`);
  return value;
}

export interface NumberListOptions {
  /** Every number must be above 0 (alert points). */
  positive?: boolean;
  integer?: boolean;
  /** Sort the numbers: 'descending' for alert points, largest (earliest alert) first. */
  order?: 'ascending' | 'descending';
}

/** Comma-separated numbers, e.g. "72,24". Empty items, NaN and garbage are refused. */
export function parseNumberList(raw: string, { positive = false, integer = false, order }: NumberListOptions = {}): number[] {
  const items = raw.split(',').map((item) => item.trim());
  const kind = `${integer ? 'whole ' : ''}numbers${positive ? ' above 0' : ''}`;
  const numbers = items.map((item) => (/^-?\d+(\.\d+)?$/.test(item) ? Number(item) : NaN));
  if (numbers.some((n) => Number.isNaN(n) || (positive && n <= 0) || (integer && !Number.isInteger(n)))) {
    return fail(`must be a comma-separated list of ${kind}, e.g. "72,24"`);
  }
  if (order === 'descending') numbers.sort((a, b) => b - a);
  if (order === 'ascending') numbers.sort((a, b) => a - b);
  return numbers;
}

/** Comma-separated items (trimmed, none empty), each checked by `item` if given. */
export function parseList(raw: string, item?: { pattern: RegExp; describe: string; normalise?: (s: string) => string }): string[] {
  const items = raw.split(',').map((s) => (item?.normalise ?? ((x: string) => x))(s.trim()));
  if (items.some((s) => s === '')) return fail('must be a comma-separated list without empty items');
  if (item) {
    const bad = items.filter((s) => !item.pattern.test(s));
    if (bad.length) return fail(`every item must be ${item.describe}; not: ${bad.map((s) => JSON.stringify(s)).join(', ')}`);
  }
  return items;
}

export function parseBoolean(raw: string): boolean {
  const text = raw.trim().toLowerCase();
  if (text === 'true') return true;
  if (text === 'false') return false;
  return fail('must be true or false');
}

export function parseOneOf<T extends string>(raw: string, values: readonly T[]): T {
  const text = raw.trim();
  if (!(values as readonly string[]).includes(text)) return fail(`must be one of ${values.join(', ')}`);
  return text as T;
}

export interface UrlOptions {
  /** Allowed schemes without the colon, e.g. ['https', 'http']. */
  protocols: string[];
  /** Refuse user and password in the URL (credentials belong in their own secret variable). */
  noCredentials?: boolean;
  /** Refuse a query or fragment (base URLs). */
  noQuery?: boolean;
}

/** An absolute URL with one of the allowed schemes. Kept as the string written, trimmed. */
export function parseUrl(raw: string, { protocols, noCredentials = false, noQuery = false }: UrlOptions): string {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail(`must be an absolute URL (${protocols.map((p) => `${p}://…`).join(' or ')})`);
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (!protocols.includes(scheme)) return fail(`must be a ${protocols.join(' or ')} URL, not ${scheme}`);
  if (!url.hostname) return fail('must name a host');
  if (noCredentials && (url.username || url.password)) return fail('must not carry a user or password');
  if (noQuery && (url.search || url.hash)) return fail('must not have a query or fragment');
  return text;
}

/**
 * A MongoDB connection string: mongodb://[user:password@]host[:port][,host…][/database][?options] or
 * mongodb+srv://. Not read with URL: a replica set lists several hosts, which URL refuses.
 */
export function parseMongoUri(raw: string): string {
  const text = raw.trim();
  const match = /^(mongodb|mongodb\+srv):\/\/(?:[^@/]*@)?([^/?#@]+)(\/[^?#\s]*)?(\?[^#\s]*)?$/.exec(text);
  if (!match) return fail('must be a MongoDB connection string, mongodb://host:port[/database][?options] or mongodb+srv://host');
  const hosts = match[2].split(',');
  if (hosts.some((host) => !/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._%-]+)(:\d{1,5})?$/.test(host)))
    return fail('must name its hosts as host[:port], separated by commas');
  if (match[1] === 'mongodb+srv' && (hosts.length !== 1 || hosts[0].includes(':')))
    return fail('mongodb+srv takes one host name without a port');
  return text;
}

/** A path to a file this process can read now (checked at boot, so a wrong mount stops the service). */
export function parseReadableFile(raw: string): string {
  const path = raw.trim();
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch {
    return fail('must name a file that exists');
  }
  if (!isFile) return fail('must name a file, not a directory');
  try {
    accessSync(path, constants.R_OK);
  } catch {
    return fail('must name a file this process can read');
  }
  return path;
}

/** A text matching `pattern`, described for the message as `describe`. */
export function parsePattern(raw: string, pattern: RegExp, describe: string): string {
  if (!pattern.test(raw)) return fail(`must be ${describe}`);
  return raw;
}

/** A JSON value, checked by `check` (which returns a reason, or undefined when the value is good). */
export function parseJson<T>(raw: string, check?: (value: unknown) => string | undefined): T {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return fail('must be valid JSON');
  }
  const problem = check?.(value);
  if (problem) return fail(problem);
  return value as T;
}
