// Fault-injection run: launches the platform from dist/ in a namespace of its own and sends what partners send
// (applications; for part of them a transfer notice once the travel document is issued, and the border's
// handover once the transfer is confirmed) while each service is killed with SIGKILL at random moments and
// started again, the broker is restarted once and the store once. Then it waits for the platform to drain and
// checks, from the partner's outbound topic and the stores, that nothing was lost or doubled. Exit code 1 when a
// check fails, 2 when the run could not be made.
//
//   npm run faults -- [--count 200] [--partner DE] [--transfer-share 0.3] [--rate 20] [--kills 1] [--kill-every 0]
//                     [--broker-restarts 1] [--store-restarts 1] [--seed N] [--session-timeout 10000 (ms)]
//                     [--timeout 900 (s)] [--base-port 20400]
//                     [--report file.json] [--keep-data]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, relative } from 'path';
import { parseArgs } from 'util';
import { Kafka } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { devTokenClaims, mintDevToken } from '@readmission/auth';
import { partnerInboundTopic, partnerOutboundTopic } from '@readmission/contracts';
import { LaunchedPlatform, SERVICES, ServiceName, launchPlatform } from '@readmission/testing';
import { random } from '../fuzz/records';
import { sleep } from '../bench/kafka';
import { RunInfrastructure, checkRestartable, prepareRunTopics, restartBroker, restartStore, runInfrastructure } from './infra';
import { PartnerRecord, plannedApplications, transferNotice } from './workload';
import { Outbound, StoreFigures, checkRun, pendingWrites, readStores, reintegrationCaseCount } from './checks';

const ROOT = join(__dirname, '..', '..');
const say = (line: string) => console.log(`[faults] ${line}`);

export interface FaultOptions {
  count: number;
  partner: string;
  transferShare: number;
  ratePerSecond: number;
  killsPerService: number;
  /** Mean seconds between two faults; 0: the faults are spread over the publishing time. */
  killEverySeconds: number;
  brokerRestarts: number;
  storeRestarts: number;
  seed: number;
  /** KAFKA_SESSION_TIMEOUT_MS of the services: how long a killed service's partitions wait before its restart gets them. */
  sessionTimeoutMs: number;
  timeoutMs: number;
  basePort: number;
  report?: string;
  keepData: boolean;
}

function options(): FaultOptions {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '200' },
      partner: { type: 'string', default: 'DE' },
      'transfer-share': { type: 'string', default: '0.3' },
      rate: { type: 'string', default: '20' },
      kills: { type: 'string', default: '1' },
      'kill-every': { type: 'string', default: '0' },
      'broker-restarts': { type: 'string', default: '1' },
      'store-restarts': { type: 'string', default: '1' },
      seed: { type: 'string', default: String(Date.now() % 100_000) },
      'session-timeout': { type: 'string', default: '10000' },
      timeout: { type: 'string', default: '900' },
      'base-port': { type: 'string', default: '20400' },
      report: { type: 'string' },
      'keep-data': { type: 'boolean', default: false },
    },
  });
  const num = (name: string, raw: string | undefined, integer = true) => {
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) throw new Error(`--${name} must be a non-negative number`);
    return n;
  };
  return {
    count: Math.max(1, num('count', values.count)),
    partner: String(values.partner).toUpperCase(),
    transferShare: Math.min(1, num('transfer-share', values['transfer-share'], false)),
    ratePerSecond: Math.max(1, num('rate', values.rate, false)),
    killsPerService: num('kills', values.kills),
    killEverySeconds: num('kill-every', values['kill-every'], false),
    brokerRestarts: num('broker-restarts', values['broker-restarts']),
    storeRestarts: num('store-restarts', values['store-restarts']),
    seed: num('seed', values.seed),
    sessionTimeoutMs: Math.max(6000, num('session-timeout', values['session-timeout'])),
    timeoutMs: num('timeout', values.timeout) * 1000,
    basePort: num('base-port', values['base-port']),
    report: values.report,
    keepData: values['keep-data'] ?? false,
  };
}

type Fault = { kind: 'kill'; service: ServiceName } | { kind: 'broker' } | { kind: 'store' };

