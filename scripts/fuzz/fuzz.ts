// Hostile-input run: publishes random and hostile records (with valid applications in between) to a partner's
// inbound topic of a platform launched from dist/ in a namespace of its own, then checks that no service crashed,
// every attributable record was answered with a rejection naming a field, every other one was dead-lettered, every
// valid application was acknowledged, and prints the figures. Exit code 1 when a check fails.
//
//   npm run fuzz -- [--count 200] [--valid-every 5] [--partner LU] [--seed 1] [--timeout 300] [--base-port 3600]
//                   [--max-hold 1000 (ms)] [--report file.json] [--keep-data]
//
// The records go to the inbound partitions in turn; each one's time of receipt is its broker timestamp
// (LogAppendTime), and its outcome's is the answer's or the dead letter's. A partition is held while it has records
// received and not done and none of them comes to an outcome: per partition, with the outcomes in time order, each
// hold is from the later of the previous outcome and the earliest receipt still waiting to the next outcome (with
// one record at a time, the time each record took; with the services' key lanes, records of different keys side by
// side, the longest stretch without progress). Over --max-hold, a check fails.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, relative } from 'path';
import { parseArgs } from 'util';
import { KafkaMessage } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { CE, deadLetterTopic, partnerInboundTopic, partnerOutboundTopic } from '@readmission/contracts';
import { LaunchedPlatform, SERVICES, launchPlatform, waitUntil } from '@readmission/testing';
import { benchKafka, sleep, waitForStableGroups } from '../bench/kafka';
import { prepareRunTopics, runInfrastructure } from '../faults/infra';
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
      'max-hold': { type: 'string', default: '1000' },
      report: { type: 'string' },
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
    maxHoldMs: int('max-hold', values['max-hold']),
    report: values.report,
    keepData: values['keep-data'] ?? false,
  };
}

interface Answer {
  type: string;
  key: string;
  causationId?: string;
  reasons: { code: string; field?: string }[];
  at: number;
}

/** What is kept of a record once sent (its value and headers are dropped: a large run holds no payloads). */
interface Sent {
  kind: string;
  expect: FuzzRecord['expect'];
  answerKey?: string;
  ceId?: string;
  partition: number;
  offset: number;
  /** Broker time of receipt (LogAppendTime of the inbound topic). */
  receivedAt: number;
}

export interface FuzzFigures {
  run: string;
  at: string;
  seed: number;
  sent: number;
  hostile: number;
  refusedByBroker: number;
  answered: { expected: number; ok: number };
  /**
   * `got`: dead letters of the records sent that had no key (as expected); `copies`: dead letters of copies the
   * publisher wrote itself, resending a batch one record at a time after a failed send that the broker had in fact
   * taken (in part); `copiesWritten`: how many such copies the inbound topic holds (its records minus those sent).
   */
  deadLettered: { expected: number; got: number; copies: number; copiesWritten: number };
  valid: { expected: number; acknowledged: number };
  crashed: string[];
  /** Longest time a partition holding records made no progress (ms), from broker timestamps. */
  maxHoldMs: number;
  /** The outcome that ended that longest hold: its record, where, and how it ended. */
  longestHold?: { kind: string; partition: number; offset: number; outcome: 'answered' | 'dead-lettered'; latencyMs: number };
  /** How holds were spread: the 99th percentile of the waits before each outcome, and how many exceeded half the limit. */
  holds?: {
    p99Ms: number;
    overHalfLimit: number;
    longest: { kind: string; partition: number; offset: number; endedAt: string; ms: number }[];
  };
  latencyMs: { p50: number; p99: number; max: number };
  /** Intake's `messaging_handler_failures_total`; null when its metrics could not be read. */
  handlerFailures: number | null;
  publishSeconds: number;
  drainSeconds: number;
  perKind: Record<string, { sent: number; ok: number | null }>;
  problems: string[];
  failed: boolean;
}

const BATCH = 20;

