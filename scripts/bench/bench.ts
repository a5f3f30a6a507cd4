// Benchmark: N partner applications through the running platform (inbound -> intake -> verification -> intake
// -> outbound, 3 Kafka hops), compared with bare kafkajs relays over the same number of hops on the same broker.
// Prints throughput, latency percentiles, the consumer lag per group (max, and when it was back to 0), CPU and
// memory, and appends the figures to .local/bench/runs.jsonl.
//
//   npm run bench -- [--count 100] [--partner DE] [--rate 0] [--backlog] [--stored N] [--idle 10] [--timeout 300]
//                    [--base-port 3400] [--keep-data]
import { execFileSync } from 'child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { cpus, loadavg, tmpdir } from 'os';
import { join, relative, resolve } from 'path';
import { parseArgs } from 'util';
import { MongoClient } from 'mongodb';
import {
  CE,
  INTERNAL_EVENTS,
  buildPartnerRecord,
  deadLetterTopic,
  internalGroup,
  namespacedGroup,
  namespacedTopic,
  partnerInboundTopic,
  partnerOutboundTopic,
  platformTopics,
} from '@readmission/contracts';
import { ensureTopics } from '@readmission/messaging';
import {
  KafkaTestClient,
  LaunchedPlatform,
  SERVICES,
  SERVICE_MAX_OLD_SPACE_MB,
  ServiceName,
  launchPlatform,
  waitUntil,
} from '@readmission/testing';
import { PARTNER_AGREEMENTS } from '@readmission/agreements';
import { CpuMeter, ferretHandler, infrastructurePids } from './cpu';
import { BenchRecord, benchKafka, joined, now, publishPaced, recordCount, sleep, topicExists, waitForStableGroups } from './kafka';
import { LagFigures, LagSampler } from './lag';
import { MemoryAtPeak, MemorySampler } from './memory';
import { ServiceStoreProfile, readProfileSeries, storeProfile } from './store-profile';
import { RELAY_HOPS, RelayFigures, runRelay } from './relay';
import { seedStored, storedPrefix } from './seed';
import { FlowFigures, flowFigures, table } from './stats';

const ROOT = join(__dirname, '..', '..');
const say = (line: string) => console.log(`[bench] ${line}`);

interface Options {
  count: number;
  partner: string;
  ratePerSecond: number;
  timeoutMs: number;
  basePort: number;
  keepData: boolean;
  /** Cases already stored (seeded into databases bench-stored-<N>, kept between runs); 0: fresh databases. */
  stored: number;
  /** Publish every application first, then start the services. */
  backlog: boolean;
  /** Seconds of idle measured (CPU of the services and the store with nothing to do). */
  idleSeconds: number;
  /** V8 old-space limit of the services in MB (0: V8's default). */
  heapMb: number;
}

interface Memory {
  rssMb: number;
  peakMb: number;
}

function options(): Options {
  const parse = () =>
    parseArgs({
      options: {
        count: { type: 'string' },
        partner: { type: 'string', default: 'DE' },
        rate: { type: 'string', default: '0' },
        timeout: { type: 'string', default: '300' },
        'base-port': { type: 'string', default: '3400' },
        'keep-data': { type: 'boolean', default: false },
        stored: { type: 'string', default: '0' },
        backlog: { type: 'boolean', default: false },
        idle: { type: 'string', default: '10' },
        'heap-mb': { type: 'string', default: String(SERVICE_MAX_OLD_SPACE_MB) },
        help: { type: 'boolean', default: false },
      },
    });
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse().values;
  } catch (error) {
    fail(`${(error as Error).message}; see --help`);
  }
  if (values.help) {
    console.log(
      'npm run bench -- [--count N (or BENCH_COUNT; 100)] [--partner DE] [--rate apps/s (0: all at once)]\n' +
        '                 [--backlog (publish all, then start the services)] [--stored N (cases already stored; seeded once)]\n' +
        "                 [--idle s (10: idle CPU measured)] [--timeout s (300)] [--base-port 3400] [--keep-data (keep the run's databases)]\n" +
        `                 [--heap-mb MB (the services' V8 old-space limit; ${SERVICE_MAX_OLD_SPACE_MB} as in production, 0: V8's default)]`,
    );
    process.exit(0);
  }
  const number = (name: string, text: string | undefined, min: number): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) fail(`--${name} must be an integer >= ${min} (got "${text}")`);
    return n;
  };
  const partner = (values.partner ?? 'DE').toUpperCase();
  if (!PARTNER_AGREEMENTS[partner])
    fail(`--partner ${partner}: no readmission agreement with that partner (known: ${Object.keys(PARTNER_AGREEMENTS).join(' ')})`);
  return {
    count: number('count', values.count ?? process.env.BENCH_COUNT ?? '100', 1),
    partner,
    ratePerSecond: number('rate', values.rate, 0),
    timeoutMs: number('timeout', values.timeout, 1) * 1000,
    basePort: number('base-port', values['base-port'], 1),
    keepData: values['keep-data'] ?? false,
    stored: number('stored', values.stored, 0),
    backlog: values.backlog ?? false,
    idleSeconds: number('idle', values.idle, 0),
    heapMb: number('heap-mb', values['heap-mb'], 0),
  };
}

