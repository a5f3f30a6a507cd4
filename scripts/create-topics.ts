// Creates every topic of the platform with its partition count (brokers run with auto-creation off).
// Services also create what they use at start; this is for operators and fresh clusters. Internal topics include
// readmission.internal.reference-data.v1, created compacted (ensureTopics applies topicConfigEntries).
import { INTERNAL_EVENTS, platformTopics } from '@readmission/contracts';
import { createKafka, ensureTopics, kafkaSettingsFromEnv } from '@readmission/messaging';
import { parsePartnerList } from '@readmission/agreements';

// PLATFORM_NAMESPACE: the internal and dead-letter topics of that copy of the platform.
const specs = platformTopics(
  parsePartnerList(process.env.PARTNERS),
  Object.keys(INTERNAL_EVENTS),
  ['intake', 'verification', 'transfer', 'reintegration'],
  process.env.PLATFORM_NAMESPACE || undefined,
);
// DEAD_LETTER_RETENTION_MS: how long dead-letter topics keep records (default 30 days, docs/security.md).
const deadLetterRetentionMs = process.env.DEAD_LETTER_RETENTION_MS ? Number(process.env.DEAD_LETTER_RETENTION_MS) : undefined;
if (deadLetterRetentionMs !== undefined && !(Number.isInteger(deadLetterRetentionMs) && deadLetterRetentionMs > 0)) {
  console.error('DEAD_LETTER_RETENTION_MS must be a positive whole number of milliseconds');
  process.exit(1);
}
ensureTopics(createKafka(kafkaSettingsFromEnv('topic-admin')), specs, { deadLetterRetentionMs }).then(
  () => console.log(`${specs.length} topics present`),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
