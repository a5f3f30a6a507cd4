// Hostile-input run: publishes random and hostile records (with valid applications in between) to a partner's
// inbound topic of a platform launched from dist/ in a namespace of its own, then checks that no service crashed,
// every attributable record was answered with a rejection naming a field, every other one was dead-lettered, every
// valid application was acknowledged, and prints the figures. Exit code 1 when a check fails.
//
//   npm run fuzz -- [--count 200] [--valid-every 5] [--partner LU] [--seed 1] [--timeout 300] [--base-port 3600] [--keep-data]
import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { parseArgs } from 'util';
import { KafkaMessage } from 'kafkajs';
import { MongoClient } from 'mongodb';
import {
  CE,
  INTERNAL_EVENTS,
  deadLetterTopic,
  namespacedGroup,
  partnerInboundTopic,
  partnerOutboundTopic,
  platformTopics,
} from '@readmission/contracts';
import { ensureTopics } from '@readmission/messaging';
import { KafkaTestClient, LaunchedPlatform, SERVICES, launchPlatform, waitUntil } from '@readmission/testing';
import { benchKafka, sleep, waitForStableGroups } from '../bench/kafka';
import { FuzzRecord, RecordFactory, random } from './records';

const ROOT = join(__dirname, '..', '..');
const say = (line: string) => console.log(`[fuzz] ${line}`);

