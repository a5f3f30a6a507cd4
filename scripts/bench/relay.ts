// The baseline: the same number of Kafka hops as an application's path through the platform, done by bare
// kafkajs relays (consume, produce to the next topic, nothing else). The gap to the platform's figures is what
// the services' own work costs (validation, store writes, outbox), not the broker.
import { Consumer, Kafka, Producer } from 'kafkajs';
import { TOPIC_PARTITIONS } from '@readmission/contracts';
import { ensureTopics } from '@readmission/messaging';
import { waitUntil } from '@readmission/testing';
import { BenchRecord, joined, now, publishPaced } from './kafka';
import { FlowFigures, flowFigures } from './stats';

export const RELAY_HOPS = 3;

export interface RelayOptions {
  kafka: Kafka;
  run: string;
  /** Records to send, each of the size of an application record (key, value and headers). */
  records: BenchRecord[];
  ratePerSecond: number;
  timeoutMs: number;
  /** Publish everything first, then start the relays (the platform's backlog mode). */
  backlog?: boolean;
}

export interface RelayFigures extends FlowFigures {
  /** Backlog mode: milliseconds from the relays' start to the last arrival. */
  drainMs?: number;
}

export async function runRelay({ kafka, run, records, ratePerSecond, timeoutMs, backlog = false }: RelayOptions): Promise<RelayFigures> {
  const topics = Array.from({ length: RELAY_HOPS + 1 }, (_, i) => `bench.relay.${run}.hop${i}`);
  const groupIds = [...Array.from({ length: RELAY_HOPS }, (_, i) => `bench-relay-${run}-hop${i}`), `bench-relay-${run}-sink`];
  const consumers: Consumer[] = [];
  const producers: Producer[] = [];
  const admin = kafka.admin();
  await admin.connect();
  // Same partition count as partner topics, created explicitly like the platform's (brokers do not auto-create).
  await ensureTopics(
    kafka,
    topics.map((topic) => ({ topic, partitions: TOPIC_PARTITIONS.partner })),
  );
  const sentAt = new Map<string, number>();
  const source = kafka.producer({ allowAutoTopicCreation: false });
  await source.connect();
  producers.push(source);
  try {
    if (backlog) await publishPaced(source, topics[0], records, 0, (key, at) => sentAt.set(key, at));
    const relaysStart = now();
    const joins: Promise<void>[] = [];
    for (let hop = 0; hop < RELAY_HOPS; hop++) {
      // Each relay has its own producer with the platform publisher's settings (event-publisher.ts): one request in
      // flight, acks from all replicas.
      const producer = kafka.producer({ idempotent: false, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      await producer.connect();
      producers.push(producer);
      const consumer = kafka.consumer({ groupId: groupIds[hop], allowAutoTopicCreation: false });
      consumers.push(consumer);
      await consumer.connect();
      await consumer.subscribe({ topic: topics[hop], fromBeginning: true });
      joins.push(joined(consumer));
      const target = topics[hop + 1];
      await consumer.run({
        partitionsConsumedConcurrently: 3, // as the services' consumers
        eachMessage: async ({ message }) => {
          await producer.send({
            topic: target,
            acks: -1,
            messages: [{ key: message.key, value: message.value, headers: message.headers }],
          });
        },
      });
    }

    // The sink notes arrival after one hop (as an acknowledgement) and after all hops (as a decision).
    const firstAt = new Map<string, number>();
    const lastAt = new Map<string, number>();
    const sink = kafka.consumer({ groupId: groupIds[RELAY_HOPS], allowAutoTopicCreation: false });
    consumers.push(sink);
    await sink.connect();
    await sink.subscribe({ topics: [topics[1], topics[RELAY_HOPS]], fromBeginning: true });
    joins.push(joined(sink));
    await sink.run({
      partitionsConsumedConcurrently: 3,
      eachMessage: async ({ topic, message }) => {
        const key = message.key?.toString() ?? '';
        const arrivals = topic === topics[1] ? firstAt : lastAt;
        if (!arrivals.has(key)) arrivals.set(key, now());
      },
    });
    await Promise.all(joins);

    if (!backlog) await publishPaced(source, topics[0], records, ratePerSecond, (key, at) => sentAt.set(key, at));
    await waitUntil(() => lastAt.size >= records.length, timeoutMs).catch(() => undefined); // shortfall shows in the figures
    const figures: RelayFigures = flowFigures(sentAt, firstAt, lastAt);
    if (backlog && lastAt.size > 0) figures.drainMs = Math.round([...lastAt.values()].reduce((a, b) => Math.max(a, b)) - relaysStart);
    return figures;
  } finally {
    await Promise.all(consumers.map((c) => c.disconnect().catch(() => undefined)));
    await Promise.all(producers.map((p) => p.disconnect().catch(() => undefined)));
    await admin.deleteGroups(groupIds).catch(() => undefined);
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  }
}
