/**
 * The citizen registry behind HTTP: an external national registry that answers a small contract.
 *
 * Contract (also in README.md of this folder). Every request is a GET with `Accept: application/json` and,
 * when REGISTRY_TOKEN is set, `Authorization: Bearer <token>`; `{base}` is REGISTRY_URL.
 *
 *   GET {base}/persons?surname=&givenNames=&dateOfBirth=&sex=
 *     the application's person as the partner wrote it: names in any script or transliteration, dateOfBirth
 *     `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, sex `male` | `female` | `unknown`. The registry returns every
 *     record that may be this person (its own fuzzy search; over-returning is fine, the adapter scores the
 *     records with libs/identity and drops those under the review threshold).
 *   GET {base}/documents?type=&number=
 *     type an evidence type code (`passport`, `identity-card`, ...), number normalised (upper case, no spaces
 *     or dashes: libs/identity `normaliseDocumentNumber`). The registry returns the holders of that document.
 *
 *   200 → `{ "persons": RegistryPerson[] }`, each `{ personalId, surname, givenNames, patronymic?, sex,
 *         dateOfBirth (full date), placeOfBirth?, previousSurnames?, documents?: [{ type, number, issuedOn?,
 *         expiresOn? }] }` (fields as the import validates them; unknown fields are ignored). The whole answer
 *         is refused when its shape is wrong: nothing is decided on a half-understood answer.
 *   404 → no persons.
 *   408, 429, 5xx, timeout (REGISTRY_TIMEOUT_MS per attempt), connection refused/reset → retried
 *         REGISTRY_RETRIES times with exponential backoff (Retry-After honoured up to 10 s), then an Error.
 *   400, 401, 403, other 4xx, 3xx (redirects are not followed, so the token never leaves for another
 *         address), a wrong answer shape → an Error naming the problem at once. These are operator problems
 *         (wrong URL, token, or registry version): retrying here cannot fix them; the messaging layer retries
 *         the message as transient and then dead-letters it, where an operator replays it once fixed.
 *
 * Error messages and logs name the path, never the query (it carries personal data) nor the token.
 */
import { Logger } from '@nestjs/common';
import {
  ApplicantPerson,
  findDocumentHolders as holdersAmong,
  MatchCandidate,
  MatchThresholds,
  matchPerson,
  normaliseDocumentNumber,
  RegistryPerson,
} from '@readmission/identity';
import { CitizenRegistry } from '../../application/citizen-registry';
import { VerificationSettings } from '../../settings';
import { CitizenRecord } from './citizen-record';
import { validateRegistryPerson } from './registry-import';

export interface HttpRegistrySettings {
  /** Base URL (`https://registry.example/api/v1`); the contract's paths are appended to it. */
  readonly baseUrl: string;
  /** Time limit of one attempt, answer body included, in ms. */
  readonly timeoutMs: number;
  /** Further attempts after a failure that may pass (0 = one attempt only). */
  readonly retries: number;
  /** Bearer token (REGISTRY_TOKEN); never logged. */
  readonly token?: string;
  /** First backoff delay in ms, doubled on every retry (default 250; capped at 5 s). */
  readonly backoffMs?: number;
}

