import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import {
  BROKER_MAX_BATCH_BYTES,
  RECORD_BUDGET_BYTES,
  TOPIC_PARTITIONS,
  deadLetterTopic,
  internalGroup,
  logicalTopic,
  namespacedTopic,
  recordBytes,
} from '@readmission/contracts';
import { ConsumedRecord } from './consumed-record';
import { describeError, isPermanent, isStoreUnavailable } from './errors';
import { EventPublisher, OutgoingRecord } from './event-publisher';
import { KafkaSettings, createKafka } from './kafka-settings';
import { messagingMetrics } from './metrics';
import { TopicSpec, ensureTopics } from './topic-admin';
import { consumeInSpan, startTracing } from './tracing';
import { checkReplay } from './dlq-replay';
import { RecordOutcome, runInKeyLanes } from './key-lanes';

export interface KafkaEventServerOptions {
  kafka: KafkaSettings;
  /** Stable, readable consumer group id (e.g. `intake`): operators watch lag per group. No postfix is added. */
  groupId: string;
  publisher: EventPublisher;
  /** `@EventPattern` names that stand for several topics, e.g. `partner-inbound` → every partner's inbound topic. */
  patternTopics?: Record<string, string[]>;
  /**
   * Patterns whose topics carry partners' traffic, which may arrive as a backlog (e.g. `partner-inbound`). When set,
   * their topics are consumed in the group `groupId` and every other topic (internal events: decisions to answer,
   * replies to send) by a second consumer in the group `<groupId>.internal`, so that a backlog on a partner's topic
   * never holds back the rest (kafkajs fetches again only when every batch of the last fetch is done).
   */
  backlogPatterns?: string[];
  /** Topics this service publishes to without consuming them: created at start like the rest. */
  extraTopics?: TopicSpec[];
  /** Partition counts for the topics this server subscribes to (default: internal topics' count). */
  partitionsFor?: (topic: string) => number;
  /** Attempts per record for transient errors before it is dead-lettered. */
  maxAttempts?: number;
  retryBackoffMs?: number;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  /** Partitions (batches) worked on at the same time by each consumer (default 3). */
  partitionsConsumedConcurrently?: number;
  /**
   * Keys of one batch worked on at the same time (default 8); one key's records always one after another. More only
   * queue at the store: with 16, a hostile backlog went no faster and each record took twice as long.
   */
  keysConsumedConcurrently?: number;
  /**
   * Most bytes fetched per partition (default: the broker's largest record batch). Never less than the largest
   * batch a producer may write: the broker returns a batch over this limit only for the first partition of a fetch
   * that has data, and kafkajs asks for the partitions always in the same order, so the others would wait, each
   * until it happens to be first (seconds, under a backlog of large records).
   */
  maxBytesPerPartition?: number;
  /**
   * How long a batch starts new records (default 300 ms); those not started by then are fetched again. kafkajs
   * fetches again only when every batch of the last fetch is done, so one partition's long batch would hold all the
   * others of the consumer: the budget keeps each round short, whatever a batch holds.
   */
  batchTimeBudgetMs?: number;
  /**
   * A batch opens its key lanes one by one: one more per record done, and one more every this many ms (default 25:
   * all 8 within 175 ms, well inside the batch's time budget). See key-lanes.ts.
   */
  laneOpeningMs?: number;
  fromBeginning?: boolean;
  /** DLQ_REPLAY_KEY: verifies the time of receipt a record replayed from a dead-letter topic carries (see dlq-replay.ts). */
  replayKey?: string;
  /**
   * Resolves when the store answers (e.g. a ping). While a handler fails because the store is unreachable, its
   * partition is paused and resumed once this resolves; without it, the partition is resumed after a backoff and
   * the record tried again.
   */
  storeProbe?: () => Promise<unknown>;
  /** First and longest wait between probes of an unreachable store (default 1 000 and 10 000 ms). */
  storeRetryMs?: { first: number; max: number };
}