function fail(message: string): never {
  console.error(`[bench] ${message}`);
  process.exit(2);
}

/** The benchmark measures what is built; building is the user's step, so a stale or missing dist/ is not hidden. */
function checkBuilt(): void {
  const missing = SERVICES.filter((s) => !existsSync(join(DIST, 'services', s, 'services', s, 'src', 'main.js')));
  if (missing.length) fail(`${relative(ROOT, DIST) || DIST} has no build of ${missing.join(', ')}: run \`npm run build\` first`);
}

/** KAFKA_BROKERS and MONGODB_URI when both are set; otherwise the native infrastructure, started if needed (idempotent). */
function infrastructure(): { kafkaBrokers: string; mongodbUri: string; origin: 'environment' | 'native' } {
  const { KAFKA_BROKERS, MONGODB_URI, KAFKA_PORT, MONGODB_PORT } = process.env;
  if (KAFKA_BROKERS && MONGODB_URI) return { kafkaBrokers: KAFKA_BROKERS, mongodbUri: MONGODB_URI, origin: 'environment' };
  execFileSync('bash', [join(ROOT, 'scripts', 'infra', 'up.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
  return {
    kafkaBrokers: KAFKA_BROKERS ?? `127.0.0.1:${KAFKA_PORT ?? 9092}`,
    mongodbUri: MONGODB_URI ?? `mongodb://127.0.0.1:${MONGODB_PORT ?? 27017}`,
    origin: 'native',
  };
}

/** Resident and peak resident memory of a process, from /proc (Linux). */
function memoryOf(pid: number | 'self'): Memory | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rssMb: Math.round(kb('VmRSS') / 102.4) / 10, peakMb: Math.round(kb('VmHWM') / 102.4) / 10 };
  } catch {
    return undefined;
  }
}

function memoryOfAll(platform: LaunchedPlatform): Record<ServiceName | 'bench', Memory | undefined> {
  const entries = SERVICES.map((s) => [s, memoryOf(platform.pids[s])] as const);
  return { ...Object.fromEntries(entries), bench: memoryOf('self') } as Record<ServiceName | 'bench', Memory | undefined>;
}

/** N applications that pass validation and are accepted on proof: a national with an original, valid Azerbaijani passport. */
function applications(stamp: string, count: number, partner: string): BenchRecord[] {
  const fixture = JSON.parse(
    readFileSync(join(ROOT, 'libs', 'contracts', 'fixtures', 'valid', 'application-submitted-national.json'), 'utf8'),
  ) as {
    type: string;
    value: Record<string, unknown>;
  };
  const day = (years: number) => new Date(Date.now() + years * 365 * 86_400_000).toISOString().slice(0, 10);
  const passport = { type: 'passport', form: 'original', number: 'C01234567', issuingCountry: 'AZ', issuedOn: day(-5), expiresOn: day(5) };
  return Array.from({ length: count }, (_, i) =>
    // buildPartnerRecord gives each record its own ce_id; the reference is unique per run and application.
    buildPartnerRecord({
      type: fixture.type,
      value: { ...fixture.value, partnerReference: `BENCH-${stamp}-${String(i + 1).padStart(6, '0')}`, evidence: [passport] },
      source: `urn:authority:${partner.toLowerCase()}:bench`,
    }),
  );
}