export interface FaultFigures {
  run: string;
  at: string;
  options: Omit<FaultOptions, 'report'>;
  sent: { applications: number; transferNotices: number; handovers: number; publishRetries: number };
  answered: number;
  transfersConfirmed: number;
  arrived: number;
  reintegrationCases: number;
  duplicates: number;
  /** Copies of one answer (same ce_id), e.g. republished after a kill: the partner drops them by ce_id. */
  repeatedCopies: number;
  lost: number;
  deadLettered: number;
  drainMs: number | null;
  faults: { at: number; what: string; downMs: number }[];
  unplannedExits: string[];
  store: StoreFigures;
  violations: string[];
}

export async function runFaults(opts: FaultOptions): Promise<FaultFigures> {
  const infra = runInfrastructure();
  await checkRestartable(infra);
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const run = `faults-${stamp}`;
  const namespace = `x${stamp}`;
  const isolation = { dbPrefix: run, groupPrefix: `${run}-`, namespace };
  const inbound = partnerInboundTopic(opts.partner);
  const outbound = partnerOutboundTopic(opts.partner);
  const logDir = join(ROOT, '.local', 'logs', run);
  const rnd = random(opts.seed);
  const apps = plannedApplications(stamp.replace('-', ''), opts.count, opts.partner, opts.transferShare, rnd);
  const faults: Fault[] = [
    ...SERVICES.flatMap((service) => Array.from({ length: opts.killsPerService }, (): Fault => ({ kind: 'kill', service }))),
    ...Array.from({ length: opts.brokerRestarts }, (): Fault => ({ kind: 'broker' })),
    ...Array.from({ length: opts.storeRestarts }, (): Fault => ({ kind: 'store' })),
  ].sort(() => rnd() - 0.5);
  say(
    `run ${run}: ${opts.count} applications for ${opts.partner} at ${opts.ratePerSecond}/s, ~${Math.round(opts.transferShare * 100)}% transferred, seed ${opts.seed}`,
  );
  say(`faults: ${faults.map((f) => (f.kind === 'kill' ? `kill ${f.service}` : `restart ${f.kind}`)).join(', ')}`);

  const kafka = new Kafka({
    clientId: run,
    brokers: infra.kafkaBrokers.split(','),
    logLevel: 0,
    retry: { retries: 1000, initialRetryTime: 300, maxRetryTime: 3000 },
  });
  const { groups, topics, deadLetterTopics } = await prepareRunTopics(kafka, infra.kafkaBrokers, {
    partner: opts.partner,
    groupPrefix: isolation.groupPrefix,
    namespace,
    outboundGroup: `${run}-outbound`,
  });

  const devKeyDir = mkdtempSync(join(tmpdir(), 'faults-key-'));
  const devKeyFile = join(devKeyDir, 'dev-key.json');
  let platform: LaunchedPlatform | undefined;
  const answers = new Outbound();
  const consumer = kafka.consumer({ groupId: `${run}-outbound`, retry: { retries: 1000, initialRetryTime: 300, maxRetryTime: 3000 } });
  const producer = kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 5 } });
  const admin = kafka.admin();
  try {
    platform = await launchPlatform({
      kafkaBrokers: infra.kafkaBrokers,
      mongodbUri: infra.mongodbUri,
      basePort: opts.basePort,
      devKeyFile,
      isolation,
      partners: [opts.partner],
      logDir,
      startTimeoutMs: 180_000,
      extraEnv: { LOG_LEVEL: 'warn', KAFKA_SESSION_TIMEOUT_MS: String(opts.sessionTimeoutMs) },
    });
    const started = platform;
    // Interrupted: the platform's processes are stopped with the run.
    process.once('SIGINT', () => void started.stop().finally(() => process.exit(130)));
    process.once('SIGTERM', () => void started.stop().finally(() => process.exit(143)));
    say(`platform up on ports ${opts.basePort}-${opts.basePort + SERVICES.length - 1} (logs in ${relative(ROOT, logDir)})`);

    const ours = new Set(apps.map((a) => a.reference));
    await consumer.connect();
    await consumer.subscribe({ topics: [outbound] });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const key = message.key?.toString() ?? '';
        if (ours.has(key)) answers.add(key, partition, message);
      },
    });
    await producer.connect();
    let publishRetries = 0;
    const publish = async (records: PartnerRecord[]) => {
      for (;;) {
        try {
          await producer.send({ topic: inbound, acks: -1, messages: records });
          return;
        } catch {
          // The broker is away (restart): the same records again, as a partner's client retries (same ce_id).
          publishRetries += 1;
          await sleep(1000);
        }
      }
    };

    // Supervision: a service that exits by itself (not one of the planned kills) is started again, and counted.
    const t0 = Date.now();
    const unplannedExits: string[] = [];
    const killing = new Set<ServiceName>();
    let supervising = true;
    const supervisor = (async () => {
      while (supervising) {
        for (const s of SERVICES) {
          if (killing.has(s) || alive(started.pids[s])) continue;
          unplannedExits.push(`${s} at ${Math.round((Date.now() - t0) / 1000)} s`);
          await started.restart(s, opts.timeoutMs).catch(() => undefined);
        }
        await sleep(1000);
      }
    })();

    // Transfers: the persons whose travel document is issued, three to a notice; the handover once confirmed.
    const transferredRefs = new Set(apps.filter((a) => a.transferred).map((a) => a.reference));
    const notified = new Set<string>();
    const transfers = new Map<string, { references: string[]; arrived: string[]; handedOver: boolean }>();
    let transferSeq = 0;
    let notices = 0;
    let handovers = 0;
    let publishing = true;
    let draining = true;
    const driveTransfers = async () => {
      while (draining) {
        const ready = readyForNotice();
        // Three to a notice while applications still come in; the rest in smaller notices at the end.
        for (let i = 0; i < ready.length && (ready.length - i >= 3 || !publishing); i += 3) {
          const references = ready.slice(i, i + 3);
          transferSeq += 1;
          const transferReference = `FLT-TR-${stamp.replace('-', '')}-${String(transferSeq).padStart(5, '0')}`;
          references.forEach((r) => notified.add(r));
          // The third person of a transfer of three does not arrive: no reintegration case may open for them.
          transfers.set(transferReference, {
            references,
            arrived: references.length === 3 ? references.slice(0, 2) : references,
            handedOver: false,
          });
          ours.add(transferReference);
          await publish([transferNotice(transferReference, references, opts.partner, rnd)]);
          notices += 1;
        }
        for (const [transferReference, t] of transfers) {
          if (t.handedOver || !answers.has(transferReference, 'readmission.transfer.confirmed.v1')) continue;
          t.handedOver = await handover(started, devKeyFile, opts.partner, transferReference, t.arrived);
          if (t.handedOver) handovers += 1;
        }
        await sleep(300);
      }
    };
    const readyForNotice = () =>
      [...transferredRefs].filter(
        (r) => !notified.has(r) && answers.has(r, 'readmission.travel-document.issued.v1') && answers.decision(r) === 'accepted',
      );

    // Faults: one after the other at random moments while the work is in flight.
    const faultLog: FaultFigures['faults'] = [];
    const publishSeconds = opts.count / opts.ratePerSecond;
    const kills = faults.filter((f) => f.kind === 'kill').length;
    const meanGap = opts.killEverySeconds > 0 ? opts.killEverySeconds : Math.max(2, publishSeconds / (kills + 1));
    // A killed service is started again at once but not waited for: the next fault may come while it is still
    // starting (its consumers rejoining their groups), as with a crash-looping container.
    const restarts = new Map<ServiceName, Promise<void>>();
    // Two lanes of faults, each one fault after the other at random moments: the kills, and the restarts of the
    // broker and the store (which take tens of seconds: the kills go on meanwhile).
    const injectFaults = async (lane: Fault[]) => {
      for (const fault of lane) {
        await sleep((0.5 + rnd()) * meanGap * 1000);
        const at = Date.now() - t0;
        let line: FaultFigures['faults'][number];
        if (fault.kind === 'kill') {
          const service = fault.service;
          await restarts.get(service);
          killing.add(service);
          await started.kill(service);
          const down = rnd() * 2000;
          line = { at, what: `SIGKILL ${service}, started again`, downMs: Math.round(down) };
          restarts.set(
            service,
            sleep(down)
              .then(() => started.restart(service, opts.timeoutMs))
              .catch((error: Error) => void unplannedExits.push(`${service} did not start again: ${error.message}`))
              .finally(() => killing.delete(service)),
          );
        } else {
          const downMs = fault.kind === 'broker' ? await restartBroker(infra) : await restartStore(infra);
          line = { at, what: `${fault.kind} restarted`, downMs };
        }
        faultLog.push(line);
        say(`  ${(at / 1000).toFixed(1)} s: ${line.what} (${fault.kind === 'kill' ? 'down' : 'away'} ${line.downMs} ms)`);
      }
    };

    const publishAll = async () => {
      const batch = Math.max(1, Math.min(50, Math.round(opts.ratePerSecond / 4)));
      for (let i = 0; i < apps.length; i += batch) {
        const due = t0 + (i / opts.ratePerSecond) * 1000;
        if (due > Date.now()) await sleep(due - Date.now());
        await publish(apps.slice(i, i + batch).map((a) => a.record));
      }
      publishing = false;
      say(`  ${((Date.now() - t0) / 1000).toFixed(1)} s: ${apps.length} applications published`);
    };

    const transfersDriven = driveTransfers();
    await Promise.all([
      publishAll(),
      injectFaults(faults.filter((f) => f.kind === 'kill')),
      injectFaults(faults.filter((f) => f.kind !== 'kill')),
    ]);
    const lastFaultAt = Date.now();
    say(`  ${((lastFaultAt - t0) / 1000).toFixed(1)} s: every fault done; waiting for the platform to drain`);

    // Drain: every expected answer in, the arrivals' cases open, no outbox pending anywhere.
    const mongo = new MongoClient(infra.mongodbUri, { serverSelectionTimeoutMS: 10_000 });
    await mongo.connect();
    let drainMs: number | null = null;
    const deadline = Date.now() + opts.timeoutMs;
    let lastReport = Date.now();
    for (;;) {
      const transfersDone = [...transfers.values()].every((t) => t.handedOver) && readyForNotice().length === 0;
      const answersDone = answers.complete(apps, transfers);
      // While waiting, only the small reads (the pending sets, the reintegration cases): the whole-store check
      // below reads every collection once, at the end (on FerretDB each of its scans grows with the stored cases).
      if (transfersDone && answersDone && (await pendingWrites(mongo, isolation.dbPrefix)) === 0) {
        const arrived = [...transfers.values()].reduce((n, t) => n + t.arrived.length, 0);
        if ((await reintegrationCaseCount(mongo, isolation.dbPrefix)) >= arrived) {
          drainMs = Date.now() - lastFaultAt;
          break;
        }
      }
      if (Date.now() > deadline) break;
      if (Date.now() - lastReport > 15_000) {
        lastReport = Date.now();
        say(
          `  ${answers.summary(apps)}; transfers handed over ${[...transfers.values()].filter((t) => t.handedOver).length}/${transfers.size}`,
        );
      }
      await sleep(1000);
    }
    draining = false;
    await transfersDriven;
    await Promise.all(restarts.values());
    await sleep(5000); // late copies and duplicates show up now
    supervising = false;
    await supervisor;
    const store: StoreFigures = await readStores(mongo, isolation.dbPrefix, apps);
    await mongo.close();

    await admin.connect();
    let deadLettered = 0;
    for (const topic of deadLetterTopics) {
      const offsets = await admin.fetchTopicOffsets(topic).catch(() => []);
      deadLettered += offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
    }
    const checked = checkRun(apps, transfers, answers, store, deadLettered);
    return {
      run,
      at: new Date().toISOString(),
      options: { ...opts, report: undefined } as FaultFigures['options'],
      sent: { applications: apps.length, transferNotices: notices, handovers, publishRetries },
      ...checked.figures,
      drainMs,
      faults: faultLog,
      unplannedExits,
      store,
      violations: [...checked.violations, ...(drainMs === null ? [`not drained within ${opts.timeoutMs / 1000} s`] : [])],
    };
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await platform?.stop();
    rmSync(devKeyDir, { recursive: true, force: true });
    await admin.connect().catch(() => undefined);
    await admin.deleteGroups([...groups, `${run}-outbound`]).catch(() => undefined);
    if (!opts.keepData) {
      await admin
        .deleteTopics({ topics: topics.map((t) => t.topic).filter((t) => t.startsWith(`${namespace}.`) || t.includes(`.${namespace}.`)) })
        .catch(() => undefined);
      await dropDatabases(infra, isolation.dbPrefix);
    }
    await admin.disconnect().catch(() => undefined);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The border officer records the transfer's handover; false while the service is away (tried again later). */
