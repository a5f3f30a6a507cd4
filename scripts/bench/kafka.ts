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
export async function publishPaced(
  producer: Producer,
  topic: string,
  records: BenchRecord[],
  ratePerSecond: number,
  sent: (key: string, at: number) => void,
): Promise<void> {
  const start = now();
  let next = 0;
  while (next < records.length) {
    const due = ratePerSecond > 0 ? Math.min(records.length, Math.floor(((now() - start) * ratePerSecond) / 1000) + 1) : records.length;
    if (due <= next) {
      await sleep(Math.max(1, (next * 1000) / ratePerSecond - (now() - start)));
      continue;
    }
    const batch = records.slice(next, Math.min(due, next + MAX_BATCH));
    const at = now();
    for (const r of batch) sent(r.key, at);
    await producer.send({ topic, acks: -1, messages: batch });
    next += batch.length;
  }
}

/** Waits until every group has a member and finished rebalancing, so the first records do not wait for a join. */
export async function waitForStableGroups(admin: Admin, groupIds: string[], timeoutMs = 60_000): Promise<void> {
  let states = '';
  await waitUntil(
    async () => {
      const { groups } = await admin.describeGroups(groupIds);
      states = groups.map((g) => `${g.groupId}: ${g.state}`).join(', ');
      return groups.every((g) => g.state === 'Stable' && g.members.length > 0);
    },
    timeoutMs,
    () => `consumer groups not stable: ${states}`,
  );
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