/** The build measured: dist/, or BENCH_DIST (another build with the same layout, e.g. of a work in progress). */
const DIST = resolve(process.env.BENCH_DIST ?? join(ROOT, 'dist'));

/**
 * The run's own namespace (PLATFORM_NAMESPACE: internal topics, consumer groups, dead-letter topics), so that it
 * never meets another platform on the same broker; a build from before that setting gets only the launcher's
 * isolation (groups and databases of its own, internal topics shared).
 */
function namespaceFor(run: string): string | undefined {
  const settings = join(DIST, 'services', 'intake', 'libs', 'platform', 'src', 'settings', 'platform-settings.js');
  const built = existsSync(settings) && readFileSync(settings, 'utf8').includes('PLATFORM_NAMESPACE');
  return built ? run.replace(/^bench-/, 'b') : undefined;
}

const inNamespace = (name: string, namespace: string | undefined, kind: 'topic' | 'group'): string =>
  kind === 'topic' ? namespacedTopic(name, namespace) : namespacedGroup(name, namespace);

async function main(): Promise<void> {
  const opts = options();
  checkBuilt();
  const infra = infrastructure();
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15); // 20250101-120000
  const run = `bench-${stamp}`;
  const namespace = namespaceFor(run);
  // Stored volume: databases of their own, seeded once and kept; a fresh run gets databases named after it.
  const dbPrefix = opts.stored > 0 ? storedPrefix(opts.stored) : run;
  const isolation = { dbPrefix, groupPrefix: `${run}-` };
  const logDir = join(ROOT, '.local', 'logs', run);
  const inbound = partnerInboundTopic(opts.partner);
  const outbound = partnerOutboundTopic(opts.partner);
  const mode = opts.backlog ? 'backlog (published before the services start)' : `rate ${opts.ratePerSecond || 'unlimited'}`;
  say(
    `run ${run}: ${opts.count} applications for partner ${opts.partner}, ${mode}, ${opts.stored} stored cases, timeout ${opts.timeoutMs / 1000} s`,
  );
  say(`infrastructure (${infra.origin}): Kafka ${infra.kafkaBrokers}, store ${infra.mongodbUri.replace(/\/\/[^@/]*@/, '//***@')}`);
  say(
    namespace
      ? `namespace ${namespace}: internal topics, groups and dead-letter topics of its own`
      : 'no PLATFORM_NAMESPACE in the build: own groups and databases, shared internal topics',
  );
  if (opts.stored > 0) {
    const seeded = await seedStored(infra.mongodbUri, dbPrefix, opts.stored, say);
    say(`${dbPrefix}-*: ${seeded.stored} stored cases${seeded.added ? ` (${seeded.added} added in ${seeded.seconds} s)` : ''}`);
  }

  const kafka = benchKafka(infra.kafkaBrokers, run);
  const admin = kafka.admin();
  await admin.connect();
  const serviceGroups = SERVICES.map((s) => inNamespace(`${isolation.groupPrefix}${s}`, namespace, 'group'));
  // Intake consumes its internal topics in a group of their own (a partner's backlog never holds them back).
  const consumerGroups = [...serviceGroups, internalGroup(serviceGroups[SERVICES.indexOf('intake')])];
  const outboundGroup = `${run}-outbound`;
  // The topics must exist to find their ends; the services would create the same ones at start.
  const topics = platformTopics([opts.partner], Object.keys(INTERNAL_EVENTS), []).map((t) => ({
    ...t,
    topic: inNamespace(t.topic, namespace, 'topic'),
  }));
  await ensureTopics(kafka, topics);
  // Fresh groups start at the end of the topics (the test client's way), so earlier records are not replayed.
  const groupMover = new KafkaTestClient(infra.kafkaBrokers);
  const serviceTopics = topics.map((t) => t.topic).filter((t) => t !== outbound);
  await Promise.all([
    ...consumerGroups.map((groupId) => groupMover.startGroupAtEnd(groupId, serviceTopics)),
    groupMover.startGroupAtEnd(outboundGroup, [outbound]), // "from the latest offset before publishing"
  ]);
  await groupMover.close();

  const devKeyDir = mkdtempSync(join(tmpdir(), 'readmission-bench-'));
  let platform: LaunchedPlatform | undefined;
  const stopPlatform = async () => {
    const running = platform;
    platform = undefined;
    await running?.stop();
  };
  process.once('SIGINT', () => {
    say('interrupted: stopping the platform');
    stopPlatform().finally(() => process.exit(130));
  });

  const infraPids = infrastructurePids(process.env.LOCAL_DIR ?? join(ROOT, '.local'));
  const consumer = kafka.consumer({ groupId: outboundGroup, allowAutoTopicCreation: false });
  let figures: FlowFigures & { drainMs?: number };
  let decisions: Record<string, number> = {};
  let missing: string[] = [];
  const rejections: Record<string, number> = {};
  let memoryBefore: Record<string, Memory | undefined>;
  let memoryAfter: Record<string, Memory | undefined>;
  const cpu: { idle?: ReturnType<CpuMeter['read']>; load?: ReturnType<CpuMeter['read']> } = {};
  const records = applications(stamp, opts.count, opts.partner);
  // The services' consumer lag, sampled from the first publish (the series the overview dashboard shows).
  const lagSampler = new LagSampler(admin, consumerGroups);
  let lag: LagFigures | undefined;
  // What each service's resident memory is made of at its peak (V8 heap reserved and used, the rest, Buffers).
  let memorySampler: MemorySampler | undefined;
  let memoryAtPeak: Record<string, MemoryAtPeak> = {};
  // Store round trips and handler time of each service during the load (from their /metrics, before and after).
  let profileBefore: Awaited<ReturnType<typeof readProfileSeries>> = {};
  let profile: Record<string, ServiceStoreProfile> = {};
  let idleProfile: Record<string, ServiceStoreProfile> = {};
  try {
    const sentAt = new Map<string, number>();
    const ackAt = new Map<string, number>();
    const decidedAt = new Map<string, number>();
    const decisionOf = new Map<string, string>();
    const rejected = new Set<string>();
    const expected = new Set(records.map((r) => r.key));
    await consumer.connect();
    await consumer.subscribe({ topic: outbound, fromBeginning: false });
    const ready = joined(consumer);
    await consumer.run({
      partitionsConsumedConcurrently: 3,
      eachMessage: async ({ message }) => {
        const at = now();
        const key = message.key?.toString() ?? '';
        if (!expected.has(key)) return; // another run's or test's reply
        const type = message.headers?.[CE.type]?.toString();
        if (type === 'readmission.application.acknowledged.v1' && !ackAt.has(key)) ackAt.set(key, at);
        if (type === 'readmission.application.decided.v1' && !decidedAt.has(key)) {
          decidedAt.set(key, at);
          decisionOf.set(key, String((JSON.parse(message.value?.toString() ?? '{}') as { decision?: unknown }).decision));
        }
        if (type === 'readmission.application.rejected.v1' && !rejected.has(key)) {
          rejected.add(key);
          // Reason codes only: the rejection's messages may quote the application.
          const { reasons = [] } = JSON.parse(message.value?.toString() ?? '{}') as { reasons?: { code: string }[] };
          for (const { code } of reasons) rejections[code] = (rejections[code] ?? 0) + 1;
        }
      },
    });
    await ready;

    const publish = async () => {
      const producer = kafka.producer({ allowAutoTopicCreation: false });
      await producer.connect();
      say(`publishing ${opts.count} applications to ${inbound}`);
      await publishPaced(producer, inbound, records, opts.backlog ? 0 : opts.ratePerSecond, (key, at) => sentAt.set(key, at));
      await producer.disconnect();
    };
    const launch = async () => {
      const started = now();
      platform = await launchPlatform({
        kafkaBrokers: infra.kafkaBrokers,
        mongodbUri: infra.mongodbUri,
        basePort: opts.basePort,
        devKeyFile: join(devKeyDir, 'dev-key.json'),
        partners: [opts.partner],
        logDir,
        isolation: { ...isolation, ...(namespace ? { namespace } : {}) },
        distDir: DIST,
        maxOldSpaceMb: opts.heapMb,
      });
      say(
        `platform up in ${((now() - started) / 1000).toFixed(1)} s on ports ${opts.basePort}-${opts.basePort + SERVICES.length - 1} (logs in ${relative(ROOT, logDir)})`,
      );
      return platform;
    };
    const meter = (p: LaunchedPlatform) =>
      new CpuMeter({
        ...Object.fromEntries(SERVICES.map((s) => [s, () => [p.pids[s]]])),
        store: infraPids.store,
        broker: infraPids.broker,
      });
    const measureIdle = async (p: LaunchedPlatform) => {
      if (opts.idleSeconds === 0) return undefined;
      const idle = meter(p);
      const series = await readProfileSeries(p.urls);
      await sleep(opts.idleSeconds * 1000);
      // What the services asked of the store with nothing to do: the background cost, by collection and command.
      idleProfile = storeProfile(series, await readProfileSeries(p.urls));
      return idle.read();
    };

    let drainFrom = Number.NaN;
    let load: CpuMeter;
    if (opts.backlog) {
      lagSampler.begin();
      await publish();
      drainFrom = now();
      const p = await launch();
      load = meter(p); // from the services' start: their boot is in the load's CPU
      memoryBefore = memoryOfAll(p);
      memorySampler = new MemorySampler(p.urls);
      memorySampler.begin();
      // No baseline: the services are fresh processes and already consuming the backlog (as the CPU meter counts).
      profileBefore = {};
    } else {
      const p = await launch();
      await waitForStableGroups(admin, consumerGroups);
      cpu.idle = await measureIdle(p);
      memoryBefore = memoryOfAll(p);
      load = meter(p);
      memorySampler = new MemorySampler(p.urls);
      memorySampler.begin();
      profileBefore = await readProfileSeries(p.urls);
      lagSampler.begin();
      await publish();
    }
    let lastReport = now();
    await waitUntil(() => {
      if (now() - lastReport > 10_000) {
        lastReport = now();
        say(`  ${ackAt.size} acknowledged, ${decidedAt.size} decided, ${rejected.size} rejected of ${opts.count}`);
      }
      return decidedAt.size + rejected.size >= opts.count;
    }, opts.timeoutMs).catch(() => say(`timed out after ${opts.timeoutMs / 1000} s waiting for decisions`));
    cpu.load = load.read();
    // The last commits follow the last decision: wait (at most 60 s) for every group's lag to be back at 0.
    await waitUntil(() => lagSampler.allAtZero(), 60_000).catch(() => say('the consumer lag was not back at 0 within 60 s'));
    lag = await lagSampler.stop();
    memoryAtPeak = (await memorySampler?.stop()) ?? {};
    profile = storeProfile(profileBefore, await readProfileSeries((platform as unknown as LaunchedPlatform).urls));
    memoryAfter = memoryOfAll(platform as unknown as LaunchedPlatform);
    // Backlog: the idle cost is measured once the backlog is done (the platform has nothing left to do).
    if (opts.backlog) cpu.idle = await measureIdle(platform as unknown as LaunchedPlatform);
    figures = flowFigures(sentAt, ackAt, decidedAt);
    if (opts.backlog && decidedAt.size > 0)
      figures.drainMs = Math.round([...decidedAt.values()].reduce((a, b) => Math.max(a, b)) - drainFrom);
    // Synthetic references only (no personal data), to find the stragglers in the services' logs.
    missing = records.map((r) => r.key).filter((k) => !decidedAt.has(k));
    decisions = [...decisionOf.values()].reduce<Record<string, number>>((acc, d) => ({ ...acc, [d]: (acc[d] ?? 0) + 1 }), {});
  } finally {
    lag ??= await lagSampler.stop();
    await memorySampler?.stop();
    await consumer.disconnect().catch(() => undefined);
    await stopPlatform();
    rmSync(devKeyDir, { recursive: true, force: true });
  }
  say('platform stopped');

  // Dead letters would mean the figures include failures; empty dead-letter topics of this run are removed.
  const deadLettered: Record<string, number> = {};
  for (const group of serviceGroups) {
    const topic = deadLetterTopic(group);
    if (!(await topicExists(admin, topic))) continue;
    const n = await recordCount(admin, topic);
    if (n > 0) deadLettered[topic] = n;
    else await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  }
  await admin.deleteGroups([...consumerGroups, outboundGroup]).catch(() => undefined);
  // The run's namespaced internal topics are its own: removed with it.
  if (namespace)
    await admin.deleteTopics({ topics: topics.map((t) => t.topic).filter((t) => t.startsWith(`${namespace}.`)) }).catch(() => undefined);
  if (!opts.keepData && opts.stored === 0) await dropDatabases(infra.mongodbUri, isolation.dbPrefix);

  say(
    `bare relay: ${RELAY_HOPS} kafkajs consume-and-produce hops over bench.relay.${stamp}.hop0..hop${RELAY_HOPS}${opts.backlog ? ' (backlog: published first)' : ''}`,
  );
  const relayRecords = records.map((r, i) => ({ ...r, key: `relay-${i + 1}` }));
  // On a loaded broker a fresh relay topic is sometimes not yet served when the relay starts ("does not host this
  // topic-partition"): the relay runs again on new topics, so that the platform's figures are not lost to it.
  let relay: RelayFigures | undefined;
  for (let attempt = 1; !relay; attempt++) {
    try {
      relay = await runRelay({
        kafka,
        run: attempt === 1 ? stamp : `${stamp}-${attempt}`,
        records: relayRecords,
        ratePerSecond: opts.ratePerSecond,
        timeoutMs: opts.timeoutMs,
        backlog: opts.backlog,
      });
    } catch (error) {
      if (attempt >= 3) throw error;
      say(`bare relay failed (${(error as Error).message}); running it again on new topics`);
    }
  }
  await admin.disconnect();
  const benchEnd = memoryOf('self');

  const ok = figures.completed === opts.count;
  const result = {
    run,
    at: new Date().toISOString(),
    options: {
      count: opts.count,
      partner: opts.partner,
      ratePerSecond: opts.ratePerSecond,
      backlog: opts.backlog,
      stored: opts.stored,
      idleSeconds: opts.idleSeconds,
      heapMb: opts.heapMb,
      timeoutSeconds: opts.timeoutMs / 1000,
      basePort: opts.basePort,
    },
    environment: {
      node: process.version,
      cpus: cpus().length,
      loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
      infrastructure: infra.origin,
      kafkaBrokers: infra.kafkaBrokers,
      // The running FerretDB's handler when it is the local one, else what FERRETDB_HANDLER says (the local default: postgresql).
      store: ferretHandler(process.env.LOCAL_DIR ?? join(ROOT, '.local')) ?? process.env.FERRETDB_HANDLER ?? 'postgresql',
      namespace: namespace ?? null,
    },
    recordBytes: Buffer.byteLength(records[0].value),
    platform: { ...figures, decisions, rejections, deadLettered, undecided: missing },
    lag,
    relay,
    throughputShareOfRelay: Math.round((figures.throughputPerSecond / relay.throughputPerSecond) * 1000) / 1000,
    cpu,
    memoryMb: { before: memoryBefore, after: memoryAfter, benchAtEnd: benchEnd, atPeak: memoryAtPeak },
    storeProfile: profile,
    idleStoreProfile: idleProfile,
    ok,
  };
  printSummary(result.platform, relay, cpu, memoryBefore, memoryAfter, benchEnd);
  printMemoryAtPeak(memoryAtPeak);
  printStoreProfile(profile, opts.count);
  printIdleStoreProfile(idleProfile, opts.idleSeconds);
  printLag(lag, isolation.groupPrefix);
  const file = join(ROOT, '.local', 'bench', 'runs.jsonl');
  mkdirSync(join(ROOT, '.local', 'bench'), { recursive: true });
  appendFileSync(file, `${JSON.stringify(result)}\n`);
  say(`figures appended to ${relative(ROOT, file)}`);
  say(
    `the infrastructure (${infra.origin === 'native' ? 'native Kafka and FerretDB' : infra.kafkaBrokers}) is left running${infra.origin === 'native' ? '; `npm run infra:down` stops it' : ''}`,
  );
  if (!ok) {
    console.error(
      `[bench] FAILED: ${figures.completed} of ${opts.count} applications decided within ${opts.timeoutMs / 1000} s; undecided: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', ...' : ''}`,
    );
    process.exit(1);
  }
}

