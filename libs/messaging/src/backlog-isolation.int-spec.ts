import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, Payload } from '@nestjs/microservices';
import { randomUUID } from 'crypto';
import { KafkaTestClient, waitUntil } from '@readmission/testing';
import { ConsumedRecord } from './consumed-record';
import { EventPublisher } from './event-publisher';
import { KafkaEventServer } from './kafka-event-server';
import { kafkaSettingsFromEnv } from './kafka-settings';
import { MessagingModule } from './messaging.module';
import { PassThroughRpcFilter } from './pass-through.filter';

// Against the real broker: a partner's inbound topic holds a backlog whose handling cannot finish until an internal
// event (a decision to answer) has been handled. With one consumer for both, kafkajs would not fetch the internal
// topic again before the partner's batch is done, and this test would wait forever; with the partner topics in their
// own group, the internal event is handled while the backlog is still stuck.
const run = randomUUID().slice(0, 8);
const PARTNER_PATTERN = `test-partner-inbound-${run}`;
const INBOUND_DE = `test.backlog.${run}.de.inbound.v1`;
const INTERNAL = `test.backlog.${run}.decision-made.v1`;
const GROUP = `test-backlog-${run}`;

let releaseBacklog!: () => void;
const backlogGate = new Promise<void>((resolve) => (releaseBacklog = resolve));
const backlogHandled: string[] = [];
const backlogStarted: string[] = [];
const internalHandled: string[] = [];

@Controller()
class Handlers {
  @EventPattern(PARTNER_PATTERN)
  async partner(@Payload() record: ConsumedRecord): Promise<void> {
    const value = record.value?.toString() ?? '';
    backlogStarted.push(value);
    await backlogGate;
    backlogHandled.push(value);
  }

  @EventPattern(INTERNAL)
  async internal(@Payload() record: ConsumedRecord): Promise<void> {
    internalHandled.push(record.value?.toString() ?? '');
  }
}

describe('KafkaEventServer with backlogPatterns (real broker)', () => {
  let app: INestMicroservice;
  let server: KafkaEventServer;
  let context: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>;
  const client = new KafkaTestClient();
  const settings = kafkaSettingsFromEnv(`test-backlog-${run}`);

  beforeAll(async () => {
    await client.createTopics([INBOUND_DE, INTERNAL], 1);
    @Module({ imports: [MessagingModule.forRoot(settings)], controllers: [Handlers] })
    class TestModule {}
    context = await NestFactory.createApplicationContext(TestModule, { logger: false });
    server = new KafkaEventServer({
      kafka: settings,
      groupId: GROUP,
      publisher: context.get(EventPublisher),
      patternTopics: { [PARTNER_PATTERN]: [INBOUND_DE] },
      backlogPatterns: [PARTNER_PATTERN],
      partitionsFor: () => 1,
    });
    app = await NestFactory.createMicroservice(TestModule, { strategy: server, logger: false });
    app.useGlobalFilters(new PassThroughRpcFilter());
    await app.listen();
  }, 60_000);

  afterAll(async () => {
    releaseBacklog();
    await app?.close();
    await context?.close();
    await client.close();
  });

  it('consumes the partner topics in the group and every other topic in `<group>.internal`', () => {
    expect(server.consumerGroups()).toEqual([
      { groupId: GROUP, topics: [INBOUND_DE] },
      { groupId: `${GROUP}.internal`, topics: [INTERNAL] },
    ]);
  });

  it('handles an internal event while a partner backlog is stuck, then the whole backlog once, each key in order', async () => {
    const backlog = Array.from({ length: 200 }, (_, i) => ({ key: `DE-${i % 20}`, value: `application-${i}` }));
    await client.send(INBOUND_DE, backlog);
    await waitUntil(() => backlogStarted.length > 0, 60_000); // a batch of the backlog is being worked on, and stuck

    await client.send(INTERNAL, [{ key: 'RA-2026-000001', value: 'decision-1' }]);
    await waitUntil(() => internalHandled.includes('decision-1'), 60_000);
    expect(backlogHandled).toEqual([]);

    releaseBacklog();
    await waitUntil(() => backlogHandled.length >= backlog.length, 60_000);
    expect([...backlogHandled].sort()).toEqual(backlog.map((r) => r.value).sort());
    for (let k = 0; k < 20; k++) {
      const ofKey = backlogHandled.filter((v) => Number(v.split('-')[1]) % 20 === k).map((v) => Number(v.split('-')[1]));
      expect(ofKey).toEqual([...ofKey].sort((a, b) => a - b));
    }
  }, 120_000);
});
