import { randomUUID } from 'crypto';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { SignJWT } from 'jose';
import { SHIPPED_CROSSING_POINTS } from '@readmission/agreements';
import { DEFAULT_AUDIENCE, DEV_ISSUER, DEV_TEAM, OVERSIGHT_ROLE, ROLES, Role, loadOrCreateDevKey, mintDevToken } from '@readmission/auth';
import { RunningService, startService } from '@readmission/platform';
import { ServiceTest } from '@readmission/testing';
/* eslint-disable @nx/enforce-module-boundaries -- the matrix starts the four services' Nest apps in this process (faster than four launched processes) */
import { intakeService } from '../services/intake/src/intake.app';
import { intakeSettingsForTest } from '../services/intake/src/settings';
import { reintegrationService } from '../services/reintegration/src/reintegration.app';
import { reintegrationSettingsForTest } from '../services/reintegration/src/settings';
import { transferService } from '../services/transfer/src/transfer.app';
import { transferSettingsForTest } from '../services/transfer/src/settings';
import { verificationService } from '../services/verification/src/verification.app';
import { verificationSettingsForTest } from '../services/verification/src/settings';
/* eslint-enable @nx/enforce-module-boundaries */

/**
 * The authorization matrix: every endpoint of every service, read from the OpenAPI document each running service
 * publishes (the four services in this process, on the real broker and store), called with every role, without a
 * token and with each kind of bad token. The expectations come from one table built from the documents: the roles
 * each operation declares (`x-roles`, written by @Roles) or `x-public` (@Public); oversight reads (GET) everything.
 * A hole is any cell where the service answers otherwise: a bad token let through, a role let in that the table does
 * not list, a listed role refused, an endpoint that declares nothing, a write open to a read-only role, or a 5xx.
 */
const run = randomUUID().slice(0, 8);
const devKeyFile = join(mkdtempSync(join(tmpdir(), 'matrix-')), 'dev-key.json');
const WRITES = ['post', 'put', 'patch', 'delete'];
const READ_ONLY_ROLES: Role[] = ['auditor', OVERSIGHT_ROLE];

/** Runs the calls a few dozen at a time (the matrix has hundreds of cells), keeping their order. */
async function inBatches<T, R>(items: T[], callOne: (item: T) => Promise<R>, size = 24): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await Promise.all(items.slice(i, i + size).map(callOne))));
  return results;
}

interface Operation {
  service: string;
  method: string;
  path: string;
  roles: Role[];
  public: boolean;
  parameters: { name: string; in: string; schema?: { type?: string } }[];
}

type OpenApi = {
  paths: Record<string, Record<string, { 'x-roles'?: Role[]; 'x-public'?: boolean; parameters?: Operation['parameters'] }>>;
};

/** Tokens a caller must never get through with: each is otherwise valid and holds every role. */
async function badTokens(): Promise<Record<string, string | undefined>> {
  const secret = Buffer.from(loadOrCreateDevKey(devKeyFile).secret, 'base64url');
  const all = { roles: [...ROLES] };
  const signed = (build: (jwt: SignJWT) => SignJWT) =>
    build(new SignJWT(all).setProtectedHeader({ alg: 'HS256' }).setSubject('matrix-intruder').setIssuedAt()).sign(secret);
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return {
    'no token': undefined,
    'expired token': await mintDevToken(devKeyFile, { subject: 'matrix-intruder', roles: [...ROLES], ttl: '-5 minutes' }),
    'token without exp': await signed((jwt) => jwt.setIssuer(DEV_ISSUER).setAudience(DEFAULT_AUDIENCE)),
    'wrong audience': await mintDevToken(devKeyFile, { subject: 'matrix-intruder', roles: [...ROLES], audience: 'another-platform' }),
    'wrong issuer': await signed((jwt) => jwt.setIssuer('urn:someone-else').setAudience(DEFAULT_AUDIENCE).setExpirationTime('5m')),
    'alg none': `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ ...all, sub: 'matrix-intruder', iss: DEV_ISSUER, aud: DEFAULT_AUDIENCE, iat: now, exp: now + 300 })}.`,
  };
}

