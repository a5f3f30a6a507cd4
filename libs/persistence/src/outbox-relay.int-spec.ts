import { randomUUID } from 'crypto';
import { Connection, Model, Schema } from 'mongoose';
import { EventPublisher, OutgoingRecord } from '@readmission/messaging';
import { OutboxFields, initialOutbox, withOutbox } from './outbox';
import { OutboxRelay } from './outbox-relay';
import { connectTestDatabase, dropTestDatabase, RecordingPublisher } from '@readmission/testing';

// The store side of the relay, against the real store. The publish side is a recording stand-in for the
// EventPublisher: the broker side is covered by the messaging library's own tests.
interface Doc extends OutboxFields {
  _id: string;
}

const record = (key: string, topic = 'test.relay.v1'): OutgoingRecord => ({
  topic,
  key,
  value: `{"key":"${key}"}`,
  headers: { ce_id: `event-${key}` },
});

describe('OutboxRelay against the real store', () => {
  let connection: Connection;
  let docs: Model<Doc>;
  let others: Model<Doc>;
  const defaultInterval = OutboxRelay.intervalMs;

  beforeAll(async () => {
    connection = await connectTestDatabase('persistence', 'relay');
    docs = connection.model<Doc>('RelayDoc', withOutbox(new Schema<Doc>({ _id: String })));
    others = connection.model<Doc>('OtherRelayDoc', withOutbox(new Schema<Doc>({ _id: String })));
    await Promise.all([docs.init(), others.init()]);
  });

  beforeEach(async () => {
    await Promise.all([docs.deleteMany({}).exec(), others.deleteMany({}).exec()]);
  });

  afterEach(() => {
    OutboxRelay.intervalMs = defaultInterval;
  });

  afterAll(async () => {
    await dropTestDatabase(connection);
  });

  /** What a writer leaves behind when it crashes between its write and its publish. */
  const leftPending = (model: Model<Doc>, records: OutgoingRecord[]) => model.create({ _id: randomUUID(), ...initialOutbox(records) });
  const relayWith = (publisher: RecordingPublisher, ...models: Model<Doc>[]) => {
    const relay = new OutboxRelay(publisher as unknown as EventPublisher);
    for (const model of models) relay.register(model as never);
    return relay;
  };
  const pendingCount = (model: Model<Doc>) => model.countDocuments({ outboxPending: true }).exec();

  it('sweep publishes what crashed writers left pending, in each document’s order, in every registered collection', async () => {
    await leftPending(docs, [record('a1'), record('a2')]);
    await leftPending(docs, [record('b1')]);
    await leftPending(others, [record('c1'), record('c2')]);
    await docs.create({ _id: randomUUID(), ...initialOutbox([]) }); // nothing to publish
    const publisher = new RecordingPublisher();

    await relayWith(publisher, docs, others).sweep();
    expect(publisher.keys().sort()).toEqual(['a1', 'a2', 'b1', 'c1', 'c2']);
    expect(publisher.keys().indexOf('a1')).toBeLessThan(publisher.keys().indexOf('a2'));
    expect(publisher.keys().indexOf('c1')).toBeLessThan(publisher.keys().indexOf('c2'));
    expect(await pendingCount(docs)).toBe(0);
    expect(await pendingCount(others)).toBe(0);
    expect((await docs.find().lean<Doc[]>().exec()).every((d) => d.outbox.length === 0)).toBe(true);

    await relayWith(publisher, docs, others).sweep(); // nothing is left: nothing is published again
    expect(publisher.published).toHaveLength(5);
  });

  it('sweep leaves a document written a moment ago to its writer, and takes it once it has settled', async () => {
    const stamped =
      connection.models.StampedRelayDoc ??
      connection.model<Doc>('StampedRelayDoc', withOutbox(new Schema<Doc>({ _id: String }, { timestamps: true })));
    await stamped.create({ _id: randomUUID(), ...initialOutbox([record('fresh')]) });
    const publisher = new RecordingPublisher();
    await relayWith(publisher, stamped as Model<Doc>).sweep();
    expect(publisher.published).toEqual([]);
    const grace = OutboxRelay.pendingGraceMs;
    OutboxRelay.pendingGraceMs = 10;
    await new Promise((r) => setTimeout(r, 50));
    try {
      await relayWith(publisher, stamped as Model<Doc>).sweep();
    } finally {
      OutboxRelay.pendingGraceMs = grace;
    }
    expect(publisher.keys()).toEqual(['fresh']);
  });

  it('sweep leaves collections that are not registered alone', async () => {
    await leftPending(others, [record('c1')]);
    const publisher = new RecordingPublisher();
    await relayWith(publisher, docs).sweep();
    expect(publisher.published).toEqual([]);
    expect(await pendingCount(others)).toBe(1);
  });

  it('a document whose publish fails stays pending, and does not hold back the other documents', async () => {
    await leftPending(docs, [record('stuck', 'test.missing.v1')]);
    await leftPending(docs, [record('fine-1')]);
    await leftPending(others, [record('fine-2')]);
    const publisher = new RecordingPublisher();
    publisher.failingTopics.add('test.missing.v1');

    await relayWith(publisher, docs, others).sweep();
    expect(publisher.keys().sort()).toEqual(['fine-1', 'fine-2']);
    expect(await pendingCount(docs)).toBe(1);

    publisher.failingTopics.clear(); // the topic exists now: the next sweep delivers it
    await relayWith(publisher, docs, others).sweep();
    expect(publisher.keys()).toContain('stuck');
    expect(await pendingCount(docs)).toBe(0);
  });

  it('flush publishes one document’s records through the publisher', async () => {
    const doc = await leftPending(docs, [record('x1'), record('x2')]);
    await leftPending(docs, [record('y1')]);
    const publisher = new RecordingPublisher();
    await relayWith(publisher).flush(docs as never, doc._id);
    expect(publisher.keys()).toEqual(['x1', 'x2']);
    expect(await pendingCount(docs)).toBe(1);
  });

  it('sweeps on its own once the application has started, and stops with the application', async () => {
    OutboxRelay.intervalMs = 50;
    const publisher = new RecordingPublisher();
    const relay = relayWith(publisher, docs);
    relay.onApplicationBootstrap();
    try {
      await leftPending(docs, [record('late')]);
      await waitFor(() => publisher.keys().includes('late'));
      await waitFor(async () => (await pendingCount(docs)) === 0);
    } finally {
      await relay.onApplicationShutdown();
    }
    await leftPending(docs, [record('after-shutdown')]);
    await new Promise((r) => setTimeout(r, 200));
    expect(publisher.keys()).not.toContain('after-shutdown');
  });
});

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