/** Headers added to a dead-lettered record, so it can be inspected and replayed (the topic as named on the broker, namespace included). */
export const DLQ_HEADERS = {
  topic: 'dlq_original_topic',
  partition: 'dlq_original_partition',
  offset: 'dlq_original_offset',
  group: 'dlq_consumer_group',
  error: 'dlq_error',
  errorKind: 'dlq_error_kind',
  attempts: 'dlq_attempts',
  failedAt: 'dlq_failed_at',
  /** The original record's timestamp (its time of receipt, kept by a replay). */
  timestamp: 'dlq_original_timestamp',
} as const;

/**
 * A NestJS transport strategy over kafkajs with the semantics the platform needs, which the stock Kafka
 * transport lacks: one consumer group per process with a stable id; topics created explicitly; every
 * `@EventPattern` handler awaited before its offset is committed; permanent errors dead-lettered at once and
 * transient ones retried a bounded number of times (then dead-lettered), so one bad record never blocks its
 * partition; heartbeats while a handler works; and a close() that stops fetching and lets in-flight work finish.
 *
 * Records are consumed in batches (`eachBatch`): within a partition's batch, the records of one key are handled one
 * after another in offset order and different keys side by side (key-lanes.ts), so that their store round trips
 * overlap instead of queueing; offsets are resolved and committed as the prefix of done records advances.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger(KafkaEventServer.name);
  private consumers: { groupId: string; consumer: Consumer }[] = [];
  private readonly deadLetterTopic: string;
  private readonly namespace?: string;
  /** Partitions paused because the store is unreachable, each with its pending resume. */
  private readonly waitingForStore = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly options: KafkaEventServerOptions) {
    super();
    this.deadLetterTopic = deadLetterTopic(options.groupId);
    startTracing();
    this.namespace = options.kafka.namespace;
  }

  /** The topics this server consumes (as named on the broker), resolved from the registered handler patterns. */
  subscribedTopics(): string[] {
    return this.consumerGroups().flatMap((group) => group.topics);
  }

  /**
   * The consumer groups this server runs and the topics (as named on the broker) each consumes: `groupId` alone, or
   * with `backlogPatterns`, `groupId` for those patterns' topics and `<groupId>.internal` for the others.
   */
  consumerGroups(): { groupId: string; topics: string[] }[] {
    const topicsOf = (patterns: string[]) =>
      patterns
        .flatMap((pattern) => this.options.patternTopics?.[pattern] ?? [pattern])
        .map((topic) => namespacedTopic(topic, this.namespace));
    const patterns = [...this.messageHandlers.keys()];
    const backlog = this.options.backlogPatterns;
    if (!backlog) return [{ groupId: this.options.groupId, topics: topicsOf(patterns) }];
    return [
      { groupId: this.options.groupId, topics: topicsOf(patterns.filter((p) => backlog.includes(p))) },
      { groupId: internalGroup(this.options.groupId), topics: topicsOf(patterns.filter((p) => !backlog.includes(p))) },
    ].filter((group) => group.topics.length > 0);
  }

  /** Partitions currently paused until the store answers, as `topic[partition]`. */
  partitionsWaitingForStore(): string[] {
    return [...this.waitingForStore.keys()];
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    // Several services starting together race to create and elect topics: a few attempts absorb that.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.start();
        return callback();
      } catch (error) {
        await Promise.all(this.consumers.map(({ consumer }) => consumer.disconnect().catch(() => undefined)));
        this.consumers = [];
        if (attempt >= 5) return callback(error);
        this.logger.warn(`start attempt ${attempt} failed (${describeError(error)}); retrying`);
        await sleep(1000 * attempt);
      }
    }
  }

  /** Three heartbeats at least within a session (3 s, or a third of a shorter session timeout). */
  private heartbeatIntervalMs(): number {
    return this.options.heartbeatIntervalMs ?? Math.min(3_000, Math.floor((this.options.sessionTimeoutMs ?? 30_000) / 3));
  }

  private async start(): Promise<void> {
    const topics = this.subscribedTopics();
    const partitionsFor = this.options.partitionsFor ?? (() => TOPIC_PARTITIONS.internal);
    const specs: TopicSpec[] = [
      ...topics.map((topic) => ({ topic, partitions: partitionsFor(logicalTopic(topic, this.namespace)) })),
      { topic: this.deadLetterTopic, partitions: TOPIC_PARTITIONS.deadLetter },
      ...(this.options.extraTopics ?? []).map((s) => ({ ...s, topic: namespacedTopic(s.topic, this.namespace) })),
    ];
    await ensureTopics(createKafka(this.options.kafka), specs);

    // One kafkajs client per consumer group, and one consumer per group: several consumers of one group in one
    // process rebalance each other without end while a batch is worked on.
    for (const { groupId, topics: groupTopics } of this.consumerGroups()) {
      if (groupId !== this.options.groupId) await this.inheritPositions(this.options.groupId, groupId, groupTopics);
      const consumer = createKafka(this.options.kafka).consumer({
        groupId,
        sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
        heartbeatInterval: this.heartbeatIntervalMs(),
        allowAutoTopicCreation: false,
        retry: { retries: 10 },
        maxBytesPerPartition: this.options.maxBytesPerPartition ?? BROKER_MAX_BATCH_BYTES,
      });
      this.consumers.push({ groupId, consumer });
      await consumer.connect();
      await consumer.subscribe({ topics: groupTopics, fromBeginning: this.options.fromBeginning ?? true });
      await consumer.run({
        autoCommit: true,
        // Committed at the latest a second after a record is resolved, and at the end of every batch.
        autoCommitInterval: 1_000,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
        eachBatch: (payload) => this.handleBatch(groupId, payload),
      });
      this.logger.log(`consumer group "${groupId}" consuming ${groupTopics.length} topic(s)`);
    }
  }

  /**
   * A second group that has no committed position yet starts where the service's group stood on its topics (a
   * deployment that consumed them in one group, or a group moved to the topics' end), not at their beginning.
   * Nothing is done when it has positions of its own, or when another instance is already consuming in it.
   */
  private async inheritPositions(from: string, to: string, topics: string[]): Promise<void> {
    const admin = createKafka(this.options.kafka).admin();
    await admin.connect();
    try {
      const own = await admin.fetchOffsets({ groupId: to, topics });
      if (own.some(({ partitions }) => partitions.some((p) => Number(p.offset) >= 0))) return;
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId: from, topics })) {
        const known = partitions.filter((p) => Number(p.offset) >= 0).map(({ partition, offset }) => ({ partition, offset }));
        if (known.length > 0) await admin.setOffsets({ groupId: to, topic, partitions: known });
      }
    } catch (error) {
      this.logger.warn(`group "${to}" did not take the positions of "${from}": ${describeError(error)}`);
    } finally {
      await admin.disconnect();
    }
  }

  /**
   * One partition's batch: the records of one key one after another in offset order, different keys side by side
   * (key-lanes.ts), each through handle(); offsets resolved and committed as the prefix of done records advances.
   * Records are started for `batchTimeBudgetMs` only; the rest are fetched again in the next round.
   * Once a heartbeat fails (the group is rebalancing, or this member was dropped), the batch starts no other record
   * and ends when the running ones are done, so that the consumer rejoins quickly; the rest is fetched again.
   */
  private async handleBatch(groupId: string, payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, commitOffsetsIfNecessary, isRunning, isStale, pause } = payload;
    let rejoin = false;
    const heartbeat = () =>
      payload.heartbeat().catch(() => {
        rejoin = true;
      });
    const pacemaker = setInterval(heartbeat, this.heartbeatIntervalMs());
    const startBy = Date.now() + (this.options.batchTimeBudgetMs ?? 300);
    try {
      await runInKeyLanes({
        messages: batch.messages,
        concurrency: this.options.keysConsumedConcurrently ?? 8,
        startBy,
        laneOpeningMs: this.options.laneOpeningMs ?? 25,
        mayContinue: () => isRunning() && !isStale() && !this.closed && !rejoin,
        handle: (message) =>
          consumeInSpan({ topic: batch.topic, partition: batch.partition, message }, groupId, () =>
            this.handle(groupId, batch.topic, batch.partition, message, heartbeat, pause),
          ),
        resolved: async (offset) => {
          resolveOffset(offset);
          await commitOffsetsIfNecessary();
        },
      });
      // A heartbeat failed: heartbeat once more without catching, so that kafkajs sees the rebalance and rejoins.
      if (rejoin) await payload.heartbeat();
    } finally {
      clearInterval(pacemaker);
    }
  }

  /** The handler pattern of a broker topic; handlers see logical topic names, whatever the namespace. */
  private patternOf(brokerTopic: string): string | undefined {
    const topic = logicalTopic(brokerTopic, this.namespace);
    if (this.messageHandlers.has(topic)) return topic;
    return Object.entries(this.options.patternTopics ?? {}).find(([, list]) =>
      list.some((t) => namespacedTopic(t, this.namespace) === brokerTopic),
    )?.[0];
  }

  /**
   * Resolves only when the record is done with: handled, or safely on the dead-letter topic. A store outage is
   * back-pressure, not the record's fault: the partition is paused (its lag grows, nothing is committed) and
   * resumed when the store answers, and the record is tried again as if new; no attempt is counted.
   */
  private async handle(
    groupId: string,
    brokerTopic: string,
    partition: number,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
    pause: EachBatchPayload['pause'],
  ): Promise<RecordOutcome> {
    const topic = logicalTopic(brokerTopic, this.namespace);
    const pattern = this.patternOf(brokerTopic);
    const handler = pattern ? this.getHandlerByPattern(pattern) : null;
    const stopTimer = messagingMetrics.duration.startTimer({ topic });
    const maxAttempts = this.options.maxAttempts ?? 5;
    try {
      if (!handler) {
        await this.deadLetter(groupId, brokerTopic, partition, message, new Error(`no handler for topic ${topic}`), 'permanent', 0);
        return 'done';
      }
      for (let attempt = 1; ; attempt++) {
        const record: ConsumedRecord = {
          topic,
          partition,
          offset: message.offset,
          key: message.key,
          value: message.value,
          headers: (message.headers ?? {}) as ConsumedRecord['headers'],
          timestamp: this.receiptTimestamp(brokerTopic, message),
          attempt,
          heartbeat,
        };
        try {
          await lastValueFrom(this.transformToObservable(await handler(record)), { defaultValue: undefined });
          messagingMetrics.handled.inc({ topic });
          this.logger.debug(`${topic}[${partition}]@${message.offset} handled`);
          return 'done';
        } catch (error) {
          messagingMetrics.failed.inc({ topic });
          if (!isPermanent(error) && isStoreUnavailable(error)) {
            this.waitForStore(brokerTopic, partition, pause, describeError(error));
            return 'stop'; // not resolved: fetched again from this offset once resumed
          }
          const permanent = isPermanent(error);
          this.logger.warn(
            `${topic}[${partition}]@${message.offset} attempt ${attempt}/${maxAttempts} failed` +
              ` (${permanent ? 'permanent' : 'transient'}): ${describeError(error)}`,
          );
          if (permanent || attempt >= maxAttempts) {
            await this.deadLetter(groupId, brokerTopic, partition, message, error, permanent ? 'permanent' : 'transient', attempt);
            return 'done';
          }
          await sleep(Math.min((this.options.retryBackoffMs ?? 200) * 2 ** (attempt - 1), 5_000));
          await heartbeat();
        }
      }
    } finally {
      stopTimer();
    }
  }

  /** Pauses the partition and resumes it once the store answers (or after a backoff when there is no probe). */
  private waitForStore(topic: string, partition: number, pause: EachBatchPayload['pause'], reason: string): void {
    const name = `${topic}[${partition}]`;
    const resume = pause();
    if (this.waitingForStore.has(name)) return;
    messagingMetrics.storeWaits.inc({ topic });
    this.logger.warn(`${name}: the store is unreachable (${reason}); partition paused until it answers`);
    const { first, max } = this.options.storeRetryMs ?? { first: 1_000, max: 10_000 };
    const probe = this.options.storeProbe;
    const attempt = (delay: number) => {
      const timer = setTimeout(async () => {
        if (this.closed) return;
        try {
          if (probe) await probe();
        } catch {
          return attempt(Math.min(delay * 2, max));
        }
        this.waitingForStore.delete(name);
        this.logger.log(`${name}: the store answers again; partition resumed`);
        resume();
      }, delay);
      timer.unref();
      this.waitingForStore.set(name, timer);
    };
    attempt(first);
  }

  /**
   * If the dead-letter publish itself fails, this throws: kafkajs then redelivers, and nothing is lost. A record too
   * large to be dead-lettered whole (an oversized partner record plus the dead-letter headers) goes with its
   * headers cut to 1 000 characters and its value cut to fit, marked `dlq_truncated`.
   */
  private async deadLetter(
    groupId: string,
    topic: string,
    partition: number,
    message: KafkaMessage,
    error: unknown,
    kind: 'permanent' | 'transient',
    attempts: number,
  ): Promise<void> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(message.headers ?? {})) {
      const first = Array.isArray(value) ? value[0] : value;
      if (first !== undefined) headers[name] = Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
    }
    Object.assign(headers, {
      [DLQ_HEADERS.topic]: topic,
      [DLQ_HEADERS.partition]: String(partition),
      [DLQ_HEADERS.offset]: message.offset,
      [DLQ_HEADERS.group]: groupId,
      [DLQ_HEADERS.error]: describeError(error).slice(0, 2000),
      [DLQ_HEADERS.errorKind]: kind,
      [DLQ_HEADERS.attempts]: String(attempts),
      [DLQ_HEADERS.failedAt]: new Date().toISOString(),
      [DLQ_HEADERS.timestamp]: this.receiptTimestamp(topic, message),
    });
    const record: OutgoingRecord = {
      topic: this.deadLetterTopic,
      key: message.key ? message.key.toString('utf8') : `${topic}/${partition}/${message.offset}`,
      value: message.value ?? Buffer.alloc(0),
      headers,
    };
    await this.options.publisher.publish([withinBudget(record)]);
    messagingMetrics.deadLettered.inc({ topic });
    this.logger.error(`${topic}[${partition}]@${message.offset} dead-lettered to ${this.deadLetterTopic}: ${describeError(error)}`);
  }

  /**
   * The record's timestamp as its time of receipt: the broker's, or for a record replayed from a dead-letter topic
   * the original record's, when its replay stamp, signed for this topic as named on the broker, verifies (an
   * unverified stamp is ignored and logged).
   */
  private receiptTimestamp(topic: string, message: KafkaMessage): string {
    const replay = checkReplay(topic, message, this.options.replayKey);
    if (!replay.replayed) return message.timestamp;
    if (replay.valid) return replay.stamp.receivedAt;
    this.logger.warn(`${topic}@${message.offset}: replay stamp ignored (${replay.reason}); the record's own timestamp counts`);
    return message.timestamp;
  }

  /** Stops fetching, waits for in-flight handlers to finish, then leaves the group. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.waitingForStore.values()) clearTimeout(timer);
    this.waitingForStore.clear();
    const consumers = this.consumers;
    this.consumers = [];
    await Promise.all(consumers.map(({ consumer }) => consumer.disconnect()));
  }

  on(): never {
    throw new Error('KafkaEventServer does not emit status events');
  }

  /** The kafkajs consumers, one per consumer group. */
  unwrap<T>(): T {
    return this.consumers.map(({ consumer }) => consumer) as T;
  }
}

/** A dead-letter record cut to the size budget, saying so: dead-lettering must never fail for size. */
function withinBudget(record: OutgoingRecord): OutgoingRecord {
  if (recordBytes(record) <= RECORD_BUDGET_BYTES) return record;
  const originalBytes = Buffer.byteLength(record.value);
  const headers = Object.fromEntries(Object.entries(record.headers).map(([name, value]) => [name.slice(0, 200), value.slice(0, 1000)]));
  const key = record.key.slice(0, 1000);
  const room = RECORD_BUDGET_BYTES - recordBytes({ key, headers }) - 200;
  const value = Buffer.from(record.value).subarray(0, Math.max(0, room));
  return { ...record, key, value, headers: { ...headers, dlq_truncated: `value ${originalBytes} bytes, kept ${value.length}` } };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
