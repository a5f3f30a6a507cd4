import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Kafka, Producer } from 'kafkajs';
import { KafkaSettings, createKafka } from './kafka-settings';
import { TopicSpec, ensureTopics } from './topic-admin';
import { messagingMetrics } from './metrics';

export const KAFKA_SETTINGS = Symbol('KAFKA_SETTINGS');

/** A record to publish. Plain data, so that it can also wait in a document's outbox. */
export interface OutgoingRecord {
  topic: string;
  key: string;
  value: string | Buffer;
  headers: Record<string, string>;
}

/**
 * The process's one producer: idempotent (no duplicates from producer retries), acks from all in-sync
 * replicas, and every send awaited so a failure reaches the caller instead of vanishing.
 */
@Injectable()
export class EventPublisher implements OnApplicationShutdown {
  private readonly logger = new Logger(EventPublisher.name);
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private connected?: Promise<void>;

  constructor(@Inject(KAFKA_SETTINGS) settings: KafkaSettings) {
    this.kafka = createKafka(settings);
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  }

  async publish(records: OutgoingRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.connect();
    const byTopic = new Map<string, OutgoingRecord[]>();
    for (const r of records) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic,
        messages: list.map((r) => ({ key: r.key, value: r.value, headers: r.headers })),
      })),
    });
    for (const r of records) messagingMetrics.published.inc({ topic: r.topic });
  }

  async ensureTopics(specs: TopicSpec[]): Promise<void> {
    await ensureTopics(this.kafka, specs);
  }

  /** For GET /health: can the cluster be reached right now? */
  async ping(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.describeCluster();
    } finally {
      await admin.disconnect();
    }
  }

  async onApplicationShutdown(): Promise<void> {
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