type CpuFigures = { idle?: ReturnType<CpuMeter['read']>; load?: ReturnType<CpuMeter['read']> };

function printSummary(
  platform: FlowFigures & {
    drainMs?: number;
    decisions: Record<string, number>;
    rejections: Record<string, number>;
    deadLettered: Record<string, number>;
  },
  relay: RelayFigures,
  cpu: CpuFigures,
  before: Record<string, Memory | undefined>,
  after: Record<string, Memory | undefined>,
  benchEnd: Memory | undefined,
): void {
  const row = (name: string, figures: FlowFigures, hop: 'firstHop' | 'lastHop', withThroughput: boolean) => {
    const l = figures[hop];
    return [name, `${l.count}/${figures.published}`, withThroughput ? figures.throughputPerSecond : Number.NaN, l.p50, l.p90, l.p99, l.max];
  };
  console.log('');
  console.log(
    table(
      ['latency from publish', 'done', 'per s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'],
      [
        row('platform: acknowledged (1 hop)', platform, 'firstHop', false),
        row(`platform: decided (${RELAY_HOPS} hops)`, platform, 'lastHop', true),
        row('bare relay: 1 hop', relay, 'firstHop', false),
        row(`bare relay: ${RELAY_HOPS} hops`, relay, 'lastHop', true),
      ],
    ),
  );
  console.log(
    `per s: completed per second from the first publish to the last arrival (platform ${(platform.durationMs / 1000).toFixed(1)} s, relay ${(relay.durationMs / 1000).toFixed(1)} s); platform/relay ${((platform.throughputPerSecond / relay.throughputPerSecond) * 100).toFixed(1)}%`,
  );
  if (platform.drainMs !== undefined || relay.drainMs !== undefined) {
    console.log(
      `backlog drained (start of the consumers to the last arrival): platform ${((platform.drainMs ?? Number.NaN) / 1000).toFixed(1)} s (includes the services' start), relay ${((relay.drainMs ?? Number.NaN) / 1000).toFixed(1)} s`,
    );
  }
  const list = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || 'none';
  console.log(
    `decisions: ${list(platform.decisions)}; rejections: ${list(platform.rejections)}; dead-lettered: ${list(platform.deadLettered)}`,
  );
  console.log('');
  const names = [...SERVICES, 'store', 'broker'];
  const cell = (phase: keyof CpuFigures, name: string, field: 'cpuSeconds' | 'percentOfOneCore') =>
    cpu[phase]?.[name]?.[field] ?? Number.NaN;
  console.log(
    table(
      ['CPU (100% = one core)', 'idle %', 'load CPU s', 'load %'],
      names.map((n) => [n, cell('idle', n, 'percentOfOneCore'), cell('load', n, 'cpuSeconds'), cell('load', n, 'percentOfOneCore')]),
    ),
  );
  console.log('');
  const mem = (m: Memory | undefined, field: keyof Memory) => (m ? m[field] : Number.NaN);
  console.log(
    table(
      ['memory (MB)', 'RSS before', 'RSS after', 'peak RSS'],
      [
        ...SERVICES.map((s) => [s, mem(before[s], 'rssMb'), mem(after[s], 'rssMb'), mem(after[s], 'peakMb')]),
        ['bench (this process)', mem(before.bench, 'rssMb'), mem(benchEnd, 'rssMb'), mem(benchEnd, 'peakMb')],
      ],
    ),
  );
  console.log('');
}

