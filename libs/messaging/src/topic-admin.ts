import { Kafka } from 'kafkajs';
import { INTERNAL_EVENTS, topicConfigEntries } from '@readmission/contracts';

/** Internal topics that carry reference data, kept compacted. */
const COMPACTED_TOPICS: string[] = Object.values(INTERNAL_EVENTS)
  .filter((d) => 'compacted' in d && d.compacted)
  .map((d) => d.type);

export interface TopicSpec {
  topic: string;
  partitions: number;
}

/**
 * Creates the topics that do not exist yet, with their partition counts. Brokers run with automatic topic
 * creation off, so every topic the platform uses is created here, explicitly.
 */
export async function ensureTopics(kafka: Kafka, specs: TopicSpec[], options: { deadLetterRetentionMs?: number } = {}): Promise<void> {
  const unique = [...new Map(specs.map((s) => [s.topic, s])).values()];
  if (unique.length === 0) return;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = unique.filter((s) => !existing.has(s.topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((s) => ({
          topic: s.topic,
          numPartitions: s.partitions,
          replicationFactor: -1,
          configEntries: topicConfigEntries(s.topic, COMPACTED_TOPICS, options.deadLetterRetentionMs),
        })),
      });
    }
    await waitForLeaders(
      admin,
      unique.map((s) => s.topic),
    );
  } catch (error) {
    // Another instance may have created the same topic a moment earlier: that is fine.
    if (!(error instanceof Error && /already exists/i.test(error.message + JSON.stringify((error as { errors?: unknown }).errors ?? ''))))
      throw error;
    await waitForLeaders(
      admin,
      unique.map((s) => s.topic),
    );
  } finally {
    await admin.disconnect();
  }
}

/** A topic created a moment ago (perhaps by another service) is usable once each partition has a leader. */
async function waitForLeaders(admin: ReturnType<Kafka['admin']>, topics: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      if (metadata.length === topics.length && metadata.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0)))
        return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`topics without leaders after ${timeoutMs} ms: ${topics.join(', ')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
