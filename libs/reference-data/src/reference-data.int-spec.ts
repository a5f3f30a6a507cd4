import { randomUUID } from 'crypto';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Module } from '@nestjs/common';
import { MongoClient } from 'mongodb';
import { CalendarSource, SHIPPED_CALENDARS, SHIPPED_CROSSING_POINTS, SHIPPED_RULEBOOKS, capacityOn } from '@readmission/agreements';
import { authSettingsFromEnv, loadOrCreateDevKey } from '@readmission/auth';
import { REFERENCE_DATA_TOPIC, ReferenceDataVersionV1 } from '@readmission/contracts';
import { ConflictError, InvalidInputError } from '@readmission/errors';
import { EventPublisher, kafkaSettingsFromEnv } from '@readmission/messaging';
import { ManualClock, PlatformModule, RunningService, startService } from '@readmission/platform';
import { Collector, KafkaTestClient, waitUntil } from '@readmission/testing';
import { KeepReferenceDataVersion } from './application/keep-reference-data-version';
import { LoadReferenceData } from './application/load-reference-data';
import { ReferenceData } from './application/reference-data';
import { referenceDataRecord } from './infrastructure/reference-data.record';
import { ReferenceDataModule } from './reference-data.module';

/**
 * The mechanism against the real broker and store: an "intake" that loads versions (its store and outbox) and a
 * "service" that keeps and reads them, on a topic of this run's own, so that no other run sees these versions.
 */
const run = randomUUID().slice(0, 8);
const topic = `it-${run}.reference-data`;
const devKeyFile = join(mkdtempSync(join(tmpdir(), 'reference-data-it-')), 'dev-key.json');
const HOUR = 3_600_000;

@Module({})
class LoaderRoot {}
@Module({})
class ServiceRoot {}

