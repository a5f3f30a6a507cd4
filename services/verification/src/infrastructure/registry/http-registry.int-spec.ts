import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { AddressInfo } from 'net';
import { Logger } from '@nestjs/common';
import { RegistryPerson } from '@readmission/identity';
import { loadSettings } from '@readmission/platform';
import { VerificationSettings } from '../../settings';
import { CitizenRegistryError, HttpRegistry, httpRegistrySettingsFrom } from './http-registry';

// A real HTTP server on an ephemeral port plays the national registry; every request it gets is recorded.
const TOKEN = 'secret-token-4711';

const ELCIN: RegistryPerson = {
  personalId: '1E4K7AZ',
  surname: 'Məmmədov',
  givenNames: 'Elçin',
  patronymic: 'Rəşid oğlu',
  sex: 'male',
  dateOfBirth: '1991-04-17',
  documents: [{ type: 'passport', number: 'C01234567' }],
};
const STRANGER: RegistryPerson = {
  personalId: '7QW3E9R',
  surname: 'Hüseynova',
  givenNames: 'Gülnarə',
  sex: 'female',
  dateOfBirth: '1988-02-14',
};

type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

describe('HttpRegistry against a real HTTP server', () => {
  let server: Server;
  let base: string;
  let handler: Handler;
  let requests: { path: string; query: Record<string, string>; authorization?: string; accept?: string }[];

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const registry = (overrides: Partial<ConstructorParameters<typeof HttpRegistry>[0]> = {}) =>
    new HttpRegistry({ baseUrl: `${base}/api/v1/`, timeoutMs: 1000, retries: 2, token: TOKEN, backoffMs: 10, ...overrides });
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected the call to fail');
      },
      (error: unknown) => error as CitizenRegistryError,
    );

  beforeAll(async () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined); // retries log a warning
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      requests.push({
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        authorization: req.headers.authorization,
        accept: req.headers.accept,
      });
      handler(req, res, requests.length);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  beforeEach(() => {
    requests = [];
    handler = (_req, res) => json(res, 200, { persons: [] });
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    jest.restoreAllMocks();
  });

  it('sends the person by the contract and scores the answer with libs/identity', async () => {
    handler = (_req, res) => json(res, 200, { persons: [STRANGER, { ...ELCIN, registryOffice: 'Gəncə' }] });
    const candidates = await registry().findCandidates({ surname: 'Mamedov', givenNames: 'Elchin', sex: 'male', dateOfBirth: '1991' });
    expect(candidates.map((c) => [c.personalId, c.verdict])).toEqual([['1E4K7AZ', 'match']]); // the stranger is scored out
    expect(requests).toEqual([
      {
        path: '/api/v1/persons',
        query: { surname: 'Mamedov', givenNames: 'Elchin', dateOfBirth: '1991', sex: 'male' },
        authorization: `Bearer ${TOKEN}`,
        accept: 'application/json',
      },
    ]);
  });

  it('asks for document holders by the normalised number and keeps those really holding it', async () => {
    handler = (_req, res) => json(res, 200, { persons: [ELCIN, STRANGER] });
    const holders = await registry().findDocumentHolders('passport', 'c 0123-4567');
    expect(holders.map((h) => h.personalId)).toEqual(['1E4K7AZ']);
    expect(requests.map((r) => [r.path, r.query])).toEqual([['/api/v1/documents', { type: 'passport', number: 'C01234567' }]]);
    expect(await registry().findDocumentHolders('passport', ' - ')).toEqual([]);
    expect(requests).toHaveLength(1); // nothing to ask for an empty number
  });

  it('sends no Authorization header without a token', async () => {
    await registry({ token: undefined }).findDocumentHolders('passport', 'C1');
    expect(requests[0].authorization).toBeUndefined();
  });

  it('reads 404 as no persons', async () => {
    handler = (_req, res) => json(res, 404, { error: 'not found' });
    expect(await registry().findCandidates({ surname: 'Nəsirov', givenNames: 'Kamran', sex: 'male', dateOfBirth: '1980' })).toEqual([]);
    expect(await registry().findDocumentHolders('passport', 'C99999999')).toEqual([]);
    expect(requests).toHaveLength(2);
  });

  it('retries a 500 and succeeds', async () => {
    handler = (_req, res, n) => (n === 1 ? json(res, 500, { error: 'boom' }) : json(res, 200, { persons: [ELCIN] }));
    const holders = await registry().findDocumentHolders('passport', 'C01234567');
    expect(holders.map((h) => h.personalId)).toEqual(['1E4K7AZ']);
    expect(requests).toHaveLength(2);
  });

  it('retries 503, 429 (Retry-After) and 408', async () => {
    handler = (_req, res, n) =>
      n === 1
        ? json(res, 503, {}, { 'retry-after': '0' })
        : n === 2
          ? json(res, 429, {}, { 'retry-after': '0' })
          : n === 3
            ? json(res, 408, {})
            : json(res, 200, { persons: [] });
    expect(await registry({ retries: 3 }).findDocumentHolders('passport', 'C1')).toEqual([]);
    expect(requests).toHaveLength(4);
  });

  it('gives up after the configured retries with an error naming the status, never the query or the token', async () => {
    handler = (_req, res) => json(res, 502, {});
    const error = await failure(
      registry({ retries: 2 }).findCandidates({ surname: 'Mamedov', givenNames: 'Elchin', sex: 'male', dateOfBirth: '1991-04-17' }),
    );
    expect(error).toBeInstanceOf(CitizenRegistryError);
    expect(error.message).toBe('citizen registry GET /persons failed after 3 attempt(s): HTTP 502 Bad Gateway');
    expect(error.status).toBe(502);
    expect(error.message).not.toMatch(/Mamedov|1991|secret/);
    expect(requests).toHaveLength(3);
  });

  it('times out a slow answer, retries, and succeeds when the registry recovers', async () => {
    handler = (_req, res, n) =>
      n === 1 ? setTimeout(() => json(res, 200, { persons: [] }), 1500).unref() : json(res, 200, { persons: [ELCIN] });
    const started = Date.now();
    const holders = await registry({ timeoutMs: 200 }).findDocumentHolders('passport', 'C01234567');
    expect(holders).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1400);
    expect(requests).toHaveLength(2);
  });

  it('fails when every attempt times out', async () => {
    handler = () => undefined; // never answers
    const error = await failure(registry({ timeoutMs: 100, retries: 1 }).findDocumentHolders('passport', 'C1'));
    expect(error.message).toBe('citizen registry GET /documents failed after 2 attempt(s): no complete answer within 100 ms');
    expect(requests).toHaveLength(2);
  });

  it('times out an answer whose body stalls', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"persons": ['); // and nothing more
    };
    const error = await failure(registry({ timeoutMs: 150, retries: 0 }).findDocumentHolders('passport', 'C1'));
    expect(error.message).toMatch(/no complete answer within 150 ms/);
  });

  it.each([
    [400, 'HTTP 400 Bad Request (check REGISTRY_URL and the registry contract version): an operator problem, not retried here'],
    [401, 'HTTP 401 Unauthorized (check REGISTRY_TOKEN): an operator problem, not retried here'],
    [403, 'HTTP 403 Forbidden (check REGISTRY_TOKEN): an operator problem, not retried here'],
    [302, 'HTTP 302 Found: redirects are not followed, set REGISTRY_URL to the final address'],
  ])('fails at once on %i, naming it', async (status, message) => {
    handler = (_req, res) => json(res, status, {}, status === 302 ? { location: 'http://elsewhere.example/' } : {});
    const error = await failure(registry().findDocumentHolders('passport', 'C1'));
    expect(error).toBeInstanceOf(CitizenRegistryError);
    expect(error.message).toBe(`citizen registry GET /documents: ${message}`);
    expect(error.status).toBe(status);
    expect(requests).toHaveLength(1);
  });

  it.each<[string, (res: ServerResponse) => void, RegExp]>([
    ['no persons array', (res) => json(res, 200, { people: [ELCIN] }), /answer has no persons array/],
    ['a list instead of an object', (res) => json(res, 200, [ELCIN]), /answer has no persons array/],
    ['not JSON', (res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>'), /answer is not JSON/],
    [
      'a person of the wrong shape',
      (res) => json(res, 200, { persons: [ELCIN, { ...STRANGER, dateOfBirth: '1988' }, { personalId: 'X' }] }),
      /wrong shape: persons\[1\]: dateOfBirth "1988" is not a full date YYYY-MM-DD \| persons\[2\]: surname is required/,
    ],
  ])('refuses an answer with %s, without retrying', async (_label, answer, message) => {
    handler = (_req, res) => answer(res);
    const error = await failure(registry().findCandidates({ surname: 'Mamedov', givenNames: 'Elchin', sex: 'male', dateOfBirth: '1991' }));
    expect(error.message).toMatch(message);
    expect(requests).toHaveLength(1);
  });

  it('retries a refused connection, then fails naming it', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(registry({ baseUrl: `http://127.0.0.1:${port}`, retries: 1 }).findDocumentHolders('passport', 'C1'));
    expect(error.message).toMatch(/^citizen registry GET \/documents failed after 2 attempt\(s\): fetch failed \(ECONNREFUSED\)$/);
  });

  it('names its source without credentials or trailing slash', () => {
    expect(registry().source).toBe(`http:${base}/api/v1`);
  });
});