async function handover(platform: LaunchedPlatform, devKeyFile: string, partner: string, transferReference: string, arrived: string[]) {
  try {
    // Stationed at the workload's crossing point (workload.ts): a border officer acts only where the token says.
    const token = await mintDevToken(devKeyFile, devTokenClaims('border-officer', 'faults-border-officer', ['GYD']));
    const res = await fetch(`${platform.urls.transfer}/transfers/${partner}/${transferReference}/handover`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ arrived, identityChecked: true, documentChecked: true }),
    });
    // 409: recorded already (an earlier call whose answer was lost in a kill).
    return res.status === 201 || res.status === 409;
  } catch {
    return false;
  }
}

async function dropDatabases(infra: RunInfrastructure, prefix: string): Promise<void> {
  const mongo = new MongoClient(infra.mongodbUri, { serverSelectionTimeoutMS: 10_000 });
  try {
    await mongo.connect();
    for (const service of SERVICES) await mongo.db(`${prefix}-${service}`).dropDatabase();
  } catch {
    // kept: dropped by hand (their names start with the run's)
  } finally {
    await mongo.close();
  }
}

export function printFigures(f: FaultFigures): void {
  const s = (ms: number | null) => (ms === null ? 'not drained' : `${(ms / 1000).toFixed(1)} s`);
  say('');
  say(
    `sent                 ${f.sent.applications} applications, ${f.sent.transferNotices} transfer notices, ${f.sent.handovers} handovers`,
  );
  say(`                     (${f.sent.publishRetries} publishes retried while the broker was away)`);
  say(`answered             ${f.answered} / ${f.sent.applications} acknowledged and decided once each`);
  say(`transfers            ${f.transfersConfirmed} confirmed; ${f.arrived} persons arrived, ${f.reintegrationCases} reintegration cases`);
  say(`duplicates           ${f.duplicates} (a second answer, case, decision or reintegration case for one reference)`);
  say(`repeated copies      ${f.repeatedCopies} (one answer published again under its own ce_id, dropped by the partner)`);
  say(`lost                 ${f.lost}`);
  say(`dead-lettered        ${f.deadLettered}`);
  say(`outboxes pending     ${f.store.outboxPending}, set aside ${f.store.outboxFailed}`);
  say(`time to drain        ${s(f.drainMs)} after the last fault`);
  say(`faults               ${f.faults.length} (${f.faults.map((x) => `${x.what} ${x.downMs} ms`).join('; ')})`);
  say(`unplanned exits      ${f.unplannedExits.length}${f.unplannedExits.length ? `: ${f.unplannedExits.join(', ')}` : ''}`);
  for (const v of f.violations.slice(0, 30)) say(`violation: ${v}`);
  if (f.violations.length > 30) say(`... and ${f.violations.length - 30} more violations`);
  say(f.violations.length ? 'FAILED' : 'passed');
}

if (require.main === module) {
  let opts: FaultOptions;
  try {
    opts = options();
  } catch (error) {
    console.error(`[faults] ${(error as Error).message}`);
    process.exit(2);
  }
  runFaults(opts).then(
    (figures) => {
      printFigures(figures);
      if (opts.report) {
        mkdirSync(dirname(opts.report), { recursive: true });
        writeFileSync(opts.report, JSON.stringify(figures, null, 2));
      }
      process.exit(figures.violations.length ? 1 : 0);
    },
    (error: Error) => {
      console.error(`[faults] ${error.stack ?? error.message}`);
      process.exit(2);
    },
  );
}
