/**
 * Topic names. Partner topics follow the partner interface v1 exactly; internal topics are named after the
 * event type they carry. Only `.` and `-` as separators: `_` collides with `.` in Kafka's metric names.
 */
const PARTNER_TOPIC = /^readmission\.partner\.([a-z]{2})\.(inbound|outbound)\.v1$/;

export function partnerInboundTopic(partnerCode: string): string {
  return `readmission.partner.${normalisePartnerCode(partnerCode)}.inbound.v1`;
}

export function partnerOutboundTopic(partnerCode: string): string {
  return `readmission.partner.${normalisePartnerCode(partnerCode)}.outbound.v1`;
}

/** The partner (upper-case ISO 3166-1 alpha-2) that owns an inbound topic, or undefined for any other topic. */
export function partnerCodeOfInboundTopic(topic: string): string | undefined {
  const match = PARTNER_TOPIC.exec(topic);
  return match && match[2] === 'inbound' ? match[1].toUpperCase() : undefined;
}

/**
 * The one topic reference data travels on (rulebooks, calendars, crossing points, referral bodies): compacted,
 * keyed `<kind>:<key>:<version>`, written through intake's outbox only. See libs/reference-data.
 */
export const REFERENCE_DATA_TOPIC = 'readmission.internal.reference-data.v1';

/**
 * A deployment namespace separates copies of the platform on one broker (a test run or the benchmark next to a
 * running platform): it prefixes the internal topics (`<ns>.readmission.internal.…`) and the consumer groups
 * (`<ns>.intake`, so dead-letter topics become `readmission.dlq.<ns>.intake.v1`). Partner topics are the
 * partners' and stay shared. No namespace (production) leaves every name as it is.
 */
export const NAMESPACE_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
const INTERNAL_PREFIX = 'readmission.internal.';

export function namespacedTopic(topic: string, namespace?: string): string {
  if (!namespace || !topic.startsWith(INTERNAL_PREFIX)) return topic;
  return `${checkedNamespace(namespace)}.${topic}`;
}

/** The logical name of a (possibly namespaced) internal topic: what handlers and contracts call it. */
export function logicalTopic(topic: string, namespace?: string): string {
  return namespace && topic.startsWith(`${namespace}.${INTERNAL_PREFIX}`) ? topic.slice(namespace.length + 1) : topic;
}

export function namespacedGroup(group: string, namespace?: string): string {
  return namespace ? `${checkedNamespace(namespace)}.${group}` : group;
}

function checkedNamespace(namespace: string): string {
  if (!NAMESPACE_PATTERN.test(namespace))
    throw new Error(`namespace "${namespace}" must be lower-case letters, digits and '-' (at most 40)`);
  return namespace;
}

/**
 * The consumer group in which a service whose partner topics may hold a backlog (intake) consumes its internal
 * topics, e.g. `intake.internal`: its group `intake` keeps the partner topics (see KafkaEventServer backlogPatterns).
 */
export function internalGroup(consumerGroup: string): string {
  return `${consumerGroup}.internal`;
}

/** Each consumer group has its own dead-letter topic, so operators see whose messages failed. */
export function deadLetterTopic(consumerGroup: string): string {
  if (!/^[a-z0-9.-]+$/.test(consumerGroup)) {
    throw new Error(`consumer group "${consumerGroup}" must use lower-case letters, digits, '.' and '-' only`);
  }
  return `readmission.dlq.${consumerGroup}.v1`;
}

function normalisePartnerCode(partnerCode: string): string {
  if (!/^[A-Za-z]{2}$/.test(partnerCode)) {
    throw new Error(`partner code "${partnerCode}" is not an ISO 3166-1 alpha-2 code`);
  }
  return partnerCode.toLowerCase();
}

/**
 * How long dead-letter topics keep their records (docs/security.md, retention): long enough to look at and replay a
 * failure (`npm run dlq`), no longer. `npm run topics` takes DEAD_LETTER_RETENTION_MS to choose another period.
 */
export const DEAD_LETTER_RETENTION_MS = 30 * 24 * 3600 * 1000;

/**
 * Topic settings the platform depends on, applied whenever it creates a topic (services, `npm run topics`, tests,
 * docker-compose): inbound partner topics stamp each record with the broker's receipt time (LogAppendTime), which
 * intake takes as the receipt of the message, so that a backlog never moves a deadline and a partner's clock
 * never sets one; reference-data topics are compacted (their latest record per key is kept for ever); dead-letter
 * topics delete records after DEAD_LETTER_RETENTION_MS. No topic deletes records by size (`retention.bytes` -1,
 * whatever the broker's default): a size limit deletes the oldest records whether or not anyone has read them, and a
 * consumer that falls behind then skips what was deleted (a hostile-input run lost 50,000 unread partner records so
 * to the local broker's 256 MB default). Time-based retention stays the broker's.
 */
export function topicConfigEntries(
  topic: string,
  compactedTopics: readonly string[] = [],
  deadLetterRetentionMs: number = DEAD_LETTER_RETENTION_MS,
): { name: string; value: string }[] {
  const noSizeLimit = { name: 'retention.bytes', value: '-1' };
  if (partnerCodeOfInboundTopic(topic)) return [{ name: 'message.timestamp.type', value: 'LogAppendTime' }, noSizeLimit];
  // Dead-letter records hold whole messages (personal data): deleted by the broker after the retention period.
  if (topic.startsWith('readmission.dlq.')) return [{ name: 'retention.ms', value: String(deadLetterRetentionMs) }, noSizeLimit];
  // A namespaced copy (`<ns>.readmission.internal.…`) is compacted like the topic it stands for.
  if (compactedTopics.some((c) => topic === c || topic.endsWith(`.${c}`)))
    return [{ name: 'cleanup.policy', value: 'compact' }, noSizeLimit];
  return [noSizeLimit];
}

/** How many partitions each kind of topic gets when the platform creates it. */
export const TOPIC_PARTITIONS = { partner: 3, internal: 3, deadLetter: 1 } as const;

/** Every topic the platform needs for these partners: what `npm run topics` and docker-compose create. */
export function platformTopics(
  partnerCodes: string[],
  internalTypes: string[],
  consumerGroups: string[],
  namespace?: string,
): { topic: string; partitions: number }[] {
  return [
    ...partnerCodes
      .flatMap((p) => [partnerInboundTopic(p), partnerOutboundTopic(p)])
      .map((topic) => ({ topic, partitions: TOPIC_PARTITIONS.partner })),
    ...internalTypes.map((topic) => ({ topic: namespacedTopic(topic, namespace), partitions: TOPIC_PARTITIONS.internal })),
    ...consumerGroups.map((g) => ({ topic: deadLetterTopic(namespacedGroup(g, namespace)), partitions: TOPIC_PARTITIONS.deadLetter })),
  ];
}
