import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Admin, Kafka, Producer } from 'kafkajs';
import { RECORD_BUDGET_BYTES, namespacedTopic, recordBytes } from '@readmission/contracts';
import { RecordTooLargeError, isTooLargeForBroker } from './errors';
import { KafkaSettings, createKafka } from './kafka-settings';
import { TopicSpec, ensureTopics } from './topic-admin';
import { messagingMetrics } from './metrics';
import { withTraceContext } from './tracing';

export const KAFKA_SETTINGS = Symbol('KAFKA_SETTINGS');

/** A record to publish. Plain data, so that it can also wait in a document's outbox. */
export interface OutgoingRecord {
  topic: string;
  key: string;
  value: string | Buffer;
  headers: Record<string, string>;
}

/**
 * The process's one producer: acks from all in-sync replicas, one request in flight (records keep their order),
 * and every send awaited so a failure reaches the caller instead of vanishing.
 *
 * Not kafkajs's idempotent mode: when the broker takes some partitions of a request and refuses others (a broker
 * starting up, not yet leader of every partition; a record too large for its topic), kafkajs 2.2 rolls back the
 * sequence numbers of every partition in the request, so the next record on a partition that was written reuses a
 * sequence number and the broker drops it as a duplicate while acknowledging it: a silent loss (found by
 * `npm run faults`, shown in record-size.int-spec.ts). Without it a retry may write a record twice; every consumer
 * is idempotent (the inbox knows each ce_id) and partners drop a repeated ce_id.
 */
@Injectable()
export class EventPublisher implements OnApplicationShutdown {
  private readonly logger = new Logger(EventPublisher.name);
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private connected?: Promise<void>;
  private readonly namespace?: string;

  constructor(@Inject(KAFKA_SETTINGS) settings: KafkaSettings) {
    this.kafka = createKafka(settings);
    this.namespace = settings.namespace;
    this.producer = this.kafka.producer({ idempotent: false, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  }

  /**
   * Publishes the records (internal topics under the namespace, if any). A record over the size budget, or a batch
   * the broker refuses as too large, throws RecordTooLargeError: permanent, so that nobody retries it.
   */
  async publish(records: OutgoingRecord[]): Promise<void> {
    if (records.length === 0) return;
    assertWithinBudget(records);
    await this.connect();
    const byTopic = new Map<string, OutgoingRecord[]>();
    for (const r of records) {
      const topic = namespacedTopic(r.topic, this.namespace);
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), r]);
    }
    try {
      await this.producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, list]) => ({
          topic,
          messages: list.map((r) => ({ key: r.key, value: r.value, headers: withTraceContext(r.headers) })),
        })),
      });
    } catch (error) {
      if (!isTooLargeForBroker(error)) throw error;
      const sizes = records.map((r) => `${r.topic}/${r.key}: ${recordBytes(r)} bytes`).join(', ');
      throw new RecordTooLargeError(`the broker refused the batch as too large (${sizes})`);
    }
    for (const r of records) messagingMetrics.published.inc({ topic: r.topic });
  }

  /** The name a (logical) topic has on the broker for this deployment. */
  brokerTopic(topic: string): string {
    return namespacedTopic(topic, this.namespace);
  }

  async ensureTopics(specs: TopicSpec[]): Promise<void> {
    await ensureTopics(
      this.kafka,
      specs.map((s) => ({ ...s, topic: namespacedTopic(s.topic, this.namespace) })),
    );
  }

  /**
   * For the readiness check: can the cluster be reached right now? One admin client, connected on first use and
   * kept (a probe every few seconds must not open a connection each time); dropped after a failure, so that the
   * next probe connects afresh.
   */
  async ping(): Promise<void> {
    this.admin ??= this.connectAdmin();
    const admin = this.admin;
    try {
      await (await admin).describeCluster();
    } catch (error) {
      if (this.admin === admin) this.admin = undefined;
      void admin.then((a) => a.disconnect()).catch(() => undefined);
      throw error;
    }
  }

  private admin?: Promise<Admin>;

  private async connectAdmin(): Promise<Admin> {
    const admin = this.kafka.admin();
    await admin.connect();
    return admin;
  }

  async onApplicationShutdown(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.then((a) => a.disconnect()).catch(() => undefined);
    if (!this.connected) return;
    await this.producer.disconnect().catch((e: Error) => this.logger.warn(`producer disconnect: ${e.message}`));
    this.connected = undefined;
  }

  private connect(): Promise<void> {
    this.connected ??= this.producer.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    return this.connected;
  }
}

/**
 * Refuses a record over RECORD_BUDGET_BYTES before it is queued or sent: the broker would refuse it anyway, and
 * a write that queued it in an outbox would then leave it pending for ever.
 */
export function assertWithinBudget(records: OutgoingRecord[]): void {
  for (const r of records) {
    const bytes = recordBytes(r);
    if (bytes > RECORD_BUDGET_BYTES) {
      throw new RecordTooLargeError(
        `a ${r.headers?.ce_type ?? 'record'} for ${r.topic} (key ${r.key.slice(0, 100)}) is ${bytes} bytes; the budget is ${RECORD_BUDGET_BYTES}`,
      );
    }
  }
}
