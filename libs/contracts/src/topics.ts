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
 * Topic settings the platform depends on, applied whenever it creates a topic (services, `npm run topics`, tests,
 * docker-compose): inbound partner topics stamp each record with the broker's receipt time (LogAppendTime), which
 * intake takes as the receipt of the message, so that a backlog never moves a deadline and a partner's clock
 * never sets one; reference-data topics are compacted (their latest record per key is kept for ever).
 */
export function topicConfigEntries(topic: string, compactedTopics: readonly string[] = []): { name: string; value: string }[] {
  if (partnerCodeOfInboundTopic(topic)) return [{ name: 'message.timestamp.type', value: 'LogAppendTime' }];
  if (compactedTopics.includes(topic)) return [{ name: 'cleanup.policy', value: 'compact' }];
  return [];
}

/** How many partitions each kind of topic gets when the platform creates it. */
export const TOPIC_PARTITIONS = { partner: 3, internal: 3, deadLetter: 1 } as const;

/** Every topic the platform needs for these partners: what `npm run topics` and docker-compose create. */
export function platformTopics(partnerCodes: string[], internalTypes: string[], consumerGroups: string[]): { topic: string; partitions: number }[] {
  return [
    ...partnerCodes.flatMap((p) => [partnerInboundTopic(p), partnerOutboundTopic(p)]).map((topic) => ({ topic, partitions: TOPIC_PARTITIONS.partner })),
    ...internalTypes.map((topic) => ({ topic, partitions: TOPIC_PARTITIONS.internal })),
    ...consumerGroups.map((g) => ({ topic: deadLetterTopic(g), partitions: TOPIC_PARTITIONS.deadLetter })),
  ];
}
