import { hostname, userInfo } from 'os';
import { Kafka } from 'kafkajs';
import { deadLetterTopic } from '@readmission/contracts';
import { DLQ_HEADERS, EventPublisher, KafkaSettings, REPLAY_HEADERS, createKafka, replayHeaders } from '@readmission/messaging';
import { ReadRecord, readTopic } from './dead-letters';

/**
 * `npm run dlq -- list|show|replay --group <g>`: the dead-letter topic `readmission.dlq.<g>.v1` of a consumer group.
 * - list: one line per record: position, key, type and id, where it came from, why it failed, whether replayed.
 * - show --partition P --offset O [--payload]: its headers; the value (personal data) only with --payload.
 * - replay (--partition P --offset O | --all) [--by NAME]: the original record back to its original topic, with its
 *   original headers, key and value, stamped with its original time of receipt (signed with DLQ_REPLAY_KEY, see
 *   @readmission/messaging dlq-replay.ts), once per dead-letter position, each replay recorded on REPLAY_LOG_TOPIC.
 */
export const REPLAY_LOG_TOPIC = 'readmission.dlq-replays.v1';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export interface DlqContext {
  kafka: KafkaSettings;
  /** DLQ_REPLAY_KEY; replay refuses to run without it. */
  replayKey?: string;
}

interface Options {
  command: string;
  group?: string;
  partition?: number;
  offset?: string;
  all: boolean;
  payload: boolean;
  by: string;
}

export async function run(argv: string[], io: Io, context: DlqContext): Promise<number> {
  let options: Options;
  try {
    options = parse(argv);
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (options.command === 'help') {
    io.out(USAGE);
    return 0;
  }
  const kafka = createKafka(context.kafka);
  const topic = deadLetterTopic(options.group as string);
  try {
    if (options.command === 'list') return await list(kafka, topic, io);
    if (options.command === 'show') return await show(kafka, topic, options, io);
    return await replay(kafka, topic, options, io, context);
  } catch (error) {
    io.err(`dlq ${options.command} failed: ${(error as Error).message}`);
    return 1;
  }
}

async function list(kafka: Kafka, topic: string, io: Io): Promise<number> {
  const [records, replays] = await Promise.all([readTopic(kafka, topic), replayLog(kafka)]);
  io.out(`${topic}: ${records.length} record(s)`);
  for (const r of records) {
    const h = r.headers;
    const replayed = replays.get(position(r));
    io.out(
      [
        `${r.partition}/${r.offset}`,
        `key=${r.key ?? '-'}`,
        `type=${h.ce_type ?? '-'}`,
        `id=${h.ce_id ?? '-'}`,
        `from=${h[DLQ_HEADERS.topic]}[${h[DLQ_HEADERS.partition]}]@${h[DLQ_HEADERS.offset]}`,
        `failed=${h[DLQ_HEADERS.failedAt] ?? '-'}`,
        `kind=${h[DLQ_HEADERS.errorKind] ?? '-'}`,
        `attempts=${h[DLQ_HEADERS.attempts] ?? '-'}`,
        `error=${JSON.stringify((h[DLQ_HEADERS.error] ?? '').slice(0, 200))}`,
        replayed ? `replayed by ${replayed.by} at ${replayed.at}` : 'not replayed',
      ].join('  '),
    );
  }
  return 0;
}

async function show(kafka: Kafka, topic: string, options: Options, io: Io): Promise<number> {
  const record = await one(kafka, topic, options);
  if (!record) return notFound(topic, options, io);
  const replayed = (await replayLog(kafka)).get(position(record));
  const value = record.value ?? Buffer.alloc(0);
  io.out(
    JSON.stringify(
      {
        position: position(record),
        timestamp: new Date(Number(record.timestamp)).toISOString(),
        key: record.key,
        headers: record.headers,
        replayed: replayed ?? null,
        value: options.payload ? value.toString('utf8') : `(${value.length} bytes, personal data: add --payload to show it)`,
      },
      null,
      2,
    ),
  );
  return 0;
}

async function replay(kafka: Kafka, topic: string, options: Options, io: Io, context: DlqContext): Promise<number> {
  if (!context.replayKey) {
    io.err('DLQ_REPLAY_KEY is not set: without it the services would judge the replay at its own time of receipt');
    return 2;
  }
  const records = options.all
    ? await readTopic(kafka, topic)
    : [await one(kafka, topic, options)].filter((r): r is ReadRecord => Boolean(r));
  if (records.length === 0) return notFound(topic, options, io);
  const replays = await replayLog(kafka);
  const publisher = new EventPublisher(context.kafka);
  let failed = 0;
  try {
    await ensureReplayLog(kafka);
    for (const record of records) {
      const at = position(record);
      const earlier = replays.get(at);
      if (earlier) {
        io.err(`${at}: already replayed by ${earlier.by} at ${earlier.at}; not replayed again`);
        failed += options.all ? 0 : 1;
        continue;
      }
      const original = await originalOf(kafka, record);
      if ('problem' in original) {
        io.err(`${at}: ${original.problem}; not replayed`);
        failed += 1;
        continue;
      }
      const stamp = { receivedAt: original.receivedAt, of: at, by: options.by };
      const headers = {
        ...original.headers,
        ...replayHeaders(context.replayKey, { topic: original.topic, key: record.key, value: record.value }, stamp),
      };
      await publisher.publish([{ topic: original.topic, key: record.key ?? '', value: record.value ?? Buffer.alloc(0), headers }]);
      const entry = {
        of: at,
        topic: original.topic,
        key: record.key,
        ceId: record.headers.ce_id ?? null,
        receivedAt: new Date(Number(original.receivedAt)).toISOString(),
        by: options.by,
        host: hostname(),
        at: new Date().toISOString(),
      };
      await publisher.publish([
        { topic: REPLAY_LOG_TOPIC, key: at, value: JSON.stringify(entry), headers: { 'content-type': 'application/json' } },
      ]);
      io.out(`${at}: replayed to ${original.topic} (key ${record.key ?? '-'}, received ${entry.receivedAt}) by ${options.by}`);
    }
  } finally {
    await publisher.onApplicationShutdown();
  }
  return failed > 0 ? 1 : 0;
}

/** The original record: topic, headers without the dead-letter ones, and its time of receipt. */
async function originalOf(
  kafka: Kafka,
  record: ReadRecord,
): Promise<{ topic: string; headers: Record<string, string>; receivedAt: string } | { problem: string }> {
  const h = record.headers;
  const topic = h[DLQ_HEADERS.topic];
  if (!topic) return { problem: `no ${DLQ_HEADERS.topic} header` };
  if (h.dlq_truncated) return { problem: `its value was cut to be dead-lettered (${h.dlq_truncated})` };
  const ours = new Set<string>([...Object.values(DLQ_HEADERS), ...Object.values(REPLAY_HEADERS)]);
  const headers = Object.fromEntries(Object.entries(h).filter(([name]) => !ours.has(name)));
  let receivedAt = h[DLQ_HEADERS.timestamp];
  if (!receivedAt) {
    // Dead-lettered before the header existed: the original record's own timestamp, if it is still on its topic.
    const [found] = await readTopic(kafka, topic, { partition: Number(h[DLQ_HEADERS.partition]), offset: h[DLQ_HEADERS.offset] });
    receivedAt = found?.timestamp;
  }
  if (!receivedAt || !/^\d+$/.test(receivedAt))
    return { problem: 'its original time of receipt is unknown (no header, and the original record is gone)' };
  return { topic, headers, receivedAt };
}

/** The replay log: compacted (one entry per dead-letter position, kept for ever), one partition. */
async function ensureReplayLog(kafka: Kafka): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    if ((await admin.listTopics()).includes(REPLAY_LOG_TOPIC)) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: REPLAY_LOG_TOPIC, numPartitions: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }],
    });
  } finally {
    await admin.disconnect();
  }
}

