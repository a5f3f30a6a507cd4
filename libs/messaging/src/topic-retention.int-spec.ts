import { randomUUID } from 'crypto';
import { ConfigResourceTypes } from 'kafkajs';
import { DEAD_LETTER_RETENTION_MS, deadLetterTopic } from '@readmission/contracts';
import { createKafka, kafkaSettingsFromEnv } from './kafka-settings';
import { ensureTopics } from './topic-admin';

// Retention of personal data on the broker (docs/security.md): dead-letter topics hold whole messages, so the
// platform creates them with a retention period; other internal topics keep the broker's default.
describe('dead-letter topics are created with their retention period on the real broker', () => {
  const run = randomUUID().slice(0, 8);
  const kafka = createKafka(kafkaSettingsFromEnv(`test-retention-${run}`));

  const retentionOf = async (topic: string): Promise<string | undefined> => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['retention.ms'] }],
      });
      const entry = resources[0].configEntries.find((e) => e.configName === 'retention.ms');
      return entry && !entry.isDefault ? entry.configValue : undefined;
    } finally {
      await admin.disconnect();
    }
  };

  it('sets retention.ms on dead-letter topics (default or as configured) and leaves other topics alone', async () => {
    const dlq = deadLetterTopic(`test-retention-${run}`);
    const shorter = deadLetterTopic(`test-retention-short-${run}`);
    const internal = `readmission.internal.test-retention-${run}.v1`;
    await ensureTopics(kafka, [
      { topic: dlq, partitions: 1 },
      { topic: internal, partitions: 1 },
    ]);
    await ensureTopics(kafka, [{ topic: shorter, partitions: 1 }], { deadLetterRetentionMs: 86_400_000 });
    expect(await retentionOf(dlq)).toBe(String(DEAD_LETTER_RETENTION_MS));
    expect(await retentionOf(shorter)).toBe('86400000');
    expect(await retentionOf(internal)).toBeUndefined();
  });
});