describe('authorization matrix: every endpoint of every service × every role and bad token', () => {
  const test = new ServiceTest(`matrix-${run}`);
  const services: Record<string, RunningService> = {};
  const table: Operation[] = [];

  beforeAll(async () => {
    loadOrCreateDevKey(devKeyFile);
    const env = (name: string) => ({
      MONGODB_DB: `matrix-${run}-${name}`,
      AUTH_DEV_KEY_FILE: devKeyFile,
      API_DOCS: 'signed-in',
      PARTNERS: 'DE',
    });
    const definitions = {
      intake: intakeService(intakeSettingsForTest(env('intake'))),
      verification: verificationService(verificationSettingsForTest(env('verification'))),
      transfer: transferService(transferSettingsForTest(env('transfer'))),
      reintegration: reintegrationService(reintegrationSettingsForTest(env('reintegration'))),
    };
    // The HTTP surface only: no consumer groups (the matrix sends no message and must read none).
    for (const [name, definition] of Object.entries(definitions))
      services[name] = await startService({ ...definition, consume: false, logLevels: ['error'] });

    // The one table: every operation of every OpenAPI document, with the roles it declares.
    const reader = await mintDevToken(devKeyFile, { subject: 'matrix-reader', roles: ['auditor'] });
    for (const [service, running] of Object.entries(services)) {
      const res = await fetch(`${running.url}/docs/openapi.json`, { headers: { authorization: `Bearer ${reader}` } });
      expect(res.status).toBe(200);
      const document = (await res.json()) as OpenApi;
      for (const [path, operations] of Object.entries(document.paths))
        for (const [method, operation] of Object.entries(operations))
          table.push({
            service,
            method,
            path,
            roles: operation['x-roles'] ?? [],
            public: operation['x-public'] === true,
            parameters: operation.parameters ?? [],
          });
    }
  }, 120_000);

  afterAll(async () => {
    await test.close(...Object.values(services));
    // Each service kept its own database; none holds anything the matrix should leave behind.
    await test.mongo.connect();
    for (const name of Object.keys(services)) await test.mongo.db(`matrix-${run}-${name}`).dropDatabase();
    await test.mongo.close();
  });

  /** A concrete URL: path parameters filled with values that name nothing (the matrix must not change any record). */
  const urlOf = (op: Operation) =>
    services[op.service].url +
    op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const type = op.parameters.find((p) => p.in === 'path' && p.name === name)?.schema?.type;
      return type === 'integer' || type === 'number' ? '3' : `MATRIX-${run}`;
    });
  const call = (op: Operation, token?: string) =>
    fetch(urlOf(op), {
      method: op.method.toUpperCase(),
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(WRITES.includes(op.method) ? { body: '{}' } : {}),
    });
  const expectedFor = (op: Operation, role: Role) => op.roles.includes(role) || (role === OVERSIGHT_ROLE && op.method === 'get');
  const describeOp = (op: Operation) => `${op.service} ${op.method.toUpperCase()} ${op.path}`;

  it('reads every service’s endpoints from its OpenAPI document, and each declares its roles or is public', () => {
    expect(Object.keys(services)).toEqual(['intake', 'verification', 'transfer', 'reintegration']);
    for (const service of Object.keys(services)) expect(table.filter((op) => op.service === service).length).toBeGreaterThan(3);
    // Issue 16's endpoints are in the table like every other: readmission by mistake, the cost ledger and its statistics (transfer).
    expect(table.map(describeOp)).toEqual(
      expect.arrayContaining([
        'transfer POST /cost-entries',
        'transfer GET /cost-entries',
        'transfer GET /cost-entries/{id}',
        'transfer POST /cost-entries/{id}/invoice',
        'transfer POST /cost-entries/{id}/repayment',
        'transfer GET /cost-statistics',
        'transfer POST /mistake-returns',
        'transfer GET /mistake-returns',
        'transfer GET /mistake-returns/{caseNumber}',
        'transfer POST /mistake-returns/{caseNumber}/return',
        'transfer GET /transits',
        'transfer GET /transits/{partnerCode}/{transitReference}',
        'transfer POST /transits/{partnerCode}/{transitReference}/decision',
        'transfer POST /transits/{partnerCode}/{transitReference}/revocation',
        'transfer POST /transits/{partnerCode}/{transitReference}/border',
      ]),
    );
    expect(table.filter((op) => !op.public && op.roles.length === 0).map(describeOp)).toEqual([]);
    expect(table.filter((op) => op.public).map(describeOp)).toEqual(
      expect.arrayContaining(Object.keys(services).map((s) => `${s} GET /health`)),
    );
    // Reading roles change nothing: no write declares them.
    expect(table.filter((op) => WRITES.includes(op.method) && op.roles.some((r) => READ_ONLY_ROLES.includes(r))).map(describeOp)).toEqual(
      [],
    );
  });

  it('refuses every non-public endpoint without a valid token (none, expired, without exp, wrong audience or issuer, alg none): 401', async () => {
    const tokens = await badTokens();
    const cells = table.filter((o) => !o.public).flatMap((op) => Object.entries(tokens).map(([kind, token]) => ({ op, kind, token })));
    const answers = await inBatches(cells, async ({ op, kind, token }) => ({
      cell: `${describeOp(op)} with ${kind}`,
      status: (await call(op, token)).status,
    }));
    expect(answers.filter((a) => a.status !== 401).map((a) => `${a.cell}: ${a.status}`)).toEqual([]);
  });

  it('lets in exactly the roles the table lists for each endpoint (oversight: every GET), refuses the others with 403, and never fails with 5xx', async () => {
    const crossingPoints = SHIPPED_CROSSING_POINTS[0].points.map((p) => p.code);
    const tokens = Object.fromEntries(
      await Promise.all(
        ROLES.map(async (role) => [
          role,
          await mintDevToken(devKeyFile, { subject: `matrix-${role}`, roles: [role], crossingPoints, teams: [DEV_TEAM] }),
        ]),
      ),
    ) as Record<Role, string>;
    const cells = table.filter((o) => !o.public).flatMap((op) => ROLES.map((role) => ({ op, role })));
    const holes = (
      await inBatches(cells, async ({ op, role }) => {
        const status = (await call(op, tokens[role])).status;
        const cell = `${describeOp(op)} as ${role}: ${status}`;
        if (status >= 500) return [cell];
        if (expectedFor(op, role)) return status === 401 || status === 403 ? [`${cell}, the table allows it`] : [];
        return status === 403 ? [] : [`${cell}, the table refuses it`];
      })
    ).flat();
    expect(holes).toEqual([]);
    expect(cells.length).toBe(table.filter((o) => !o.public).length * ROLES.length);
  });

  it('opens public endpoints (health) without a token', async () => {
    for (const op of table.filter((o) => o.public && o.method === 'get' && !o.path.includes('{')))
      expect([401, 403]).not.toContain((await call(op)).status);
  });
});