function printMemoryAtPeak(peaks: Record<string, MemoryAtPeak>): void {
  console.log(
    table(
      [
        'memory at the highest RSS (MB, from /metrics)',
        'at s',
        'RSS',
        'V8 heap reserved',
        'V8 heap used',
        'RSS outside the heap',
        'of it Buffers',
      ],
      SERVICES.map((s) => {
        const m = peaks[s];
        return [
          s,
          m?.atSeconds ?? Number.NaN,
          m?.rssMb ?? Number.NaN,
          m?.heapTotalMb ?? Number.NaN,
          m?.heapUsedMb ?? Number.NaN,
          m ? Math.round((m.rssMb - m.heapTotalMb) * 10) / 10 : Number.NaN,
          m?.externalMb ?? Number.NaN,
        ];
      }),
    ),
  );
  console.log('');
}

function printStoreProfile(profile: Record<string, ServiceStoreProfile>, applications: number): void {
  const per = (n: number) => Math.round((n / applications) * 10) / 10;
  console.log(
    table(
      [
        'where the time goes (per application)',
        'records handled',
        'handler ms',
        'store round trips',
        'store ms',
        'most store time (round trips, ms)',
      ],
      SERVICES.map((s) => {
        const p = profile[s];
        if (!p) return [s, Number.NaN, Number.NaN, Number.NaN, Number.NaN, '-'];
        const top = p.top.map((c) => `${c.name} ${per(c.count)}, ${per(c.seconds * 1000)}`).join('; ');
        return [s, per(p.handled), per(p.handlerSeconds * 1000), per(p.roundTrips), per(p.storeSeconds * 1000), top];
      }),
    ),
  );
  console.log(
    "store round trips include each service's background work during the load (outbox relay, sweeps, gauge recounts); handler ms is the handlers' time summed (they overlap)",
  );
  console.log('');
}

