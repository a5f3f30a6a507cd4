import { randomUUID } from 'crypto';
import { IHeaders, Kafka } from 'kafkajs';

/** A record as read from a topic: headers as text. */
export interface ReadRecord {
  topic: string;
  partition: number;
  offset: string;
  timestamp: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/**
 * Every record on `topic` now (from each partition's start to its end), read with a throwaway consumer group that
 * is deleted afterwards (the operators' lag views list the services' groups only).
 */
export async function readTopic(kafka: Kafka, topic: string, only?: { partition: number; offset: string }): Promise<ReadRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) return [];
    const ends = (await admin.fetchTopicOffsets(topic)).filter((p) => Number(p.high) > Number(p.low));
    const wanted = only
      ? ends.filter((p) => p.partition === only.partition && BigInt(only.offset) >= BigInt(p.low) && BigInt(only.offset) < BigInt(p.high))
      : ends;
    if (wanted.length === 0) return [];
    const groupId = `dlq-tool-${randomUUID().slice(0, 8)}`;
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
    const records: ReadRecord[] = [];
    const remaining = new Map(wanted.map((p) => [p.partition, BigInt(p.high) - 1n]));
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      const done = new Promise<void>((resolve) => {
        void consumer.run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            const last = remaining.get(partition);
            if (last === undefined) return;
            if (!only || message.offset === only.offset) {
              records.push({
                topic,
                partition,
                offset: message.offset,
                timestamp: message.timestamp,
                key: message.key?.toString('utf8') ?? null,
                value: message.value,
                headers: textHeaders(message.headers),
              });
            }
            if (BigInt(message.offset) >= last) remaining.delete(partition);
            if (remaining.size === 0) resolve();
          },
        });
      });
      await withTimeout(done, 60_000, `reading ${topic} took longer than 60 s`);
    } finally {
      await consumer.disconnect().catch(() => undefined);
      await admin.deleteGroups([groupId]).catch(() => undefined);
    }
    return records.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
  } finally {
    await admin.disconnect();
  }
}

export function textHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const first = Array.isArray(raw) ? raw[0] : raw;
    if (first !== undefined) out[name] = Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
  }
  return out;
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
