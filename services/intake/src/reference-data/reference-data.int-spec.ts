import { randomUUID } from 'crypto';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { SHIPPED_CROSSING_POINTS, SHIPPED_REFERRAL_BODIES, SHIPPED_RULEBOOKS } from '@readmission/agreements';
import { Role, loadOrCreateDevKey, mintDevToken } from '@readmission/auth';
import { REFERENCE_DATA_TOPIC, ReferenceDataVersionV1, partnerInboundTopic } from '@readmission/contracts';
import { ManualClock, RunningService, startService } from '@readmission/platform';
import { Collector, ServiceTest, waitUntil } from '@readmission/testing';
import { intakeService } from '../intake.app';
import { intakeSettingsForTest } from '../settings';

/**
 * The operators' reference-data API of intake against the real broker and store: each kind validated whole (400
 * with every problem by JSON path), immutable versions (409), admin only, listed with the version in effect, and
 * every loaded version on the compacted reference-data topic through the outbox. Versions other than calendars
 * start in 2099, so that no service of another run ever applies them.
 */
const run = randomUUID().slice(0, 8);
// A partner no other intake test sends to: two intake instances on one partner topic would both answer it.
const PARTNERS = ['AT'];
const groupId = `it-${run}-intake-refdata`;
const database = `it-${run}-intake-refdata`;
const devKeyFile = join(mkdtempSync(join(tmpdir(), 'intake-refdata-it-')), 'dev-key.json');
const FAR = '2099-01-01T00:00:00+04:00';
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value));