function options() {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '200' },
      'valid-every': { type: 'string', default: '5' },
      partner: { type: 'string', default: 'LU' },
      seed: { type: 'string', default: String(Date.now() % 100_000) },
      timeout: { type: 'string', default: '300' },
      'base-port': { type: 'string', default: '3600' },
      'keep-data': { type: 'boolean', default: false },
    },
  });
  const int = (name: string, raw: string | undefined) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`);
    return n;
  };
  return {
    count: int('count', values.count),
    validEvery: Math.max(1, int('valid-every', values['valid-every'])),
    partner: String(values.partner).toUpperCase(),
    seed: int('seed', values.seed),
    timeoutMs: int('timeout', values.timeout) * 1000,
    basePort: int('base-port', values['base-port']),
    keepData: values['keep-data'] ?? false,
  };
}

function infrastructure(): { kafkaBrokers: string; mongodbUri: string } {
  const { KAFKA_BROKERS, MONGODB_URI } = process.env;
  if (KAFKA_BROKERS && MONGODB_URI) return { kafkaBrokers: KAFKA_BROKERS, mongodbUri: MONGODB_URI };
  execFileSync('bash', [join(ROOT, 'scripts', 'infra', 'up.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
  return { kafkaBrokers: '127.0.0.1:9092', mongodbUri: 'mongodb://127.0.0.1:27017' };
}

interface Answer {
  type: string;
  key: string;
  causationId?: string;
  reasons: { code: string; field?: string }[];
  at: number;
}

async function main(): Promise<void> {
  const opts = options();
  const missing = SERVICES.filter((s) => !existsSync(join(ROOT, 'dist', 'services', s, 'services', s, 'src', 'main.js')));
  if (missing.length) throw new Error(`dist/ has no build of ${missing.join(', ')}: run \`npm run build\` first`);
  const infra = infrastructure();
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const run = `fuzz-${stamp}`;
  const namespace = `f${stamp}`;
  const isolation = { dbPrefix: run, groupPrefix: `${run}-`, namespace };
  const inbound = partnerInboundTopic(opts.partner);
  const outbound = partnerOutboundTopic(opts.partner);
  const logDir = join(ROOT, '.local', 'logs', run);
  say(
    `run ${run}: ${opts.count} hostile records, a valid application every ${opts.validEvery}, partner ${opts.partner}, seed ${opts.seed}`,
  );
  say(`namespace ${namespace}: internal topics, groups and dead-letter topics of its own; the partner topics are shared`);

  // Records: every kind once, then random kinds; a valid application after every `validEvery` hostile ones.
  const fixture = JSON.parse(
    readFileSync(join(ROOT, 'libs', 'contracts', 'fixtures', 'valid', 'application-submitted-national.json'), 'utf8'),
  );
  const factory = new RecordFactory(stamp.replace('-', ''), opts.partner, fixture.value, random(opts.seed));
  const hostile: FuzzRecord[] = [...factory.everyKind()];
  while (hostile.length < opts.count) hostile.push(factory.hostile());
  const records: FuzzRecord[] = [];
  hostile.forEach((r, i) => {
    records.push(r);
    if ((i + 1) % opts.validEvery === 0) records.push(factory.valid());
  });
  records.push(factory.valid());

  const kafka = benchKafka(infra.kafkaBrokers, run);
  const groups = SERVICES.map((s) => namespacedGroup(`${isolation.groupPrefix}${s}`, namespace));
  const topics = platformTopics(
    [opts.partner],
    Object.keys(INTERNAL_EVENTS),
    SERVICES.map((s) => `${isolation.groupPrefix}${s}`),
    namespace,
  );
  await ensureTopics(kafka, topics);
  const client = new KafkaTestClient(infra.kafkaBrokers);
  const serviceTopics = topics.map((t) => t.topic).filter((t) => t !== outbound && !t.startsWith('readmission.dlq.'));
  await Promise.all([
    ...groups.map((g) => client.startGroupAtEnd(g, serviceTopics)),
    client.startGroupAtEnd(`${run}-outbound`, [outbound]),
  ]);

  const devKeyDir = mkdtempSync(join(tmpdir(), 'fuzz-key-'));
  let platform: LaunchedPlatform | undefined;
  const exits: string[] = [];
  let failed = false;
  try {
    platform = await launchPlatform({
      kafkaBrokers: infra.kafkaBrokers,
      mongodbUri: infra.mongodbUri,
      basePort: opts.basePort,
      devKeyFile: join(devKeyDir, 'dev-key.json'),
      isolation,
      partners: [opts.partner],
      logDir,
      extraEnv: { LOG_LEVEL: 'warn' },
    });
    say(`platform up on ports ${opts.basePort}-${opts.basePort + SERVICES.length - 1} (logs in ${relative(ROOT, logDir)})`);
    const started = platform;

    // What comes back: the partner's outbound topic (from its end, group of this run) and intake's dead letters.
    const answers: Answer[] = [];
    const out = kafka.consumer({ groupId: `${run}-outbound` });
    await out.connect();
    await out.subscribe({ topics: [outbound] });
    await out.run({ eachMessage: async ({ message }) => void answers.push(answerOf(message)) });
    const dlqTopic = deadLetterTopic(groups[0]);
    const dead = await client.collect([dlqTopic]);

    // Latencies measure handling, not the consumers joining their groups after the start.
    const admin = kafka.admin();
    await admin.connect();
    await waitForStableGroups(admin, groups);
    await admin.disconnect();

    const sentAt = new Map<FuzzRecord, number>();
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    const publishStarted = Date.now();
    let refusedByBroker = 0;
    for (let i = 0; i < records.length; i += 20) {
      const batch = records.slice(i, i + 20);
      const at = Date.now();
      try {
        await producer.send({ topic: inbound, acks: -1, messages: batch.map((r) => ({ key: r.key, value: r.value, headers: r.headers })) });
        batch.forEach((r) => sentAt.set(r, at));
      } catch {
        // A batch over the broker's limit: send its records one by one (a single record too large is refused: counted).
        for (const r of batch) {
          await producer.send({ topic: inbound, acks: -1, messages: [{ key: r.key, value: r.value, headers: r.headers }] }).then(
            () => sentAt.set(r, Date.now()),
            () => (refusedByBroker += 1),
          );
        }
      }
    }
    await producer.disconnect();
    say(
      `published ${sentAt.size} records in ${((Date.now() - publishStarted) / 1000).toFixed(1)} s (${refusedByBroker} refused by the broker)`,
    );

    const sent = [...sentAt.keys()];
    const answerFor = (r: FuzzRecord): Answer | undefined =>
      answers.find((a) => (r.answerKey !== undefined && a.key === r.answerKey) || (r.ceId !== undefined && a.causationId === r.ceId));
    const expectedDead = sent.filter((r) => r.expect === 'dead-lettered').length;
    const pending = () => sent.filter((r) => r.expect !== 'dead-lettered' && !answerFor(r));
    await waitUntil(
      () => (pending().length === 0 && dead.records.length >= expectedDead) || undefined,
      opts.timeoutMs,
      () => '',
    ).catch(() => undefined);
    await sleep(2_000); // anything more (duplicates, unexpected dead letters) shows up now

    // Checks.
    for (const s of SERVICES) {
      const pid = started.pids[s];
      const alive = (() => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      })();
      const healthy = await fetch(`${started.urls[s]}/health`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (!alive || !healthy) exits.push(`${s} (pid ${pid}) ${alive ? 'unhealthy' : 'exited'}`);
    }
    const byKind = new Map<string, { sent: number; ok: number }>();
    const problems: string[] = [];
    const latencies: number[] = [];
    for (const r of sent) {
      const figure = byKind.get(r.kind) ?? { sent: 0, ok: 0 };
      figure.sent += 1;
      byKind.set(r.kind, figure);
      if (r.expect === 'dead-lettered') continue;
      const answer = answerFor(r);
      const ok =
        answer !== undefined &&
        (r.expect === 'valid'
          ? answer.type === 'readmission.application.acknowledged.v1'
          : answer.type === 'readmission.application.rejected.v1' && answer.reasons.some((reason) => Boolean(reason.field)));
      if (ok) figure.ok += 1;
      else if (problems.length < 20)
        problems.push(
          `${r.kind} ${r.answerKey ?? r.ceId}: ${answer ? `answered ${answer.type} ${JSON.stringify(answer.reasons)}` : 'no answer'}`,
        );
      if (answer) latencies.push(answer.at - sentAt.get(r)!);
    }
    const deadKinds = new Set(sent.filter((r) => r.expect === 'dead-lettered').map((r) => r.kind));
    const hostileSent = sent.filter((r) => r.expect !== 'valid');
    const count = (expect: FuzzRecord['expect']) => sent.filter((r) => r.expect === expect);
    const okCount = (expect: FuzzRecord['expect']) =>
      count(expect).filter((r) => {
        const a = answerFor(r);
        return a && (expect === 'valid' ? a.type === 'readmission.application.acknowledged.v1' : a.reasons.some((x) => Boolean(x.field)));
      }).length;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] : 0);
    const metrics = await fetch(`${started.urls.intake}/metrics`).then(
      (r) => r.text(),
      () => '',
    );
    const metric = (name: string) =>
      metrics
        .split('\n')
        .filter((l) => l.startsWith(name))
        .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);

    say('');
    say(`records sent                 ${sent.length} (${hostileSent.length} hostile, ${count('valid').length} valid)`);
    say(`attributable, answered       ${okCount('answered')} / ${count('answered').length} with a rejection naming a field`);
    say(`unattributable, dead-lettered ${dead.records.length} / ${expectedDead} (intake's ${dlqTopic})`);
    say(`valid, acknowledged          ${okCount('valid')} / ${count('valid').length}`);
    say(`services crashed or unhealthy ${exits.length}${exits.length ? `: ${exits.join(', ')}` : ''}`);
    say(
      `answer latency               p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${pct(100)} ms (max = longest any partition held a record back)`,
    );
    say(
      `intake handler failures      ${metric('messaging_handler_failures_total')} (retried or dead-lettered), store waits ${metric('messaging_store_waits_total')}`,
    );
    const handled = metric('messaging_handler_duration_seconds_count');
    const meanMs = handled ? Math.round((metric('messaging_handler_duration_seconds_sum') * 1000) / handled) : 0;
    say(`intake handling time         mean ${meanMs} ms per record (${handled} records, every topic it consumes)`);
    say('per kind (sent / answered as expected; dead-lettered kinds are counted together above):');
    for (const [kind, f] of [...byKind].sort()) say(`  ${kind.padEnd(22)} ${f.sent} / ${deadKinds.has(kind) ? '-' : f.ok}`);
    for (const p of problems) say(`problem: ${p}`);

    failed =
      exits.length > 0 ||
      okCount('answered') < count('answered').length ||
      okCount('valid') < count('valid').length ||
      dead.records.length !== expectedDead;
    say(failed ? 'FAILED' : 'passed');
    await out.disconnect();
  } finally {
    await platform?.stop();
    await client.close();
    rmSync(devKeyDir, { recursive: true, force: true });
    if (!opts.keepData) await dropDatabases(infra.mongodbUri, isolation.dbPrefix);
  }
  process.exit(failed ? 1 : 0);
}

function answerOf(message: KafkaMessage): Answer {
  const header = (name: string) => message.headers?.[name]?.toString();
  let reasons: Answer['reasons'] = [];
  try {
    reasons = (JSON.parse(message.value?.toString() ?? '{}') as { reasons?: Answer['reasons'] }).reasons ?? [];
  } catch {
    // not JSON: counted as an answer without reasons
  }
  return {
    type: header(CE.type) ?? '',
    key: message.key?.toString() ?? '',
    causationId: header(CE.causationId),
    reasons,
    at: Number(message.timestamp),
  };
}

async function dropDatabases(uri: string, prefix: string): Promise<void> {
  const mongo = await MongoClient.connect(uri);
  try {
    const { databases } = await mongo.db('admin').admin().listDatabases();
    for (const db of databases.filter((d) => d.name.startsWith(`${prefix}-`))) await mongo.db(db.name).dropDatabase();
  } finally {
    await mongo.close();
  }
}

main().catch((error: Error) => {
  console.error(`[fuzz] ${error.stack ?? error.message}`);
  process.exit(2);
});
