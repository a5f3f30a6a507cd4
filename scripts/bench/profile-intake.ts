// Where an intake handler's time goes, per step: the built intake module (dist/) in this process, its partner-record
// handler called directly with N applications one after another (idle, as `messaging_handler_duration_seconds`
// measures it), with timing spans around the steps and every store round trip timed at the driver.
//
//   MONGODB_URI=... KAFKA_BROKERS=... node -r ./scripts/register-ts.js scripts/bench/profile-intake.ts [--count 50] [--db <database>]
//
// It publishes its events on the broker's real internal topics: run it on a broker of its own (as the benchmark's
// copy of the platform would take them for its own otherwise).
//
// BENCH_DIST: another build than dist/ (same layout). --db: profile against a database that already holds a volume (e.g. bench-stored-10000-intake, seeded by
// `npm run bench:seed`); default a fresh one, dropped at the end.
import { readFileSync } from 'fs';
import { join, resolve } from 'path';
import { performance } from 'perf_hooks';
import { parseArgs } from 'util';

const ROOT = join(__dirname, '..', '..');
const DIST = join(resolve(process.env.BENCH_DIST ?? join(ROOT, 'dist')), 'services', 'intake');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (path: string) => require(join(DIST, path)) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Tally {
  count: number;
  ms: number;
}
const spans = new Map<string, Tally>();
const store = new Map<string, Tally>();
const add = (map: Map<string, Tally>, name: string, ms: number) => {
  const t = map.get(name) ?? { count: 0, ms: 0 };
  t.count += 1;
  t.ms += ms;
  map.set(name, t);
};
let recording = false;

/** Wraps an async method so that its (inclusive) time is added to `map` under `name`. */
function time(target: object, method: string, name: string, map: Map<string, Tally>): void {
  const original = (target as Record<string, unknown>)[method] as ((...args: unknown[]) => unknown) | undefined;
  if (typeof original !== 'function') throw new Error(`no method ${name}`);
  (target as Record<string, unknown>)[method] = function (this: unknown, ...args: unknown[]) {
    const start = performance.now();
    const result = original.apply(this, args);
    const done = () => recording && add(map, name, performance.now() - start);
    if (result && typeof (result as Promise<unknown>).then === 'function') return (result as Promise<unknown>).finally(done);
    done();
    return result;
  };
}