interface ReplayEntry {
  by: string;
  at: string;
}

async function replayLog(kafka: Kafka): Promise<Map<string, ReplayEntry>> {
  const entries = new Map<string, ReplayEntry>();
  for (const r of await readTopic(kafka, REPLAY_LOG_TOPIC)) {
    try {
      const entry = JSON.parse(r.value?.toString('utf8') ?? '') as ReplayEntry & { of: string };
      if (r.key) entries.set(r.key, { by: entry.by, at: entry.at });
    } catch {
      // not ours
    }
  }
  return entries;
}

async function one(kafka: Kafka, topic: string, options: Options): Promise<ReadRecord | undefined> {
  const [record] = await readTopic(kafka, topic, { partition: options.partition as number, offset: options.offset as string });
  return record;
}

function notFound(topic: string, options: Options, io: Io): number {
  io.err(options.all ? `${topic} is empty` : `no record at ${topic}/${options.partition}/${options.offset}`);
  return 1;
}

const position = (r: ReadRecord) => `${r.topic}/${r.partition}/${r.offset}`;

export const USAGE = `usage: npm run dlq -- list --group <consumer group>
       npm run dlq -- show --group <g> --partition <p> --offset <o> [--payload]
       npm run dlq -- replay --group <g> (--partition <p> --offset <o> | --all) [--by <name>]
Kafka from KAFKA_BROKERS (and KAFKA_SSL, KAFKA_SASL_*); replay needs DLQ_REPLAY_KEY, the services' key.`;

function parse(argv: string[]): Options {
  const [command, ...rest] = argv;
  if (!command || ['help', '--help', '-h'].includes(command)) return { command: 'help', all: false, payload: false, by: '' };
  if (!['list', 'show', 'replay'].includes(command)) throw new Error(`unknown command "${command}"`);
  const options: Options = { command, all: false, payload: false, by: defaultActor() };
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--group') options.group = value();
    else if (flag === '--partition') options.partition = Number(value());
    else if (flag === '--offset') options.offset = value();
    else if (flag === '--by') options.by = value();
    else if (flag === '--all' && command === 'replay') options.all = true;
    else if (flag === '--payload' && command === 'show') options.payload = true;
    else throw new Error(`unknown option ${flag} for ${command}`);
  }
  if (!options.group) throw new Error('--group is required');
  if (command !== 'list' && !options.all) {
    if (!Number.isInteger(options.partition) || (options.partition as number) < 0)
      throw new Error('--partition must be a partition number');
    if (!/^\d+$/.test(options.offset ?? '')) throw new Error('--offset must be an offset');
  }
  return options;
}

function defaultActor(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
