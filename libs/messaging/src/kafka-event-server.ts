import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { Consumer, EachMessagePayload, Kafka } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { TOPIC_PARTITIONS, deadLetterTopic } from '@readmission/contracts';
import { ConsumedRecord } from './consumed-record';
import { describeError, isPermanent } from './errors';
import { EventPublisher, OutgoingRecord } from './event-publisher';
import { KafkaSettings, createKafka } from './kafka-settings';
import { messagingMetrics } from './metrics';
import { TopicSpec, ensureTopics } from './topic-admin';

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
}

/** Headers added to a dead-lettered record, so it can be inspected and replayed. */
export const DLQ_HEADERS = {
  topic: 'dlq_original_topic',
  partition: 'dlq_original_partition',
  offset: 'dlq_original_offset',
  group: 'dlq_consumer_group',
  error: 'dlq_error',
  errorKind: 'dlq_error_kind',
  attempts: 'dlq_attempts',
  failedAt: 'dlq_failed_at',
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

  constructor(private readonly options: KafkaEventServerOptions) {
    super();
    this.kafka = createKafka(options.kafka);
    this.deadLetterTopic = deadLetterTopic(options.groupId);
  }

  /** The topics this server consumes, resolved from the registered handler patterns. */
  subscribedTopics(): string[] {
    return [...this.messageHandlers.keys()].flatMap((pattern) => this.options.patternTopics?.[pattern] ?? [pattern]);
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

  private async start(): Promise<void> {
    const topics = this.subscribedTopics();
    const partitionsFor = this.options.partitionsFor ?? (() => TOPIC_PARTITIONS.internal);
    const specs: TopicSpec[] = [
      ...topics.map((topic) => ({ topic, partitions: partitionsFor(topic) })),
      { topic: this.deadLetterTopic, partitions: TOPIC_PARTITIONS.deadLetter },
      ...(this.options.extraTopics ?? []),
    ];
    await ensureTopics(this.kafka, specs);

    const sessionTimeout = this.options.sessionTimeoutMs ?? 30_000;
    this.consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout,
      heartbeatInterval: this.options.heartbeatIntervalMs ?? 3_000,
      allowAutoTopicCreation: false,
      retry: { retries: 10 },
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({
      autoCommit: true,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachMessage: (payload) => this.handle(payload),
    });
    this.logger.log(`consumer group "${this.options.groupId}" consuming ${topics.length} topic(s)`);
  }

  private patternOf(topic: string): string | undefined {
    if (this.messageHandlers.has(topic)) return topic;
    return Object.entries(this.options.patternTopics ?? {}).find(([, list]) => list.includes(topic))?.[0];
  }

  /** Resolves only when the record is done with: handled, or safely on the dead-letter topic. */
  private async handle({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    const pattern = this.patternOf(topic);
    const handler = pattern ? this.getHandlerByPattern(pattern) : null;
    const stopTimer = messagingMetrics.duration.startTimer({ topic });
    const maxAttempts = this.options.maxAttempts ?? 5;
    const pacemaker = setInterval(() => heartbeat().catch(() => undefined), this.options.heartbeatIntervalMs ?? 3_000);
    try {
      if (!handler) {
        await this.deadLetter(topic, partition, message, new Error(`no handler for topic ${topic}`), 'permanent', 0);
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
          timestamp: message.timestamp,
          attempt,
          heartbeat,
        };
        try {
          await lastValueFrom(this.transformToObservable(await handler(record)), { defaultValue: undefined });
          messagingMetrics.handled.inc({ topic });
          return;
        } catch (error) {
          messagingMetrics.failed.inc({ topic });
          const permanent = isPermanent(error);
          this.logger.warn(
            `${topic}[${partition}]@${message.offset} attempt ${attempt}/${maxAttempts} failed` +
              ` (${permanent ? 'permanent' : 'transient'}): ${describeError(error)}`,
          );
          if (permanent || attempt >= maxAttempts) {
            await this.deadLetter(topic, partition, message, error, permanent ? 'permanent' : 'transient', attempt);
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

  /** If the dead-letter publish itself fails, this throws: kafkajs then redelivers, and nothing is lost. */
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
    });
    const record: OutgoingRecord = {
      topic: this.deadLetterTopic,
      key: message.key ? message.key.toString('utf8') : `${topic}/${partition}/${message.offset}`,
      value: message.value ?? Buffer.alloc(0),
      headers,
    };
    await this.options.publisher.publish([record]);
    messagingMetrics.deadLettered.inc({ topic });
    this.logger.error(`${topic}[${partition}]@${message.offset} dead-lettered to ${this.deadLetterTopic}: ${describeError(error)}`);
  }

  /** Stops fetching, waits for in-flight handlers to finish, then leaves the group. */
  async close(): Promise<void> {
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

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
