import { randomUUID } from 'crypto';
import { ConfigResourceTypes } from 'kafkajs';
import { DEAD_LETTER_RETENTION_MS, deadLetterTopic, partnerInboundTopic } from '@readmission/contracts';
import { createKafka, kafkaSettingsFromEnv } from './kafka-settings';
import { ensureTopics } from './topic-admin';

// Retention of personal data on the broker (docs/security.md): dead-letter topics hold whole messages, so the
// platform creates them with a retention period; other internal topics keep the broker's default period. No topic
// has a size limit (libs/contracts, topicConfigEntries).
describe('dead-letter topics are created with their retention period on the real broker', () => {
  const run = randomUUID().slice(0, 8);
  const kafka = createKafka(kafkaSettingsFromEnv(`test-retention-${run}`));

  const configOf = async (topic: string, name: 'retention.ms' | 'retention.bytes'): Promise<string | undefined> => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: [name] }],
      });
      const entry = resources[0].configEntries.find((e) => e.configName === name);
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
    expect(await configOf(dlq, 'retention.ms')).toBe(String(DEAD_LETTER_RETENTION_MS));
    expect(await configOf(shorter, 'retention.ms')).toBe('86400000');
    expect(await configOf(internal, 'retention.ms')).toBeUndefined();
  });

  it('creates every topic without a size limit, so that the broker never deletes records nobody has read', async () => {
    // A partner code of its own (Q + a letter: no other test uses one), so that the inbound branch is the one tested.
    const inbound = partnerInboundTopic(`Q${String.fromCharCode(65 + Math.floor(Math.random() * 26))}`);
    const internal = `readmission.internal.test-size-${run}.v1`;
    const dlq = deadLetterTopic(`test-size-${run}`);
    await ensureTopics(
      kafka,
      [inbound, internal, dlq].map((topic) => ({ topic, partitions: 1 })),
    );
    for (const topic of [inbound, internal, dlq]) expect(await configOf(topic, 'retention.bytes')).toBe('-1');
  });
});
