import { randomUUID } from 'crypto';
import mongoose, { Connection, Model, Schema } from 'mongoose';
import { RECORD_BUDGET_BYTES } from '@readmission/contracts';
import { EventPublisher, OutgoingRecord, RecordTooLargeError, kafkaSettingsFromEnv } from '@readmission/messaging';
import { dropTestDatabase, KafkaTestClient } from '@readmission/testing';
import { OutboxFields, initialOutbox, withOutbox } from './outbox';
import { OutboxRelay } from './outbox-relay';
import { Repository } from './repository';

// An outbox entry the broker refuses for good (too large) must not be retried for ever, nor hold back the other
// pending outboxes: real broker (a topic that takes at most 20 kB per record) and real store.
interface Doc extends OutboxFields {
  _id: string;
  updatedAt?: Date;
}

class Docs extends Repository<Doc> {
  constructor(model: Model<Doc>, relay: OutboxRelay) {
    super(model, relay);
  }
}

const run = randomUUID().slice(0, 8);
const TOPIC = `test.outbox-poison.${run}.v1`;
const record = (key: string, bytes = 10): OutgoingRecord => ({
  topic: TOPIC,
  key,
  value: 'x'.repeat(bytes),
  headers: { ce_id: `event-${key}` },
});

describe('poisoned outbox entries (real broker and store)', () => {
  let connection: Connection;
  let docs: Model<Doc>;
  let publisher: EventPublisher;
  const client = new KafkaTestClient();
  const grace = OutboxRelay.pendingGraceMs;
  const batch = OutboxRelay.batchSize;

  beforeAll(async () => {
    const admin = client.kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: TOPIC, numPartitions: 1, configEntries: [{ name: 'max.message.bytes', value: '20000' }] }],
    });
    await admin.disconnect();
    connection = await mongoose
      .createConnection(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017', { dbName: `persistence-test-${run}-poison` })
      .asPromise();
    docs = connection.model<Doc>('PoisonDoc', withOutbox(new Schema<Doc>({ _id: String }, { timestamps: true })));
    await docs.init();
    publisher = new EventPublisher(kafkaSettingsFromEnv(`test-${run}`));
    OutboxRelay.pendingGraceMs = 0;
  }, 60_000);

  afterAll(async () => {
    OutboxRelay.pendingGraceMs = grace;
    OutboxRelay.batchSize = batch;
    await publisher.onApplicationShutdown();
    await client.close();
    await dropTestDatabase(connection);
  });

  it('moves refused entries aside (counted, with the error), publishes the rest, and reaches newer outboxes behind a batch of poisoned ones', async () => {
    const out = await client.collect([TOPIC]);
    OutboxRelay.batchSize = 3;
    // Four outboxes left pending with a record the broker refuses, the oldest first, then one good one.
    for (let i = 0; i < 4; i++) {
      await docs.create({
        _id: `poisoned-${i}`,
        ...initialOutbox([record(`ok-before-${i}`), record(`big-${i}`, 50_000), record(`ok-after-${i}`)]),
      });
      await new Promise((r) => setTimeout(r, 20));
    }
    await docs.create({ _id: 'good', ...initialOutbox([record('good-1')]) });
    const relay = new OutboxRelay(publisher);
    relay.register(docs as never);

    await relay.sweep();
    await relay.sweep();

    expect(await docs.countDocuments({ outboxPending: true }).exec()).toBe(0);
    const poisoned = await docs.findById('poisoned-0').lean<Doc>().exec();
    expect(poisoned!.outbox).toEqual([]);
    expect(poisoned!.outboxFailed).toEqual([
      expect.objectContaining({
        topic: TOPIC,
        key: 'big-0',
        error: expect.stringMatching(/RecordTooLargeError: the broker refused/),
        failedAt: expect.any(Date),
      }),
    ]);
    await out.waitFor((r) => r.key?.toString() === 'good-1');
    await out.waitFor((r) => /^ok-(before|after)-/.test(r.key?.toString() ?? ''), 8);
    expect(out.records.some((r) => r.key?.toString().startsWith('big-'))).toBe(false);

    await relay.sweep(); // nothing is pending: nothing is retried
    expect((await docs.findById('poisoned-0').lean<Doc>().exec())!.outboxFailed).toHaveLength(1);
  }, 60_000);

  it('refuses to queue an event over the size budget: a permanent error, nothing written', async () => {
    const repository = new Docs(docs, new OutboxRelay(publisher));
    const error = await repository.insert({ _id: 'too-big' } as never, [record('huge', RECORD_BUDGET_BYTES + 1)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecordTooLargeError);
    expect(await docs.findById('too-big').exec()).toBeNull();
  });
});