/** Every store round trip, by collection and operation, at the driver (the one mongoose uses). */
function timeStore(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mongodb = require(require.resolve('mongodb', { paths: [DIST] })) as Record<string, { prototype: Record<string, unknown> }>;
  const collectionOps = [
    'insertOne',
    'insertMany',
    'findOne',
    'updateOne',
    'updateMany',
    'findOneAndUpdate',
    'countDocuments',
    'deleteOne',
    'deleteMany',
    'bulkWrite',
  ];
  for (const op of collectionOps) {
    const proto = mongodb.Collection.prototype;
    const original = proto[op] as (...args: unknown[]) => Promise<unknown>;
    proto[op] = function (this: { collectionName: string }, ...args: unknown[]) {
      const start = performance.now();
      return original.apply(this, args).finally(() => recording && add(store, `${this.collectionName}.${op}`, performance.now() - start));
    };
  }
  for (const cursor of ['FindCursor', 'AggregationCursor']) {
    const proto = mongodb[cursor].prototype;
    const original = proto.toArray as (...args: unknown[]) => Promise<unknown>;
    proto.toArray = function (this: { namespace: { collection?: string } }, ...args: unknown[]) {
      const start = performance.now();
      return original
        .apply(this, args)
        .finally(
          () =>
            recording &&
            add(store, `${this.namespace.collection}.${cursor === 'FindCursor' ? 'find' : 'aggregate'}`, performance.now() - start),
        );
    };
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { count: { type: 'string', default: '50' }, db: { type: 'string' } } });
  const count = Number(values.count);
  const stamp = Date.now();
  const database = values.db ?? `profile-${stamp}-intake`;
  timeStore();
  const platform = load('libs/platform/src/index.js');
  const persistence = load('libs/persistence/src/index.js');
  const messaging = load('libs/messaging/src/index.js');
  const contracts = load('libs/contracts/src/index.js');
  const referenceData = load('libs/reference-data/src/index.js');
  const { intakeService } = load('services/intake/src/intake.app.js');
  const { IntakeSettings } = load('services/intake/src/settings.js');
  const { PartnerInboundHandler } = load('services/intake/src/interface/kafka/partner-inbound.handler.js');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const steps: [Record<string, any>, string, string[]][] = [
    [PartnerInboundHandler, 'handler', ['onPartnerRecord']],
    [load('services/intake/src/application/receive-partner-message.js').ReceivePartnerMessage, 'receive', ['execute']],
    [persistence.Inbox, 'inbox', ['handle']],
    [load('services/intake/src/application/repeat-first-answer.js').RepeatFirstAnswer, 'answers', ['ifHandled']],
    [load('services/intake/src/application/register-application.js').RegisterApplication, 'register', ['execute']],
    [
      load('services/intake/src/infrastructure/case.repository.js').CaseRepository,
      'cases',
      ['findByReference', 'insert', 'insertOnce', 'update'],
    ],
    [load('services/intake/src/infrastructure/case-number-sequence.js').CaseNumberSequence, 'caseNumbers', ['next']],
    [referenceData.ReferenceData, 'referenceData', ['rulebookAt', 'calendarBook']],
    [persistence.OutboxRelay, 'outbox', ['flush']],
    [messaging.EventPublisher, 'kafka', ['publish']],
  ];
  for (const [cls, name, methods] of steps) {
    for (const m of methods) if (typeof cls.prototype[m] === 'function') time(cls.prototype, m, `${name}.${m}`, spans);
  }
  // The module that defines it (the index only re-exports it through getters).
  time(load('libs/contracts/src/parse.js'), 'parsePartnerRecord', 'validation.parsePartnerRecord', spans);

  const settings = platform.loadSettings(IntakeSettings, {
    KAFKA_BROKERS: process.env.KAFKA_BROKERS,
    MONGODB_URI: process.env.MONGODB_URI,
    MONGODB_DB: database,
    PARTNERS: 'DE',
    PORT: '0',
    DEADLINE_SWEEP_MS: '0',
    LOG_LEVEL: 'warn',
    AUTH_DEV_KEY_FILE: join(ROOT, '.local', 'profile-dev-key.json'),
  });
  const definition = intakeService(settings);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { NestFactory } = require(require.resolve('@nestjs/core', { paths: [DIST] }));
  const app = await NestFactory.createApplicationContext(definition.module, { logger: ['error', 'warn'] });
  await app.init();
  const handler = app.get(PartnerInboundHandler);

  const fixture = JSON.parse(
    readFileSync(join(ROOT, 'libs', 'contracts', 'fixtures', 'valid', 'application-submitted-national.json'), 'utf8'),
  );
  const day = (years: number) => new Date(Date.now() + years * 365 * 86_400_000).toISOString().slice(0, 10);
  const passport = { type: 'passport', form: 'original', number: 'C01234567', issuingCountry: 'AZ', issuedOn: day(-5), expiresOn: day(5) };
  const consumed = (i: number) => {
    const r = contracts.buildPartnerRecord({
      type: fixture.type,
      value: { ...fixture.value, partnerReference: `PROFILE-${stamp}-${i}`, evidence: [passport] },
      source: 'urn:authority:de:bench',
    });
    const headers = Object.fromEntries(Object.entries(r.headers as Record<string, string>).map(([k, v]) => [k, Buffer.from(v)]));
    return {
      topic: contracts.partnerInboundTopic('DE'),
      partition: 0,
      offset: String(i),
      key: Buffer.from(r.key),
      value: Buffer.from(r.value),
      headers,
      timestamp: String(Date.now()),
      attempt: 1,
      heartbeat: async () => undefined,
    };
  };
  const warmUp = 5;
  for (let i = 0; i < warmUp; i++) await handler.onPartnerRecord(consumed(i));
  recording = true;
  const totals: number[] = [];
  const cpuStart = process.cpuUsage();
  for (let i = warmUp; i < warmUp + count; i++) {
    const start = performance.now();
    await handler.onPartnerRecord(consumed(i));
    totals.push(performance.now() - start);
  }
  const cpu = process.cpuUsage(cpuStart);
  recording = false;
  await app.close();
  if (!values.db) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { MongoClient } = require(require.resolve('mongodb', { paths: [DIST] }));
    const client = await MongoClient.connect(process.env.MONGODB_URI);
    await client.db(database).dropDatabase();
    await client.close();
  }

  totals.sort((a, b) => a - b);
  const per = (ms: number) => (ms / count).toFixed(1);
  const storeMs = [...store.values()].reduce((s, t) => s + t.ms, 0);
  const storeCalls = [...store.values()].reduce((s, t) => s + t.count, 0);
  console.log(`intake handler, ${count} applications one after another, database ${database}`);
  console.log(
    `handler p50 ${totals[Math.floor(count / 2)].toFixed(1)} ms, mean ${per(totals.reduce((a, b) => a + b, 0))} ms; process CPU ${per((cpu.user + cpu.system) / 1000)} ms per application`,
  );
  console.log(`store: ${(storeCalls / count).toFixed(1)} round trips, ${per(storeMs)} ms per application`);
  console.log('\nspan (inclusive)                         calls/app  ms/app');
  for (const [name, t] of [...spans].sort((a, b) => b[1].ms - a[1].ms))
    console.log(`${name.padEnd(40)} ${(t.count / count).toFixed(1).padStart(9)} ${per(t.ms).padStart(7)}`);
  console.log('\nstore round trip                         calls/app  ms/app');
  for (const [name, t] of [...store].sort((a, b) => b[1].ms - a[1].ms))
    console.log(`${name.padEnd(40)} ${(t.count / count).toFixed(1).padStart(9)} ${per(t.ms).padStart(7)}`);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`[profile] failed: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
