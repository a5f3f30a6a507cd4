import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { Consumer, EachMessagePayload, Kafka } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { RECORD_BUDGET_BYTES, TOPIC_PARTITIONS, deadLetterTopic, logicalTopic, namespacedTopic, recordBytes } from '@readmission/contracts';
import { ConsumedRecord } from './consumed-record';
import { describeError, isPermanent, isStoreUnavailable } from './errors';
import { EventPublisher, OutgoingRecord } from './event-publisher';
import { KafkaSettings, createKafka } from './kafka-settings';
import { messagingMetrics } from './metrics';
import { TopicSpec, ensureTopics } from './topic-admin';
import { consumeInSpan, startTracing } from './tracing';
import { checkReplay } from './dlq-replay';

export interface KafkaEventServerOptions {
  kafka: KafkaSettings;
  /** Stable, readable consumer group id (e.g. `intake`): operators watch lag per group. No postfix is added. */
  groupId: string;
  publisher: EventPublisher;
  /** `@EventPattern` names that stand for several topics, e.g. `partner-inbound` → every partner's inbound topic. */
  patternTopics?: Record<string, string[]>;
  /** Topics this service publishes to without consuming them: created at start like the rest. */
  extraTopics?: TopicSpec[];
  /** Partition counts for the topics this server subscribes to (default: internal topics' count). */
  partitionsFor?: (topic: string) => number;
  /** Attempts per record for transient errors before it is dead-lettered. */
  maxAttempts?: number;
  retryBackoffMs?: number;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  partitionsConsumedConcurrently?: number;
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
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger(KafkaEventServer.name);
  private readonly kafka: Kafka;
  private consumer?: Consumer;
  private readonly deadLetterTopic: string;
  private readonly namespace?: string;
  /** Partitions paused because the store is unreachable, each with its pending resume. */
  private readonly waitingForStore = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly options: KafkaEventServerOptions) {
    super();
    this.kafka = createKafka(options.kafka);
    this.deadLetterTopic = deadLetterTopic(options.groupId);
    startTracing();
    this.namespace = options.kafka.namespace;
  }

  /** The topics this server consumes (as named on the broker), resolved from the registered handler patterns. */
  subscribedTopics(): string[] {
    return [...this.messageHandlers.keys()]
      .flatMap((pattern) => this.options.patternTopics?.[pattern] ?? [pattern])
      .map((topic) => namespacedTopic(topic, this.namespace));
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
        await this.consumer?.disconnect().catch(() => undefined);
        this.consumer = undefined;
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
    await ensureTopics(this.kafka, specs);

    const sessionTimeout = this.options.sessionTimeoutMs ?? 30_000;
    this.consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout,
      heartbeatInterval: this.heartbeatIntervalMs(),
      allowAutoTopicCreation: false,
      retry: { retries: 10 },
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({
      autoCommit: true,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachMessage: (payload) => consumeInSpan(payload, this.options.groupId, () => this.handle(payload)),
    });
    this.logger.log(`consumer group "${this.options.groupId}" consuming ${topics.length} topic(s)`);
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
  private async handle({ topic: brokerTopic, partition, message, heartbeat, pause }: EachMessagePayload): Promise<void> {
    const topic = logicalTopic(brokerTopic, this.namespace);
    const pattern = this.patternOf(brokerTopic);
    const handler = pattern ? this.getHandlerByPattern(pattern) : null;
    const stopTimer = messagingMetrics.duration.startTimer({ topic });
    const maxAttempts = this.options.maxAttempts ?? 5;
    const pacemaker = setInterval(() => heartbeat().catch(() => undefined), this.heartbeatIntervalMs());
    try {
      if (!handler) {
        await this.deadLetter(brokerTopic, partition, message, new Error(`no handler for topic ${topic}`), 'permanent', 0);
        return;
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
          return;
        } catch (error) {
          messagingMetrics.failed.inc({ topic });
          if (!isPermanent(error) && isStoreUnavailable(error)) {
            this.waitForStore(brokerTopic, partition, pause, describeError(error));
            throw error; // not committed: fetched again from this offset once resumed
          }
          const permanent = isPermanent(error);
          this.logger.warn(
            `${topic}[${partition}]@${message.offset} attempt ${attempt}/${maxAttempts} failed` +
              ` (${permanent ? 'permanent' : 'transient'}): ${describeError(error)}`,
          );
          if (permanent || attempt >= maxAttempts) {
            await this.deadLetter(brokerTopic, partition, message, error, permanent ? 'permanent' : 'transient', attempt);
            return;
          }
          await sleep(Math.min((this.options.retryBackoffMs ?? 200) * 2 ** (attempt - 1), 5_000));
          await heartbeat();
        }
      }
    } finally {
      clearInterval(pacemaker);
      stopTimer();
    }
  }

  /** Pauses the partition and resumes it once the store answers (or after a backoff when there is no probe). */
  private waitForStore(topic: string, partition: number, pause: EachMessagePayload['pause'], reason: string): void {
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
    topic: string,
    partition: number,
    message: EachMessagePayload['message'],
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
      [DLQ_HEADERS.group]: this.options.groupId,
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
  private receiptTimestamp(topic: string, message: EachMessagePayload['message']): string {
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
    const consumer = this.consumer;
    this.consumer = undefined;
    if (consumer) await consumer.disconnect();
  }

  on(): never {
    throw new Error('KafkaEventServer does not emit status events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
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
