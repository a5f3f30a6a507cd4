import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, Payload } from '@nestjs/microservices';
import { randomUUID } from 'crypto';
import { KafkaTestClient, waitUntil } from '@readmission/testing';
import { ConsumedRecord } from './consumed-record';
import { EventPublisher } from './event-publisher';
import { KafkaEventServer } from './kafka-event-server';
import { KafkaSettings, kafkaSettingsFromEnv } from './kafka-settings';
import { MessagingModule } from './messaging.module';

// Two copies of a service on one broker, in two namespaces, with the same handlers and the same group name: each
// publishes and consumes only its own internal topic; handlers see the logical name.
const run = randomUUID().slice(0, 8);
const INTERNAL = `readmission.internal.test-namespace-${run}.v1`;
const seen: Record<string, { topic: string; value: string }[]> = { a: [], b: [] };

function copy(name: 'a' | 'b') {
  @Controller()
  class Handler {
    @EventPattern(INTERNAL)
    handle(@Payload() record: ConsumedRecord): void {
      seen[name].push({ topic: record.topic, value: record.value?.toString() ?? '' });
    }
  }
  @Module({
    imports: [MessagingModule.forRoot({ ...kafkaSettingsFromEnv(`test-${run}-${name}`), namespace: `ns-${name}-${run}` })],
    controllers: [Handler],
  })
  class CopyModule {}
  return CopyModule;
}

describe('deployment namespace against the real broker', () => {
  const client = new KafkaTestClient();
  const started: { app: INestMicroservice; context: { close(): Promise<void> }; publisher: EventPublisher }[] = [];

  beforeAll(async () => {
    for (const name of ['a', 'b'] as const) {
      const module = copy(name);
      const context = await NestFactory.createApplicationContext(module, { logger: false });
      const kafka: KafkaSettings = { ...kafkaSettingsFromEnv(`test-${run}-${name}`), namespace: `ns-${name}-${run}` };
      const publisher = context.get(EventPublisher);
      const app = await NestFactory.createMicroservice(module, {
        strategy: new KafkaEventServer({
          kafka,
          groupId: `ns-${name}-${run}.service`,
          publisher,
          extraTopics: [{ topic: INTERNAL, partitions: 1 }],
        }),
        logger: false,
      });
      await app.listen();
      started.push({ app, context, publisher });
    }
  }, 90_000);

  afterAll(async () => {
    for (const s of started) {
      await s.app.close();
      await s.context.close();
    }
    await client.close();
  });

  it('keeps each copy on its own internal topic; the logical name is what code sees', async () => {
    const [a, b] = started;
    expect(a.publisher.brokerTopic(INTERNAL)).toBe(`ns-a-${run}.${INTERNAL}`);
    expect(a.publisher.brokerTopic('readmission.partner.de.inbound.v1')).toBe('readmission.partner.de.inbound.v1');
    await a.publisher.publish([{ topic: INTERNAL, key: 'k', value: 'from-a', headers: {} }]);
    await b.publisher.publish([{ topic: INTERNAL, key: 'k', value: 'from-b', headers: {} }]);
    await waitUntil(() => seen.a.length >= 1 && seen.b.length >= 1, 30_000);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(seen.a).toEqual([{ topic: INTERNAL, value: 'from-a' }]);
    expect(seen.b).toEqual([{ topic: INTERNAL, value: 'from-b' }]);
    const admin = client.kafka.admin();
    await admin.connect();
    const topics = await admin.listTopics();
    await admin.disconnect();
    expect(topics).toEqual(expect.arrayContaining([`ns-a-${run}.${INTERNAL}`, `ns-b-${run}.${INTERNAL}`]));
    expect(topics).not.toContain(INTERNAL);
  }, 60_000);
});
