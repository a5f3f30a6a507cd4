import { randomUUID } from 'crypto';
import { Consumer, Kafka, KafkaMessage, Producer, logLevel } from 'kafkajs';
import { ensureTopics } from '@readmission/messaging';

/** A test's own Kafka client: publish raw records, and collect what appears on topics. */
export class KafkaTestClient {
  readonly kafka: Kafka;
  private producer?: Producer;
  private readonly consumers: Consumer[] = [];

  constructor(brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092') {
    this.kafka = new Kafka({ clientId: `test-${randomUUID().slice(0, 8)}`, brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  }

  /** Creates topics as the services do (ensureTopics applies the platform's topic settings). */
  async createTopics(topics: string[], partitions = 3): Promise<void> {
    await ensureTopics(
      this.kafka,
      topics.map((topic) => ({ topic, partitions })),
    );
  }

  async send(
    topic: string,
    records: { key?: string | null; value: string | Buffer | null; headers?: Record<string, string>; partition?: number }[],
  ): Promise<void> {
    if (!this.producer) {
      this.producer = this.kafka.producer({ allowAutoTopicCreation: false });
      await this.producer.connect();
    }
    await this.producer.send({ topic, acks: -1, messages: records });
  }

  /**
   * Commits a new consumer group's offsets at the current end of the topics, so that a service started with it
   * sees only what the test publishes (shared partner topics hold every earlier run's records). Deterministic,
   * unlike starting from `latest`, which races with the test's first records.
   */
  async startGroupAtEnd(groupId: string, topics: string[]): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    // Topics created a moment ago may not have a known leader in this client's metadata yet: ask again.
    const endsOf = async (topic: string) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return (await admin.fetchTopicOffsets(topic)).map((o) => ({ topic, partition: o.partition, offset: o.high }));
        } catch (error) {
          if (attempt >= 20) throw error;
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    };
    const ends = (await Promise.all(topics.map(endsOf))).flat();
    await admin.disconnect();
    // One short-lived member joins the group and commits every end offset at once (kafkajs' admin.setOffsets
    // joins the group once per topic, seconds each).
    const consumer = this.kafka.consumer({ groupId, allowAutoTopicCreation: false });
    await consumer.connect();
    try {
      const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
      await consumer.subscribe({ topics, fromBeginning: false });
      await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
      await joined;
      consumer.pause(topics.map((topic) => ({ topic })));
      await consumer.commitOffsets(ends.map((e) => ({ ...e, offset: e.offset })));
    } finally {
      await consumer.disconnect();
    }
    // The service's consumer must not join while this member is still in the group: the leader would hand it an
    // assignment made for this member's topics (kafkajs: "received unsubscribed topics") and it would idle.
    const check = this.kafka.admin();
    await check.connect();
    try {
      await waitUntil(
        async () => ['Empty', 'Dead'].includes((await check.describeGroups([groupId])).groups[0]?.state ?? ''),
        30_000,
        () => `group ${groupId} did not empty`,
      );
    } finally {
      await check.disconnect();
    }
  }

  /**
   * Starts collecting every record of the topics from the beginning; with `since` (epoch ms), only the records
   * appended from then on: topics that several test runs share on one broker keep earlier runs' records, whose
   * identifiers (e.g. case numbers drawn from a small block) can repeat this run's.
   */
  async collect(topics: string[], options: { since?: number } = {}): Promise<Collector> {
    const consumer = this.kafka.consumer({ groupId: `test-collector-${randomUUID()}`, allowAutoTopicCreation: false });
    this.consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    const collector = new Collector();
    const since = options.since ?? 0;
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        if (Number(message.timestamp) >= since) collector.add({ topic, partition, ...message });
      },
    });
    return collector;
  }

  /** Removes what a test made on the broker: its consumer groups, then its topics (either ignored when already gone). */
  async removeGroupsAndTopics(groups: string[], topics: string[]): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    await admin.deleteGroups(groups).catch(() => undefined);
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  }

  async close(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.disconnect()));
    await this.producer?.disconnect();
  }
}

export type CollectedRecord = KafkaMessage & {
  topic: string;
  partition: number;
};

export class Collector {
  readonly records: CollectedRecord[] = [];
  add(record: CollectedRecord): void {
    this.records.push(record);
  }
  header(record: CollectedRecord, name: string): string | undefined {
    return record.headers?.[name]?.toString();
  }
  json<T = Record<string, unknown>>(record: CollectedRecord): T {
    return JSON.parse(record.value!.toString()) as T;
  }
  /** Waits until `count` records match, or fails after `timeoutMs` with what was seen. */
  async waitFor(match: (r: CollectedRecord) => boolean, count = 1, timeoutMs = 30_000): Promise<CollectedRecord[]> {
    return waitUntil(
      () => {
        const found = this.records.filter(match);
        return found.length >= count ? found : undefined;
      },
      timeoutMs,
      () =>
        `expected ${count} matching record(s); saw ${this.records.length}: ${this.records.map((r) => `${r.topic}:${r.key}`).join(', ')}`,
    );
  }
}

export async function waitUntil<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 30_000,
  explain = () => 'condition not met',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${explain()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
