import { Kafka } from 'kafkajs';

export interface TopicSpec {
  topic: string;
  partitions: number;
}

/**
 * Creates the topics that do not exist yet, with their partition counts. Brokers run with automatic topic
 * creation off, so every topic the platform uses is created here, explicitly.
 */
export async function ensureTopics(kafka: Kafka, specs: TopicSpec[]): Promise<void> {
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
        topics: missing.map((s) => ({ topic: s.topic, numPartitions: s.partitions, replicationFactor: -1 })),
      });
    }
  } catch (error) {
    // Another instance may have created the same topic a moment earlier: that is fine.
    if (!(error instanceof Error && /already exists/i.test(error.message + JSON.stringify((error as { errors?: unknown }).errors ?? '')))) throw error;
  } finally {
    await admin.disconnect();
  }
}