/** A failed registry call. A plain Error for the messaging layer (transient: retried, then dead-lettered). */
export class CitizenRegistryError extends Error {
  constructor(
    message: string,
    /** HTTP status, when the registry answered. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'CitizenRegistryError';
  }
}

/** The registry's variables of the service's settings. */
export type RegistrySettings = Pick<
  VerificationSettings,
  'REGISTRY_ADAPTER' | 'REGISTRY_URL' | 'REGISTRY_TIMEOUT_MS' | 'REGISTRY_RETRIES' | 'REGISTRY_TOKEN'
>;

export const HTTP_REGISTRY_DEFAULTS = Object.freeze({ timeoutMs: 3000, retries: 2, backoffMs: 250 });
const MAX_BACKOFF_MS = 5000;
const MAX_RETRY_AFTER_MS = 10_000;
const MAX_BODY_CHARS = 20_000_000;

/** The HTTP registry's settings from the service's (validated at boot: VerificationSettings). */
export function httpRegistrySettingsFrom(settings: RegistrySettings): HttpRegistrySettings {
  if (!settings.REGISTRY_URL) throw new Error('invalid configuration:\n  REGISTRY_URL: required when REGISTRY_ADAPTER=http');
  return {
    baseUrl: settings.REGISTRY_URL,
    timeoutMs: settings.REGISTRY_TIMEOUT_MS,
    retries: settings.REGISTRY_RETRIES,
    ...(settings.REGISTRY_TOKEN !== undefined ? { token: settings.REGISTRY_TOKEN } : {}),
  };
}

function baseUrlProblem(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `${JSON.stringify(raw)} is not a URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `must be http or https, got ${url.protocol}`;
  if (url.username || url.password) return 'must not carry credentials: use REGISTRY_TOKEN';
  if (url.search || url.hash) return 'must not have a query or fragment';
  return undefined;
}

type Attempt =
  | { readonly kind: 'answer'; readonly persons: CitizenRecord[] }
  | { readonly kind: 'retry'; readonly problem: string; readonly status?: number; readonly retryAfterMs?: number }
  | { readonly kind: 'fail'; readonly problem: string; readonly status?: number };

export class HttpRegistry implements CitizenRegistry {
  readonly source: string;
  private readonly logger = new Logger(HttpRegistry.name);
  private readonly base: string;
  private readonly settings: Required<Omit<HttpRegistrySettings, 'token'>> & { token?: string };

  constructor(settings: HttpRegistrySettings) {
    const problem = baseUrlProblem(settings.baseUrl);
    if (problem) throw new Error(`invalid configuration: registry base URL ${problem}`);
    if (!Number.isInteger(settings.timeoutMs) || settings.timeoutMs < 1)
      throw new Error(`invalid configuration: timeoutMs ${settings.timeoutMs}`);
    if (!Number.isInteger(settings.retries) || settings.retries < 0) throw new Error(`invalid configuration: retries ${settings.retries}`);
    this.settings = { backoffMs: HTTP_REGISTRY_DEFAULTS.backoffMs, ...settings };
    const url = new URL(settings.baseUrl);
    this.base = `${url.origin}${url.pathname.replace(/\/+$/u, '')}`;
    this.source = `http:${this.base}`;
  }

  async findCandidates(person: ApplicantPerson, thresholds?: Partial<MatchThresholds>): Promise<MatchCandidate[]> {
    const persons = await this.get('/persons', {
      surname: person.surname,
      givenNames: person.givenNames,
      dateOfBirth: person.dateOfBirth,
      sex: person.sex,
    });
    return matchPerson(person, persons, thresholds);
  }

  async findDocumentHolders(type: string, number: string): Promise<RegistryPerson[]> {
    const normalised = normaliseDocumentNumber(number);
    if (normalised === '') return [];
    const persons = await this.get('/documents', { type, number: normalised });
    // Same comparison as the built-in registry (type, normalised number), whatever the registry matched on.
    return holdersAmong(type, number, persons);
  }

  private async get(path: string, query: Record<string, string>): Promise<CitizenRecord[]> {
    const url = new URL(`${this.base}${path}`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const attempts = this.settings.retries + 1;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(url, path);
      if (outcome.kind === 'answer') return outcome.persons;
      if (outcome.kind === 'fail') {
        throw new CitizenRegistryError(`citizen registry GET ${path}: ${outcome.problem}`, outcome.status);
      }
      if (attempt >= attempts) {
        throw new CitizenRegistryError(
          `citizen registry GET ${path} failed after ${attempts} attempt(s): ${outcome.problem}`,
          outcome.status,
        );
      }
      const backoff = Math.min(MAX_BACKOFF_MS, this.settings.backoffMs * 2 ** (attempt - 1));
      const delay = Math.max(Math.round(backoff * (0.5 + Math.random() / 2)), outcome.retryAfterMs ?? 0);
      this.logger.warn(`citizen registry GET ${path}: ${outcome.problem}; attempt ${attempt + 1} of ${attempts} in ${delay} ms`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  private async attempt(url: URL, path: string): Promise<Attempt> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.settings.timeoutMs);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.settings.token !== undefined) headers.authorization = `Bearer ${this.settings.token}`;
    try {
      const response = await fetch(url, { headers, signal: controller.signal, redirect: 'manual' });
      const status = response.status;
      if (status === 200) return this.read(await response.text(), path);
      await response.body?.cancel().catch(() => undefined);
      const label = `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}`;
      if (status === 404) return { kind: 'answer', persons: [] };
      if (status >= 500 || status === 408 || status === 429) {
        return { kind: 'retry', problem: label, status, retryAfterMs: retryAfter(response.headers.get('retry-after')) };
      }
      if (status >= 300 && status < 400) {
        return { kind: 'fail', status, problem: `${label}: redirects are not followed, set REGISTRY_URL to the final address` };
      }
      const hint =
        status === 401 || status === 403
          ? ' (check REGISTRY_TOKEN)'
          : status === 400
            ? ' (check REGISTRY_URL and the registry contract version)'
            : '';
      return { kind: 'fail', status, problem: `${label}${hint}: an operator problem, not retried here` };
    } catch (error) {
      if (controller.signal.aborted) return { kind: 'retry', problem: `no complete answer within ${this.settings.timeoutMs} ms` };
      return { kind: 'retry', problem: networkProblem(error) };
    } finally {
      clearTimeout(timer);
    }
  }

  private read(body: string, path: string): Attempt {
    if (body.length > MAX_BODY_CHARS) return { kind: 'fail', problem: `answer larger than ${MAX_BODY_CHARS} characters` };
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return { kind: 'fail', problem: `answer is not JSON (contract: { persons: RegistryPerson[] } from ${path})` };
    }
    const list =
      typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as { persons?: unknown }).persons : undefined;
    if (!Array.isArray(list)) return { kind: 'fail', problem: 'answer has no persons array (contract: { persons: RegistryPerson[] })' };
    const persons: CitizenRecord[] = [];
    const problems: string[] = [];
    list.forEach((item, i) => {
      const result = validateRegistryPerson(item, { allowUnknownFields: true });
      if (result.ok) persons.push(result.person);
      else problems.push(`persons[${i}]: ${result.reasons.join('; ')}`);
    });
    if (problems.length > 0) {
      const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
      return { kind: 'fail', problem: `answer refused, wrong shape: ${problems.slice(0, 3).join(' | ')}${more}` };
    }
    return { kind: 'answer', persons };
  }
}

function retryAfter(header: string | null): number | undefined {
  if (header === null || !/^\d+$/u.test(header.trim())) return undefined;
  return Math.min(MAX_RETRY_AFTER_MS, Number(header.trim()) * 1000);
}

function networkProblem(error: unknown): string {
  // Duck-typed: fetch's errors may come from another realm (instanceof Error is then false).
  const { message, cause } = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as {
    message?: string;
    cause?: { code?: string; message?: string };
  };
  const text = message ?? String(error);
  return cause?.code ? `${text} (${cause.code})` : cause?.message ? `${text} (${cause.message})` : text;
}