describe('reference data against the real broker and store', () => {
  const clock = new ManualClock(new Date('2026-11-24T10:00:00+04:00'));
  const kafka = new KafkaTestClient();
  const mongo = new MongoClient(process.env.MONGODB_URI as string);
  const databases = { loader: `it-${run}-refdata-intake`, service: `it-${run}-refdata-service` };
  let loader: RunningService;
  let service: RunningService;
  let published: Collector;

  const platform = (database: string) =>
    PlatformModule.forRoot({
      kafka: kafkaSettingsFromEnv('reference-data-it'),
      mongodbUri: process.env.MONGODB_URI as string,
      database,
      auth: authSettingsFromEnv({ AUTH_DEV_KEY_FILE: devKeyFile }),
      clock,
    });
  const load = (kind: Parameters<LoadReferenceData['execute']>[0], input: unknown) =>
    loader.app.get(LoadReferenceData).execute(kind, input, 'it-admin');
  const read = () => service.app.get(ReferenceData);
  const stored = (database: string) => mongo.db(database).collection<{ _id: string } & Record<string, unknown>>('reference-data');
  const kept = (id: string) =>
    waitUntil(
      async () => (await stored(databases.service).findOne({ _id: id })) ?? undefined,
      30_000,
      () => `${id} not kept`,
    );
  const crossingPoints = (version: string, effectiveFrom: Date, gydPerDay: number) => {
    const data = JSON.parse(JSON.stringify(SHIPPED_CROSSING_POINTS[0]));
    Object.assign(data, { version, effectiveFrom: effectiveFrom.toISOString(), description: `test version ${run}` });
    data.points.find((p: { code: string }) => p.code === 'GYD').dailyCapacity = {
      value: gydPerDay,
      status: 'verified',
      source: `test ${run}`,
    };
    return data;
  };

  const legacyRulebook = {
    ...JSON.parse(JSON.stringify(SHIPPED_RULEBOOKS[0])),
    version: `legacy-${run}`,
    effectiveFrom: '2099-06-01T00:00:00+04:00',
  };
  const legacyCalendar = {
    country: 'AZ',
    year: 2030,
    status: 'derived',
    source: `test ${run}`,
    nonWorkingDays: [{ date: '2030-01-01', name: 'New Year' }],
  };

  beforeAll(async () => {
    loadOrCreateDevKey(devKeyFile);
    await kafka.createTopics([topic]);
    published = await kafka.collect([topic]);
    await mongo.connect();
    // What intake's collection held before versions: the loader adopts it at start.
    await stored(databases.loader).insertMany([
      {
        _id: `rulebook:${legacyRulebook.version}`,
        kind: 'rulebook',
        data: legacyRulebook,
        loadedAt: new Date('2026-11-01T10:00:00Z'),
        loadedBy: 'ops-1',
        previous: [],
      },
      {
        _id: 'calendar:AZ:2030',
        kind: 'calendar',
        data: { ...legacyCalendar, status: 'official' },
        loadedAt: new Date('2026-11-20T10:00:00Z'),
        loadedBy: 'ops-2',
        previous: [{ data: legacyCalendar, loadedAt: new Date('2026-10-01T10:00:00Z'), loadedBy: 'ops-1' }],
      },
    ]);
    loader = await startService({
      name: 'reference-data-it-loader',
      title: 'loader',
      description: 'loads reference data',
      module: { module: LoaderRoot, imports: [platform(databases.loader), ReferenceDataModule.forLoading({ refreshMs: 0, topic })] },
      kafka: kafkaSettingsFromEnv('reference-data-it'),
      port: 0,
      groupId: `it-${run}-refdata-loader`,
      logLevels: ['error', 'warn'],
    });
    service = await startService({
      name: 'reference-data-it-service',
      title: 'service',
      description: 'reads reference data',
      module: {
        module: ServiceRoot,
        imports: [platform(databases.service), ReferenceDataModule.forFeature(['calendar', 'crossing-points'], { refreshMs: 0 })],
      },
      kafka: kafkaSettingsFromEnv('reference-data-it'),
      port: 0,
      groupId: `it-${run}-refdata-service`,
      server: { patternTopics: { [REFERENCE_DATA_TOPIC]: [topic] } },
      logLevels: ['error', 'warn'],
    });
  }, 120_000);

  afterAll(async () => {
    await service?.stop();
    await loader?.stop();
    await kafka.close();
    for (const database of Object.values(databases))
      await mongo
        .db(database)
        .dropDatabase()
        .catch(() => undefined);
    await mongo.close();
  });

  it('a version loaded on intake reaches a service through the outbox and the topic, and applies from its effectiveFrom', async () => {
    const from = new Date(clock.now().getTime() + HOUR);
    const loaded = await load('crossing-points', crossingPoints(`it-${run}-a`, from, 7));
    expect(loaded).toMatchObject({ kind: 'crossing-points', key: 'AZ', version: `it-${run}-a`, effectiveFrom: from, loadedBy: 'it-admin' });

    const id = `crossing-points:AZ:it-${run}-a`;
    const [record] = await published.waitFor((r) => r.key?.toString() === id);
    expect(published.json<ReferenceDataVersionV1>(record)).toMatchObject({
      id,
      kind: 'crossing-points',
      key: 'AZ',
      version: `it-${run}-a`,
      loadedBy: 'it-admin',
    });
    expect(await stored(databases.loader).findOne({ _id: id })).toMatchObject({ outboxPending: false, outbox: [] });
    await kept(id);

    // Before its effectiveFrom the shipped version applies; from it on, the loaded one.
    const before = await read().current('crossing-points', 'AZ', new Date(from.getTime() - 1));
    expect(before.version).toBe(SHIPPED_CROSSING_POINTS[0].version);
    const after = await read().current('crossing-points', 'AZ', from);
    expect(after.version).toBe(`it-${run}-a`);
    expect(capacityOn(after.data, 'GYD', '2026-11-24')).toBe(7);
  });

  it("adopts intake's documents from before versions: each a version (a calendar's earlier contents too), published through the outbox", async () => {
    expect(await stored(databases.loader).countDocuments({ version: { $exists: false } })).toBe(0);
    const loaded = loader.app.get(ReferenceData);
    expect((await loaded.versions('rulebook', 'AZ')).map((v) => v.version)).toContain(`legacy-${run}`);
    expect((await loaded.version('rulebook', 'AZ', `legacy-${run}`)).effectiveFrom).toEqual(new Date('2099-06-01T00:00:00+04:00'));
    expect(
      (await loaded.versions('calendar', 'AZ:2030')).map((v) => [v.version, v.data.status, v.loadedBy, v.effectiveFrom.toISOString()]),
    ).toEqual([
      ['1', 'derived', 'ops-1', '2026-10-01T10:00:00.000Z'],
      ['2', 'official', 'ops-2', '2026-11-20T10:00:00.000Z'],
    ]);
    await published.waitFor(
      (r) => ['calendar:AZ:2030:1', 'calendar:AZ:2030:2', `rulebook:AZ:legacy-${run}`].includes(r.key?.toString() ?? ''),
      3,
    );
    await kept('calendar:AZ:2030:2');
    expect((await read().calendarBook(clock.now())).get('AZ', 2030)?.status).toBe('official');
  });

  it('current picks the version by effectiveFrom, not by the order of loading', async () => {
    const base = clock.now().getTime();
    await load('crossing-points', crossingPoints(`it-${run}-late`, new Date(base + 3 * HOUR), 30));
    await load('crossing-points', crossingPoints(`it-${run}-early`, new Date(base + 2 * HOUR), 20));
    await kept(`crossing-points:AZ:it-${run}-early`);
    await kept(`crossing-points:AZ:it-${run}-late`);
    const at = async (hours: number) => (await read().current('crossing-points', 'AZ', new Date(base + hours * HOUR))).version;
    expect(await at(1.5)).toBe(`it-${run}-a`);
    expect(await at(2.5)).toBe(`it-${run}-early`);
    expect(await at(3)).toBe(`it-${run}-late`);
    expect((await read().versions('crossing-points', 'AZ')).map((v) => v.version)).toEqual([
      SHIPPED_CROSSING_POINTS[0].version,
      `it-${run}-a`,
      `it-${run}-early`,
      `it-${run}-late`,
    ]);
  });

  it('a calendar applies from its load, numbered per country and year, and builds the calendar book', async () => {
    const official = {
      ...SHIPPED_CALENDARS[1],
      status: 'official',
      source: `Cabinet of Ministers decision (test ${run})`,
      nonWorkingDays: [{ date: '2026-11-25', name: 'test day off' }],
    };
    const loadedAt = clock.now();
    const first = await load('calendar', official);
    expect(first).toMatchObject({ key: 'AZ:2026', version: '1', effectiveFrom: loadedAt });
    await kept('calendar:AZ:2026:1');
    expect((await read().calendarBook(new Date(loadedAt.getTime() - 1))).get('AZ', 2026)?.status).toBe('derived');
    const book = await read().calendarBook(loadedAt);
    expect(book.get('AZ', 2026)).toMatchObject({ status: 'official', source: official.source });
    expect(book.official('AZ').isWorkingDay('2026-11-25')).toBe(false);
    expect(book.official('AZ').basisFor(2026)).toBe(`official calendar of AZ 2026 version 1 (${official.source})`);
    expect(book.get('AZ', 2025)?.status).toBe('derived'); // the other years stay as shipped
    // Code written against CalendarSource gets the calendars in effect now.
    expect((await service.app.get(CalendarSource).calendars()).get('AZ', 2026)?.source).toBe(official.source);
    clock.advance(1000);
    expect((await load('calendar', { ...official, source: `corrected (test ${run})` })).version).toBe('2');
  });

  it('a redelivered record is stored once; the same id with other content is refused', async () => {
    const version = {
      kind: 'crossing-points' as const,
      key: 'AZ',
      version: `it-${run}-redelivered`,
      effectiveFrom: new Date('2030-01-01T00:00:00Z'),
      loadedAt: clock.now(),
      loadedBy: 'it-admin',
    };
    const record = referenceDataRecord({ ...version, data: crossingPoints(version.version, version.effectiveFrom, 11) }, topic);
    await kafka.send(topic, [record, record]);
    const id = `crossing-points:AZ:it-${run}-redelivered`;
    await kept(id);
    await kafka.send(topic, [record]);
    await published.waitFor((r) => r.key?.toString() === id, 3);
    // The third copy is handled (the group moved past it) once a later record is kept.
    const marker = referenceDataRecord(
      { ...version, version: `it-${run}-marker`, data: crossingPoints(`it-${run}-marker`, version.effectiveFrom, 12) },
      topic,
    );
    await kafka.send(topic, [marker]);
    await kept(`crossing-points:AZ:it-${run}-marker`);
    expect(await stored(databases.service).countDocuments({ _id: id })).toBe(1);

    const keep = service.app.get(KeepReferenceDataVersion);
    const payload = JSON.parse(record.value.toString()) as ReferenceDataVersionV1;
    await expect(keep.execute(payload)).resolves.toBe('known');
    const altered = crossingPoints(version.version, version.effectiveFrom, 99);
    await expect(keep.execute({ ...payload, data: altered })).rejects.toBeInstanceOf(ConflictError);
    await expect(
      keep.execute({ ...payload, id: `crossing-points:AZ:it-${run}-bad`, version: `it-${run}-bad`, data: { ...altered, points: [] } }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    // A kind this service does not read is not kept.
    await expect(keep.execute({ ...payload, id: 'referral-bodies:AZ:x', kind: 'referral-bodies' })).resolves.toBe('not-read-here');
  });

  it('a crash between the store write and the publish still publishes: the relay sends what the outbox kept', async () => {
    const publisher = loader.app.get(EventPublisher);
    const publish = jest.spyOn(publisher, 'publish').mockRejectedValueOnce(new Error('broker gone (test)'));
    const version = `it-${run}-crash`;
    await load('crossing-points', crossingPoints(version, new Date(clock.now().getTime() + 5 * HOUR), 5));
    const id = `crossing-points:AZ:${version}`;
    expect(publish).toHaveBeenCalledTimes(1);
    publish.mockRestore();
    expect(await stored(databases.loader).findOne({ _id: id })).toMatchObject({ outboxPending: true });
    expect(published.records.some((r) => r.key?.toString() === id)).toBe(false);

    // The relay's own sweep (every few seconds, once the writer's grace has passed) publishes it.
    await published.waitFor((r) => r.key?.toString() === id);
    await kept(id);
    expect(await stored(databases.loader).findOne({ _id: id })).toMatchObject({ outboxPending: false });
  });

  it('refuses an invalid version with every problem by JSON path, and a version that exists (loaded or shipped)', async () => {
    const bad = crossingPoints(`it-${run}-bad`, new Date(clock.now().getTime() + HOUR), -1);
    const invalid = await load('crossing-points', bad).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(InvalidInputError);
    expect((invalid as InvalidInputError).details).toEqual([
      { path: expect.stringMatching(/^\$\.points\[\d+\]\.dailyCapacity\.value$/), message: 'a whole number of persons, 0 or more' },
    ]);
    await expect(load('crossing-points', crossingPoints(`it-${run}-now`, clock.now(), 1))).resolves.toMatchObject({
      version: `it-${run}-now`,
    }); // refreshMs 0: no lead
    await expect(load('crossing-points', crossingPoints(`it-${run}-a`, new Date(clock.now().getTime() + HOUR), 1))).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(
      load('crossing-points', crossingPoints(SHIPPED_CROSSING_POINTS[0].version, new Date(clock.now().getTime() + HOUR), 1)),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});
