// Kafka helpers shared by the platform measurement and the bare relay.
import { performance } from 'perf_hooks';
import { Admin, Consumer, Kafka, Producer, logLevel } from 'kafkajs';
import { waitUntil } from '@readmission/testing';

export interface BenchRecord {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** The benchmark's own clients stay silent: failures reach it as rejected promises, and logs could carry payloads. */
export function benchKafka(brokers: string, clientId: string): Kafka {
  return new Kafka({ clientId, brokers: brokers.split(','), logLevel: logLevel.NOTHING });
}

/** Milliseconds on a monotonic clock: publish and arrival times are taken in this process only. */
export const now = (): number => performance.now();

const MAX_BATCH = 100;

/**
 * Publishes the records in batches, at most `ratePerSecond` (0: as fast as the broker takes them), and
 * calls `sent` with each record's key and the time just before its batch left.
 */
export async function publishPaced(producer: Producer, topic: string, records: BenchRecord[], ratePerSecond: number, sent: (key: string, at: number) => void): Promise<void> {
  const start = now();
  let next = 0;
  while (next < records.length) {
    const due = ratePerSecond > 0 ? Math.min(records.length, Math.floor(((now() - start) * ratePerSecond) / 1000) + 1) : records.length;
    if (due <= next) {
      await sleep(Math.max(1, ((next * 1000) / ratePerSecond) - (now() - start)));
      continue;
    }
    const batch = records.slice(next, Math.min(due, next + MAX_BATCH));
    const at = now();
    for (const r of batch) sent(r.key, at);
    await producer.send({ topic, acks: -1, messages: batch });
    next += batch.length;
  }
}

/**
 * Commits, for new consumer groups, the current end of each topic. Services subscribe "from the beginning",
 * so a fresh group would otherwise first replay every earlier run's records and distort the figures.
 */
export async function startGroupsAtEnd(kafka: Kafka, admin: Admin, groups: { groupId: string; topics: string[] }[]): Promise<void> {
  const ends = new Map<string, { partition: number; offset: string }[]>();
  for (const topic of new Set(groups.flatMap((g) => g.topics))) {
    ends.set(topic, (await admin.fetchTopicOffsets(topic)).map((p) => ({ partition: p.partition, offset: p.high })));
  }
  // One short-lived member per group that seeks every partition (kafkajs commits a seek at its next fetch).
  // admin.setOffsets does the same but joins once per topic and waits out a full fetch each time: much slower.
  await Promise.all(
    groups.map(async ({ groupId, topics }) => {
      const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, allowAutoTopicCreation: false });
      await consumer.connect();
      try {
        await consumer.subscribe({ topics });
        const fetched = new Promise<void>((resolve) => {
          const off = consumer.on(consumer.events.FETCH, () => {
            off();
            resolve();
          });
        });
        await consumer.run({ eachBatchAutoResolve: false, eachBatch: async () => undefined });
        consumer.pause(topics.map((topic) => ({ topic })));
        for (const topic of topics) for (const p of ends.get(topic) ?? []) consumer.seek({ topic, ...p });
        await fetched;
      } finally {
        await consumer.disconnect();
      }
      const committed = await admin.fetchOffsets({ groupId, topics });
      const behind = committed.flatMap((t) => t.partitions.filter((p) => p.offset !== ends.get(t.topic)?.find((e) => e.partition === p.partition)?.offset).map((p) => `${t.topic}[${p.partition}]`));
      if (behind.length) throw new Error(`could not move consumer group ${groupId} to the end of ${behind.join(', ')}`);
    }),
  );
}

/** Waits until every group has a member and finished rebalancing, so the first records do not wait for a join. */
export async function waitForStableGroups(admin: Admin, groupIds: string[], timeoutMs = 60_000): Promise<void> {
  let states = '';
  await waitUntil(async () => {
    const { groups } = await admin.describeGroups(groupIds);
    states = groups.map((g) => `${g.groupId}: ${g.state}`).join(', ');
    return groups.every((g) => g.state === 'Stable' && g.members.length > 0);
  }, timeoutMs, () => `consumer groups not stable: ${states}`);
}

/** Resolves once the consumer has joined its group (call before `run`). */
export function joined(consumer: Consumer): Promise<void> {
  return new Promise((resolve) => {
    const off = consumer.on(consumer.events.GROUP_JOIN, () => {
      off();
      resolve();
    });
  });
}

/** Records in a topic (end minus start offsets), e.g. how many were dead-lettered. */
export async function recordCount(admin: Admin, topic: string): Promise<number> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
}

export async function topicExists(admin: Admin, topic: string): Promise<boolean> {
  return (await admin.listTopics()).includes(topic);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
