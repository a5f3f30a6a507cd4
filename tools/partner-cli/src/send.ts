import { Kafka } from 'kafkajs';

export interface PartnerRecord {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** Publishes one record and says where it landed. */
export async function publish(kafka: Kafka, topic: string, record: PartnerRecord): Promise<{ partition: number; offset: string }> {
  // Not idempotent on purpose: a retry carries the same ce_id, which the platform already treats as the same message.
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    const [metadata] = await producer.send({ topic, acks: -1, messages: [record] });
    return { partition: metadata.partition, offset: metadata.baseOffset ?? metadata.offset ?? '?' };
  } finally {
    await producer.disconnect();
  }
}