async function main(): Promise<void> {
  const opts = options();
  const missing = SERVICES.filter((s) => !existsSync(join(ROOT, 'dist', 'services', s, 'services', s, 'src', 'main.js')));
  if (missing.length) throw new Error(`dist/ has no build of ${missing.join(', ')}: run \`npm run build\` first`);
  const infra = runInfrastructure();
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

  // Records, made batch by batch as they are sent: every kind once, then random kinds; a valid application after
  // every `validEvery` hostile ones, and one at the end.
  const fixture = JSON.parse(
    readFileSync(join(ROOT, 'libs', 'contracts', 'fixtures', 'valid', 'application-submitted-national.json'), 'utf8'),
  );
  const factory = new RecordFactory(stamp.replace('-', ''), opts.partner, fixture.value, random(opts.seed));
  const firsts = factory.everyKind();
  let hostileMade = 0;
  function* records(): Generator<FuzzRecord> {
    while (hostileMade < Math.max(opts.count, firsts.length)) {
      yield hostileMade < firsts.length ? firsts[hostileMade] : factory.hostile();
      hostileMade += 1;
      if (hostileMade % opts.validEvery === 0) yield factory.valid();
    }
    yield factory.valid();
  }

  const kafka = benchKafka(infra.kafkaBrokers, run);
  const { groups } = await prepareRunTopics(kafka, infra.kafkaBrokers, {
    partner: opts.partner,
    groupPrefix: isolation.groupPrefix,
    namespace,
    outboundGroup: `${run}-outbound`,
  });

  const devKeyDir = mkdtempSync(join(tmpdir(), 'fuzz-key-'));
  let platform: LaunchedPlatform | undefined;
  let figures: FuzzFigures | undefined;
  try {
    platform = await launchPlatform({
      kafkaBrokers: infra.kafkaBrokers,
      mongodbUri: infra.mongodbUri,
      basePort: opts.basePort,
      devKeyFile: join(devKeyDir, 'dev-key.json'),
      isolation,
      partners: [opts.partner],
      logDir,
      startTimeoutMs: 180_000,
      extraEnv: { LOG_LEVEL: 'warn' },
    });
    say(`platform up on ports ${opts.basePort}-${opts.basePort + SERVICES.length - 1} (logs in ${relative(ROOT, logDir)})`);
    const started = platform;

    // What comes back: the partner's outbound topic (from its end, group of this run) and intake's dead letters,
    // indexed by the record key and the ce_id they answer (a run of 100,000 records is matched in linear time).
    const byKey = new Map<string, Answer>();
    const byCause = new Map<string, Answer>();
    const seen = new Set<string>();
    const out = kafka.consumer({ groupId: `${run}-outbound` });
    await out.connect();
    await out.subscribe({ topics: [outbound] });
    await out.run({
      eachMessage: async ({ partition, message }) => {
        if (seen.has(`${partition}:${message.offset}`)) return;
        seen.add(`${partition}:${message.offset}`);
        const answer = answerOf(message);
        if (!byKey.has(answer.key)) byKey.set(answer.key, answer);
        if (answer.causationId && !byCause.has(answer.causationId)) byCause.set(answer.causationId, answer);
      },
    });
    const dlqTopic = deadLetterTopic(groups[0]);
    const deadAt = new Map<string, number>(); // `${partition}:${offset}` of the inbound record -> dead-letter time
    const dlq = kafka.consumer({ groupId: `${run}-dlq` });
    await dlq.connect();
    await dlq.subscribe({ topics: [dlqTopic], fromBeginning: true });
    await dlq.run({
      eachMessage: async ({ message }) => {
        const h = (name: string) => message.headers?.[name]?.toString();
        if (h('dlq_original_topic') === inbound)
          deadAt.set(`${h('dlq_original_partition')}:${h('dlq_original_offset')}`, Number(message.timestamp));
      },
    });

    // Latencies measure handling, not the consumers joining their groups after the start.
    const admin = kafka.admin();
    await admin.connect();
    await waitForStableGroups(admin, groups);
    const startOffsets = await admin.fetchTopicOffsets(inbound);
    const partitions = startOffsets.length;
    await admin.disconnect();

    const sent: Sent[] = [];
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    const publishStarted = Date.now();
    let refusedByBroker = 0;
    let turn = 0;
    // Each record to the next partition in turn; its offset is its batch's base offset on that partition plus its
    // place among the batch's records for that partition.
    const send = async (batch: FuzzRecord[]) => {
      const placed = batch.map((r) => ({ r, partition: turn++ % partitions }));
      const result = await producer.send({
        topic: inbound,
        acks: -1,
        messages: placed.map(({ r, partition }) => ({ key: r.key, value: r.value, headers: r.headers, partition })),
      });
      const seenIn = new Map<number, number>();
      for (const { r, partition } of placed) {
        const meta = result.find((m) => m.partition === partition);
        if (!meta) continue;
        const k = seenIn.get(partition) ?? 0;
        seenIn.set(partition, k + 1);
        const receivedAt = Number(meta.logAppendTime) > 0 ? Number(meta.logAppendTime) : Date.now();
        sent.push({
          kind: r.kind,
          expect: r.expect,
          answerKey: r.answerKey,
          ceId: r.ceId,
          partition,
          offset: Number(meta.baseOffset) + k,
          receivedAt,
        });
      }
    };
    let batch: FuzzRecord[] = [];
    const flush = async () => {
      try {
        await send(batch);
      } catch {
        // A batch over the broker's limit: its records one by one (a single record too large is refused: counted).
        for (const r of batch) await send([r]).catch(() => (refusedByBroker += 1));
      }
      batch = [];
    };
    let lastReport = Date.now();
    for (const r of records()) {
      batch.push(r);
      if (batch.length === BATCH) await flush();
      if (Date.now() - lastReport > 15_000) {
        lastReport = Date.now();
        say(`  ${sent.length} published, ${byKey.size} answered, ${deadAt.size} dead-lettered`);
      }
    }
    if (batch.length) await flush();
    await producer.disconnect();
    const publishSeconds = (Date.now() - publishStarted) / 1000;
    say(`published ${sent.length} records in ${publishSeconds.toFixed(1)} s (${refusedByBroker} refused by the broker)`);

    const answerFor = (r: Sent): Answer | undefined =>
      (r.answerKey !== undefined ? byKey.get(r.answerKey) : undefined) ?? (r.ceId !== undefined ? byCause.get(r.ceId) : undefined);
    const expectedDead = sent.filter((r) => r.expect === 'dead-lettered').length;
    const deadFor = (r: Sent) => deadAt.get(`${r.partition}:${r.offset}`);
    const drainStarted = Date.now();
    await waitUntil(
      () => {
        if (Date.now() - lastReport > 15_000) {
          lastReport = Date.now();
          say(`  ${byKey.size} answered, ${deadAt.size} dead-lettered of ${sent.length}`);
        }
        return sent.every((r) => (r.expect === 'dead-lettered' ? deadFor(r) !== undefined : answerFor(r) !== undefined)) || undefined;
      },
      opts.timeoutMs,
      () => '',
    ).catch(() => undefined);
    const drainSeconds = (Date.now() - drainStarted) / 1000;
    await sleep(2_000); // anything more (duplicates, unexpected dead letters) shows up now
    // Copies the publisher wrote (see FuzzFigures.deadLettered): the inbound records of this run minus those sent.
    const endAdmin = kafka.admin();
    await endAdmin.connect();
    const endOffsets = await endAdmin.fetchTopicOffsets(inbound);
    await endAdmin.disconnect();
    const appended = endOffsets.reduce((sum, e) => {
      const start = startOffsets.find((o) => o.partition === e.partition);
      return sum + Number(e.high) - Number(start?.high ?? 0);
    }, 0);
    const copiesWritten = Math.max(0, appended - sent.length);

    // Checks.
    // Intake's metrics first, on a new connection each try: the checks below take seconds with 100,000 records,
    // longer than the server keeps an idle connection open, and a reused closed one fails the fetch.
    let metricsError = '';
    let metrics = '';
    for (let attempt = 1; attempt <= 3 && !metrics; attempt++) {
      metricsError = '';
      metrics = await fetch(`${started.urls.intake}/metrics`, { headers: { connection: 'close' } }).then(
        (r) => (r.ok ? r.text() : ((metricsError = `HTTP ${r.status}`), '')),
        (error: Error) => ((metricsError = `${error.message}${error.cause ? ` (${String(error.cause)})` : ''}`), ''),
      );
      if (!metrics) await sleep(1_000);
    }
    const crashed: string[] = [];
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
      if (!alive || !healthy) crashed.push(`${s} (pid ${pid}) ${alive ? 'unhealthy' : 'exited'}`);
    }
    const okFor = (r: Sent) => {
      if (r.expect === 'dead-lettered') return deadFor(r) !== undefined;
      const a = answerFor(r);
      return (
        a !== undefined &&
        (r.expect === 'valid'
          ? a.type === 'readmission.application.acknowledged.v1'
          : a.type === 'readmission.application.rejected.v1' && a.reasons.some((reason) => Boolean(reason.field)))
      );
    };
    const perKind: FuzzFigures['perKind'] = {};
    const problems: string[] = [];
    const latencies: number[] = [];
    let maxHoldMs = 0;
    let longestHold: FuzzFigures['longestHold'];
    const holds: number[] = [];
    const longHolds: NonNullable<FuzzFigures['holds']>['longest'] = [];
    const byPartition = new Map<number, Sent[]>();
    for (const r of sent) byPartition.set(r.partition, [...(byPartition.get(r.partition) ?? []), r]);
    for (const list of byPartition.values()) {
      const outcomes = list
        .map((r) => ({ r, done: r.expect === 'dead-lettered' ? deadFor(r) : answerFor(r)?.at }))
        .filter((o): o is { r: Sent; done: number } => o.done !== undefined)
        .sort((a, b) => a.done - b.done);
      // The earliest receipt among the records from each outcome on (those still waiting just before it).
      const waitingSince = outcomes.map((o) => o.r.receivedAt);
      for (let i = waitingSince.length - 2; i >= 0; i--) waitingSince[i] = Math.min(waitingSince[i], waitingSince[i + 1]);
      let previousDone = 0;
      outcomes.forEach(({ r, done }, i) => {
        latencies.push(done - r.receivedAt);
        const hold = done - Math.max(previousDone, waitingSince[i]);
        holds.push(hold);
        if (hold > opts.maxHoldMs / 2)
          longHolds.push({ kind: r.kind, partition: r.partition, offset: r.offset, endedAt: new Date(done).toISOString(), ms: hold });
        if (hold > maxHoldMs) {
          maxHoldMs = hold;
          const outcome = r.expect === 'dead-lettered' ? 'dead-lettered' : 'answered';
          longestHold = { kind: r.kind, partition: r.partition, offset: r.offset, outcome, latencyMs: done - r.receivedAt };
        }
        previousDone = done;
      });
    }
    for (const r of sent) {
      const figure = perKind[r.kind] ?? { sent: 0, ok: 0 };
      figure.sent += 1;
      perKind[r.kind] = figure;
      if (okFor(r)) figure.ok = (figure.ok ?? 0) + 1;
      else if (problems.length < 20) {
        const a = answerFor(r);
        problems.push(
          `${r.kind} ${r.answerKey ?? r.ceId ?? `${r.partition}:${r.offset}`}: ${a ? `answered ${a.type} ${JSON.stringify(a.reasons)}` : r.expect === 'dead-lettered' ? 'not dead-lettered' : 'no answer'}`,
        );
      }
    }
    const count = (expect: FuzzRecord['expect']) => sent.filter((r) => r.expect === expect);
    const okCount = (expect: FuzzRecord['expect']) => count(expect).filter(okFor).length;
    latencies.sort((a, b) => a - b);
    /** The p-th percentile of an ascending list (0 when empty). */
    const percentileOf = (sorted: number[], p: number) =>
      sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;
    const pct = (p: number) => percentileOf(latencies, p);
    const metric = (name: string) =>
      metrics
        .split('\n')
        .filter((l) => l.startsWith(name))
        .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
    // Every dead letter is of a record sent without a key, or of a copy the publisher wrote: a record sent with a
    // key that was dead-lettered is a problem (it had to be answered), as are more copies dead-lettered than written.
    const sentAt = new Map(sent.map((r) => [`${r.partition}:${r.offset}`, r]));
    const copiesDead = [...deadAt.keys()].filter((at) => !sentAt.has(at)).length;
    for (const at of deadAt.keys()) {
      const r = sentAt.get(at);
      if (r && r.expect !== 'dead-lettered' && problems.length < 20)
        problems.push(`${r.kind} ${at}: dead-lettered, though it had to be answered`);
    }
    if (copiesDead > copiesWritten)
      problems.push(`${copiesDead} dead letters of records not sent, but only ${copiesWritten} copies written`);
    figures = {
      run,
      at: new Date().toISOString(),
      seed: opts.seed,
      sent: sent.length,
      hostile: sent.length - count('valid').length,
      refusedByBroker,
      answered: { expected: count('answered').length, ok: okCount('answered') },
      deadLettered: { expected: expectedDead, got: okCount('dead-lettered'), copies: copiesDead, copiesWritten },
      valid: { expected: count('valid').length, acknowledged: okCount('valid') },
      crashed,
      maxHoldMs,
      longestHold,
      holds: {
        p99Ms: percentileOf(
          holds.sort((a, b) => a - b),
          99,
        ),
        overHalfLimit: longHolds.length,
        longest: longHolds.sort((a, b) => b.ms - a.ms).slice(0, 50),
      },
      latencyMs: { p50: pct(50), p99: pct(99), max: pct(100) },
      handlerFailures: metricsError ? null : metric('messaging_handler_failures_total'),
      publishSeconds: Math.round(publishSeconds * 10) / 10,
      drainSeconds: Math.round(drainSeconds * 10) / 10,
      perKind,
      problems,
      failed: false,
    };
    figures.failed =
      crashed.length > 0 ||
      figures.answered.ok < figures.answered.expected ||
      figures.valid.acknowledged < figures.valid.expected ||
      okCount('dead-lettered') !== expectedDead ||
      problems.length > 0 ||
      maxHoldMs > opts.maxHoldMs;

    const handled = metric('messaging_handler_duration_seconds_count');
    const meanMs = handled ? Math.round((metric('messaging_handler_duration_seconds_sum') * 1000) / handled) : 0;
    say('');
    say(
      `records sent                 ${figures.sent} (${figures.hostile} hostile, ${figures.valid.expected} valid) in ${figures.publishSeconds} s`,
    );
    say(`attributable, answered       ${figures.answered.ok} / ${figures.answered.expected} with a rejection naming a field`);
    say(`unattributable, dead-lettered ${okCount('dead-lettered')} / ${expectedDead} (intake's ${dlqTopic}: ${deadAt.size} records)`);
    say(
      `publisher's own copies       ${copiesWritten} written (a failed batch resent record by record), ${copiesDead} of them keyless and dead-lettered`,
    );
    say(`valid, acknowledged          ${figures.valid.acknowledged} / ${figures.valid.expected}`);
    say(`services crashed or unhealthy ${crashed.length}${crashed.length ? `: ${crashed.join(', ')}` : ''}`);
    say(`longest partition hold       ${maxHoldMs} ms (limit ${opts.maxHoldMs} ms; broker timestamps)`);
    if (longestHold) {
      const { kind, partition, offset, outcome, latencyMs } = longestHold;
      say(`  ended by                   ${kind} at partition ${partition} offset ${offset}, ${outcome} ${latencyMs} ms after its receipt`);
    }
    if (figures.holds)
      say(`  spread                     p99 ${figures.holds.p99Ms} ms, ${figures.holds.overHalfLimit} over ${opts.maxHoldMs / 2} ms`);
    say(`outcome latency              p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${pct(100)} ms (from receipt; includes queueing)`);
    say(`drained                      ${figures.drainSeconds} s after the last publish`);
    if (metricsError) say(`intake metrics               could not be read (${metricsError})`);
    else {
      say(
        `intake handler failures      ${figures.handlerFailures} (retried or dead-lettered), store waits ${metric('messaging_store_waits_total')}`,
      );
      say(`intake handling time         mean ${meanMs} ms per record (${handled} records, every topic it consumes)`);
    }
    say('per kind (sent / as expected):');
    for (const [kind, f] of Object.entries(perKind).sort()) say(`  ${kind.padEnd(22)} ${f.sent} / ${f.ok}`);
    for (const p of problems) say(`problem: ${p}`);
    say(figures.failed ? 'FAILED' : 'passed');
    await out.disconnect();
    await dlq.disconnect();
  } finally {
    await platform?.stop();
    rmSync(devKeyDir, { recursive: true, force: true });
    if (!opts.keepData) await dropDatabases(infra.mongodbUri, isolation.dbPrefix);
  }
  if (opts.report && figures) {
    mkdirSync(dirname(opts.report), { recursive: true });
    writeFileSync(opts.report, JSON.stringify(figures, null, 2));
  }
  process.exit(!figures || figures.failed ? 1 : 0);
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