function printIdleStoreProfile(profile: Record<string, ServiceStoreProfile>, seconds: number): void {
  if (Object.keys(profile).length === 0) return;
  const perMinute = (n: number) => Math.round((n / seconds) * 60 * 10) / 10;
  console.log(
    table(
      [`at idle (${seconds} s), per minute`, 'store round trips', 'store ms', 'most store time (round trips, ms)'],
      SERVICES.map((s) => {
        const p = profile[s];
        if (!p) return [s, Number.NaN, Number.NaN, '-'];
        const top = p.top.map((c) => `${c.name} ${perMinute(c.count)}, ${perMinute(c.seconds * 1000)}`).join('; ');
        return [s, perMinute(p.roundTrips), perMinute(p.storeSeconds * 1000), top];
      }),
    ),
  );
  console.log('');
}

function printLag(lag: LagFigures, groupPrefix: string): void {
  const seconds = (s: number | null) => (s === null ? 'never' : s);
  console.log(
    table(
      [`consumer lag (records; every ${lag.everyMs / 1000} s)`, 'max', 'at s', 'back to 0 at s'],
      lag.groups.map((g) => [
        g.group.slice(g.group.indexOf(groupPrefix) + groupPrefix.length),
        g.maxLag,
        g.maxAtSeconds,
        seconds(g.zeroAtSeconds),
      ]),
    ),
  );
  console.log(
    `lag: log end offset minus committed offset over each group's assigned partitions (as kafka_consumergroup_lag); s from the first publish`,
  );
  console.log('');
}

/** The run's own databases (FerretDB keeps them otherwise); --keep-data leaves them for inspection. */
async function dropDatabases(uri: string, prefix: string): Promise<void> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
  try {
    await client.connect();
    for (const service of SERVICES) await client.db(`${prefix}-${service}`).dropDatabase();
  } catch (error) {
    say(`could not drop the databases ${prefix}-*: ${(error as Error).message}`);
  } finally {
    await client.close();
  }
}

main()
  // Exits once the figures are written, even if a client's socket is still closing (a run with 10,000 stored cases
  // stayed alive minutes after its last line).
  .then(() => process.exit(process.exitCode ?? 0))
  .catch((error: Error) => {
    console.error(`[bench] failed: ${error.message}`);
    process.exit(1);
  });