describe('intake: reference data loaded by operators', () => {
  const clock = new ManualClock(new Date('2026-11-24T10:00:00+04:00'));
  const test = new ServiceTest(database);
  const { kafka, mongo } = test;
  let service: RunningService;
  let published: Collector;

  const api = async (path: string, role: Role, init: RequestInit = {}) => {
    const token = await mintDevToken(devKeyFile, { subject: `it-${role}`, roles: [role] });
    return fetch(`${service.url}${path}`, { ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });
  };
  const post = (path: string, body: unknown, role: Role = 'admin') => api(path, role, { method: 'POST', body: JSON.stringify(body) });
  const json = async <T = Record<string, unknown>>(response: Response | Promise<Response>) => (await (await response).json()) as T;
  const record = async (id: string, match: (v: ReferenceDataVersionV1) => boolean = () => true) => {
    const [found] = await published.waitFor((r) => r.key?.toString() === id && match(published.json<ReferenceDataVersionV1>(r)));
    return published.json<ReferenceDataVersionV1>(found);
  };

  beforeAll(async () => {
    loadOrCreateDevKey(devKeyFile);
    const consumed = [...PARTNERS.map(partnerInboundTopic), 'readmission.internal.partner-reply-requested.v1'];
    await kafka.createTopics([...consumed, REFERENCE_DATA_TOPIC]);
    await kafka.startGroupAtEnd(groupId, consumed);
    published = await kafka.collect([REFERENCE_DATA_TOPIC]);
    const settings = intakeSettingsForTest({ AUTH_DEV_KEY_FILE: devKeyFile, MONGODB_DB: database, PARTNERS: PARTNERS.join(',') });
    service = await startService(intakeService(settings, { groupId, logLevels: ['error', 'warn'] }, clock));
    await mongo.connect();
  }, 120_000);

  afterAll(() => test.close(service));

  afterEach(() => clock.set('2026-11-24T10:00:00+04:00'));

  it('loads a rulebook version: validated whole, far enough ahead, immutable, listed with the one in effect', async () => {
    const invalid = await post('/rulebooks', { ...SHIPPED_RULEBOOKS[0], version: 'x y' });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: 'invalid-input', details: [{ path: '$.version', message: expect.any(String) }] });
    const version = `it-${run}`;
    const next = { ...copy(SHIPPED_RULEBOOKS[0]), version, effectiveFrom: FAR, description: `test version ${run}` };
    // Twice the refresh interval (10 s by default) ahead at least: every instance has read it before it applies.
    const soon = await post('/rulebooks', { ...next, effectiveFrom: '2026-11-24T10:00:10+04:00' });
    expect(soon.status).toBe(400);
    expect(await soon.json()).toMatchObject({ details: [{ path: '$.effectiveFrom' }] });
    expect((await post('/rulebooks', next, 'officer')).status).toBe(403);
    const loaded = await post('/rulebooks', next);
    expect(loaded.status).toBe(201);
    expect(await loaded.json()).toEqual({ version, effectiveFrom: FAR });
    expect((await post('/rulebooks', next)).status).toBe(409);
    expect((await post('/rulebooks', { ...next, version: SHIPPED_RULEBOOKS[0].version })).status).toBe(409);

    // On 24 November 2026 the shipped 2026.1 is in effect; the shipped 2026.2 applies from 30 November, 2026.3 from 1 December.
    expect(await json(api('/rulebooks', 'auditor'))).toEqual([
      expect.objectContaining({ version: '2026.1', loadedBy: 'shipped', inEffect: true }),
      expect.objectContaining({ version: '2026.2', loadedBy: 'shipped', inEffect: false }),
      expect.objectContaining({ version: '2026.3', loadedBy: 'shipped', inEffect: false }),
      expect.objectContaining({ version, effectiveFrom: FAR, description: next.description, loadedBy: 'it-admin', inEffect: false }),
    ]);
    expect(await json(api(`/rulebooks/${version}`, 'officer'))).toEqual(next);
    expect((await api('/rulebooks/nope', 'officer')).status).toBe(404);
    clock.set(FAR);
    expect(await json(api('/rulebooks', 'auditor'))).toEqual([
      expect.objectContaining({ inEffect: false }),
      expect.objectContaining({ inEffect: false }),
      expect.objectContaining({ inEffect: false }),
      expect.objectContaining({ version, inEffect: true }),
    ]);
    expect(await json<{ rulebookVersion: string }[]>(api('/partners', 'officer'))).toEqual(
      expect.arrayContaining([expect.objectContaining({ rulebookVersion: version })]),
    );

    expect(await record(`rulebook:AZ:${version}`)).toMatchObject({
      kind: 'rulebook',
      key: 'AZ',
      version,
      loadedBy: 'it-admin',
      data: next,
    });
  });

  it("lets an operator load a year's official calendar, validated; every service learns it from the compacted reference-data topic", async () => {
    const bad = await post('/calendars', {
      country: 'AZ',
      year: 2028,
      status: 'official',
      source: 'x',
      nonWorkingDays: [{ date: '2028-01-01', name: 'Saturday' }],
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ details: [{ path: '$.nonWorkingDays[0].date' }] });
    const year = {
      country: 'AZ',
      year: 2028,
      status: 'official',
      source: `Cabinet of Ministers decision (test ${run})`,
      nonWorkingDays: [{ date: '2028-01-03', name: 'New Year' }],
    };
    const loaded = await post('/calendars', year);
    expect(loaded.status).toBe(201);
    expect(await loaded.json()).toEqual({ country: 'AZ', year: 2028, status: 'official', version: '1' });
    await waitUntil(async () => (await api('/calendars/AZ/2028', 'officer')).status === 200, 5_000);
    expect(await json(api('/calendars/AZ/2028', 'officer'))).toMatchObject(year);
    expect(await json(api('/calendars', 'officer'))).toEqual(
      expect.arrayContaining([{ country: 'AZ', year: 2028, status: 'official', source: year.source, nonWorkingDays: 1, workingDays: 0 }]),
    );

    // A correction is a new version; both stay listed.
    clock.advance(60_000);
    const corrected = { ...year, source: `corrected (test ${run})` };
    expect(await json(post('/calendars', corrected))).toMatchObject({ version: '2' });
    expect(await json(api('/calendars/AZ/2028/versions', 'auditor'))).toEqual([
      expect.objectContaining({ version: '1', source: year.source, inEffect: false }),
      expect.objectContaining({ version: '2', source: corrected.source, inEffect: true, loadedBy: 'it-admin' }),
    ]);
    expect((await api('/calendars/AZ/2031/versions', 'auditor')).status).toBe(404);

    expect(await record('calendar:AZ:2028:1', (v) => (v.data as { source: string }).source === year.source)).toMatchObject({
      kind: 'calendar',
      key: 'AZ:2028',
      version: '1',
      loadedBy: 'it-admin',
      data: year,
    });
    const admin = kafka.kafka.admin();
    await admin.connect();
    const config = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: 2, name: REFERENCE_DATA_TOPIC, configNames: ['cleanup.policy'] }],
    });
    await admin.disconnect();
    expect(config.resources[0].configEntries[0]).toMatchObject({ configName: 'cleanup.policy', configValue: 'compact' });
  });

  it('loads crossing points with their daily capacity: every problem by JSON path, versions listed, the version in effect marked', async () => {
    const version = `it-${run}-cp`;
    const next = { ...copy(SHIPPED_CROSSING_POINTS[0]), version, effectiveFrom: FAR, description: `test version ${run}` };
    next.points[0].dailyCapacity = { value: 90, status: 'verified', source: `State Border Service letter (test ${run})` };
    next.points[1].dateCapacity = [{ date: '2099-01-01', value: 0, status: 'verified', source: 'closed on New Year' }];

    const broken = copy(next) as unknown as { points: Record<string, unknown>[] };
    broken.points[2].mode = 'rail';
    broken.points[3].dailyCapacity = { value: -5, status: 'assumed', source: 'x' };
    const invalid = await post('/crossing-points', broken);
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({
      error: 'invalid-input',
      details: [
        { path: '$.points[2].mode', message: 'one of air, land, sea' },
        { path: '$.points[3].dailyCapacity.value', message: 'a whole number of persons, 0 or more' },
      ],
    });
    expect((await post('/crossing-points', next, 'officer')).status).toBe(403);
    expect(await json(post('/crossing-points', next))).toEqual({ version, effectiveFrom: FAR });
    expect((await post('/crossing-points', next)).status).toBe(409);

    expect(await json(api('/crossing-points', 'officer'))).toEqual([
      expect.objectContaining({ version: SHIPPED_CROSSING_POINTS[0].version, inEffect: true }),
      expect.objectContaining({ version, effectiveFrom: FAR, inEffect: false, loadedBy: 'it-admin' }),
    ]);
    expect(await json(api(`/crossing-points/${version}`, 'officer'))).toEqual(next);
    clock.set(FAR);
    expect(await json(api('/crossing-points', 'officer'))).toEqual([
      expect.objectContaining({ inEffect: false }),
      expect.objectContaining({ version, inEffect: true }),
    ]);
    expect(await record(`crossing-points:AZ:${version}`)).toMatchObject({ kind: 'crossing-points', key: 'AZ', version, data: next });
  });

  it('loads referral bodies with their deadlines as Periods', async () => {
    const version = `it-${run}-rb`;
    const next = { ...copy(SHIPPED_REFERRAL_BODIES[0]), version, effectiveFrom: FAR, description: `test version ${run}` };
    next.bodies[0].deadline = {
      value: 15,
      unit: 'working-days',
      from: 'referral',
      status: 'verified',
      source: `Working Group decision (test ${run})`,
    };
    const invalid = await post('/referral-bodies', {
      ...next,
      bodies: [{ ...next.bodies[0], deadline: { value: 10, unit: 'weeks', status: 'assumed', source: 'x' } }],
    });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ details: [{ path: '$.bodies[0].deadline.unit' }] });
    expect(await json(post('/referral-bodies', next))).toEqual({ version, effectiveFrom: FAR });
    expect((await post('/referral-bodies', next)).status).toBe(409);
    expect(await json(api('/referral-bodies', 'auditor'))).toEqual([
      expect.objectContaining({ inEffect: true }),
      expect.objectContaining({ version, inEffect: false }),
    ]);
    expect(await json(api(`/referral-bodies/${version}`, 'auditor'))).toEqual(next);
    expect((await api(`/referral-bodies/nope`, 'auditor')).status).toBe(404);
    expect(await record(`referral-bodies:AZ:${version}`)).toMatchObject({ kind: 'referral-bodies', version, data: next });
  });
});