describe('httpRegistrySettingsFrom (the registry variables of VerificationSettings)', () => {
  const DEV = { AUTH_DEV_KEY_FILE: '/keys/dev.json', REGISTRY_ADAPTER: 'http' };
  const load = (env: Record<string, string>) => httpRegistrySettingsFrom(loadSettings(VerificationSettings, { ...DEV, ...env }));
  const problems = (env: Record<string, string>): string => {
    try {
      load(env);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('expected invalid settings');
  };

  it('reads the settings with their defaults', () => {
    expect(load({ REGISTRY_URL: 'https://registry.example/api' })).toEqual({
      baseUrl: 'https://registry.example/api',
      timeoutMs: 3000,
      retries: 2,
    });
    expect(
      load({ REGISTRY_URL: 'http://10.0.0.5:8080', REGISTRY_TIMEOUT_MS: '500', REGISTRY_RETRIES: '0', REGISTRY_TOKEN: TOKEN }),
    ).toEqual({
      baseUrl: 'http://10.0.0.5:8080',
      timeoutMs: 500,
      retries: 0,
      token: TOKEN,
    });
  });

  it('names every bad variable and never shows the token', () => {
    expect(problems({})).toContain('REGISTRY_URL: required when REGISTRY_ADAPTER=http');
    const message = problems({ REGISTRY_URL: 'ftp://x', REGISTRY_TIMEOUT_MS: '3s', REGISTRY_RETRIES: '-1', REGISTRY_TOKEN: 'bad token' });
    const lines = message.split('\n');
    expect(lines[0]).toBe('invalid configuration:');
    expect(
      lines
        .slice(1)
        .map((line) => line.trim().split(/[=:]/u)[0])
        .sort(),
    ).toEqual(['REGISTRY_RETRIES', 'REGISTRY_TIMEOUT_MS', 'REGISTRY_TOKEN', 'REGISTRY_URL']);
    expect(message).toContain('REGISTRY_TIMEOUT_MS="3s"');
    expect(message).toContain('REGISTRY_RETRIES="-1"');
    expect(message).toContain('REGISTRY_TOKEN=(value not shown)');
    expect(message).not.toContain('bad token');
    expect(problems({ REGISTRY_URL: 'https://user:pw@registry.example' })).toMatch(
      /REGISTRY_URL="https:\/\/\*\*\*@registry.example": must not carry a user or password/u,
    );
    expect(problems({ REGISTRY_URL: 'not a url' })).toMatch(/REGISTRY_URL="not a url": /u);
  });
});
