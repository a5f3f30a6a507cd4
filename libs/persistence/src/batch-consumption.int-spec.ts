import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, Payload } from '@nestjs/microservices';
import { randomUUID } from 'crypto';
import mongoose, { Connection, Model, Schema } from 'mongoose';
import { deadLetterTopic } from '@readmission/contracts';
import {
  ConsumedRecord,
  EventPublisher,
  KafkaEventServer,
  MessagingModule,
  PassThroughRpcFilter,
  PermanentError,
  kafkaSettingsFromEnv,
} from '@readmission/messaging';
import { KafkaTestClient, waitUntil } from '@readmission/testing';
import { Inbox } from './inbox';
import { InboxRecord, InboxRecordSchema } from './inbox.schema';

// Batches on the real broker and store: 100 records on one partition, published before the consumer starts, so that
// they arrive as one batch; 10 keys, worked on side by side, each key's records in order.
const URI = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017';
const run = randomUUID().slice(0, 8);
const DB = `persistence-test-${Date.now()}-batch`;
const KEYS = 10;
const COUNT = 100;

interface Effect {
  _id: string;
  /** Sequence numbers in the order their effects ran. */
  seqs: number[];
}

let inbox: Inbox;
let effects: Model<Effect>;
/** Deliveries to the handler per record value (a redelivery after a stop counts again). */
const deliveries = new Map<string, number>();
let delayMs = 0;

@Controller()
class BatchHandler {
  @EventPattern(`test.batch.${run}.v1`)
  async handle(@Payload() record: ConsumedRecord): Promise<void> {
    const value = record.value?.toString() ?? '';
    deliveries.set(value, (deliveries.get(value) ?? 0) + 1);
    const [key, seq] = value.split('/');
    await inbox.handle({ consumer: 'test.batch', id: value }, async () => {
      if (seq === 'poison') throw new PermanentError('this record can never be handled');
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      await effects.updateOne({ _id: key }, { $push: { seqs: Number(seq) } }, { upsert: true }).exec();
    });
  }
}

@Controller()
class StopHandler {
  @EventPattern(`test.batch-stop.${run}.v1`)
  async handle(@Payload() record: ConsumedRecord): Promise<void> {
    return new BatchHandler().handle(record);
  }
}

/** `count` records, keys k0..k9 in turn, sequence numbers ascending per key; `poisonAt` replaces one by a poison record. */
function records(prefix: string, count: number, poisonAt?: number) {
  return Array.from({ length: count }, (_, i) => {
    const key = `${prefix}k${i % KEYS}`;
    return { key, value: i === poisonAt ? `${key}/poison` : `${key}/${i}` };
  });
}

describe('KafkaEventServer batches with the inbox (real broker and store)', () => {
  let connection: Connection;
  const client = new KafkaTestClient();
  const settings = kafkaSettingsFromEnv(`test-batch-${run}`);
  const started: { app: INestMicroservice; context: { close(): Promise<void> }; server: KafkaEventServer }[] = [];

  async function startServer(topicController: new () => object, group: string) {
    @Module({ imports: [MessagingModule.forRoot(settings)], controllers: [topicController] })
    class TestModule {}
    const context = await NestFactory.createApplicationContext(TestModule, { logger: false });
    const server = new KafkaEventServer({
      kafka: settings,
      groupId: group,
      publisher: context.get(EventPublisher),
      maxAttempts: 2,
      retryBackoffMs: 50,
    });
    const app = await NestFactory.createMicroservice(TestModule, { strategy: server, logger: false });
    app.useGlobalFilters(new PassThroughRpcFilter());
    await app.listen();
    const entry = { app, context, server };
    started.push(entry);
    return entry;
  }

  beforeAll(async () => {
    connection = await mongoose.createConnection(URI, { dbName: DB }).asPromise();
    const records = connection.model<InboxRecord>(InboxRecord.name, InboxRecordSchema);
    await records.init();
    inbox = new Inbox(records);
    effects = connection.model<Effect>('Effect', new Schema<Effect>({ _id: String, seqs: [Number] }));
    await client.createTopics([`test.batch.${run}.v1`, `test.batch-stop.${run}.v1`], 1);
  }, 60_000);

  afterAll(async () => {
    for (const { app, context } of started) {
      await app.close().catch(() => undefined);
      await context.close().catch(() => undefined);
    }
    await client.close();
    await connection?.dropDatabase().catch(() => undefined);
    await connection?.close();
  });

  const seqsOf = async (prefix: string) => {
    const docs = await effects
      .find({ _id: { $in: Array.from({ length: KEYS }, (_, k) => `${prefix}k${k}`) } })
      .lean<Effect[]>()
      .exec();
    return new Map(docs.map((d) => [d._id, d.seqs]));
  };
  const expectedSeqs = (prefix: string, poisonAt?: number) =>
    new Map(
      Array.from({ length: KEYS }, (_, k) => [
        `${prefix}k${k}`,
        Array.from({ length: COUNT / KEYS }, (_, j) => k + j * KEYS).filter((i) => i !== poisonAt),
      ]),
    );

  it('dead-letters the one poison record of a batch of 100 and handles the 99 others once each, in key order', async () => {
    const topic = `test.batch.${run}.v1`;
    const group = `test-batch-${run}`;
    await client.createTopics([deadLetterTopic(group)], 1);
    const dlq = await client.collect([deadLetterTopic(group)]);
    await client.send(topic, records('a', COUNT, 37));
    const { server } = await startServer(BatchHandler, group);

    await waitUntil(async () => [...(await seqsOf('a')).values()].flat().length >= COUNT - 1 || undefined, 60_000);
    const [dead] = await dlq.waitFor((r) => r.value?.toString() === 'ak7/poison');
    expect(dead.key?.toString()).toBe('ak7');
    expect(await seqsOf('a')).toEqual(expectedSeqs('a', 37));
    for (const { value } of records('a', COUNT, 37)) expect([value, deliveries.get(value)]).toEqual([value, 1]);
    await new Promise((r) => setTimeout(r, 1_000)); // nothing more arrives
    expect(dlq.records).toHaveLength(1);
    expect([...(await seqsOf('a')).values()].flat()).toHaveLength(COUNT - 1);
    await server.close();
  }, 90_000);

  it('after a consumer stopped mid-batch, the next one handles the rest: every effect once, in key order', async () => {
    const topic = `test.batch-stop.${run}.v1`;
    const group = `test-batch-stop-${run}`;
    delayMs = 40; // the batch takes a while, so that the stop comes in its middle
    await client.send(topic, records('b', COUNT));
    const first = await startServer(StopHandler, group);
    await waitUntil(async () => [...(await seqsOf('b')).values()].flat().length >= 20 || undefined, 60_000);
    await first.server.close(); // lets running records finish; starts no other
    const afterStop = [...(await seqsOf('b')).values()].flat().length;
    expect(afterStop).toBeLessThan(COUNT);

    delayMs = 0;
    await startServer(StopHandler, group);
    await waitUntil(async () => [...(await seqsOf('b')).values()].flat().length >= COUNT || undefined, 60_000);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await seqsOf('b')).toEqual(expectedSeqs('b'));
    // Records done beyond the first stop's resolved prefix were delivered again, and the inbox kept their effect single.
    const delivered = records('b', COUNT).map(({ value }) => deliveries.get(value) ?? 0);
    expect(delivered.every((n) => n >= 1)).toBe(true);
  }, 120_000);
});
