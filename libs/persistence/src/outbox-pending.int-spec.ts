import { Connection, Model, Schema } from 'mongoose';
import { EventPublisher, OutgoingRecord } from '@readmission/messaging';
import { OutboxFields, withOutbox } from './outbox';
import { OUTBOX_PENDING_COLLECTION, markPending } from './outbox-pending';
import { OutboxRelay } from './outbox-relay';
import { Repository } from './repository';
import { connectTestDatabase, dropTestDatabase, RecordingPublisher } from '@readmission/testing';

// The pending set against the real store: the relay finds what a crash left behind by reading the small
// `outbox-pending` collection, never by searching the documents' collections.
interface Doc extends OutboxFields {
  _id: string;
  status: string;
}

class Docs extends Repository<Doc> {
  constructor(model: Model<Doc>, relay: OutboxRelay) {
    super(model, relay);
  }
}

const event = (key: string): OutgoingRecord => ({
  topic: 'test.pending.v1',
  key,
  value: `{"key":"${key}"}`,
  headers: { ce_id: `event-${key}` },
});

describe('the outbox pending set', () => {
  let connection: Connection;
  let model: Model<Doc>;
  const grace = OutboxRelay.pendingGraceMs;
  const hold = OutboxRelay.markerHoldMs;

  const markers = () => connection.collection(OUTBOX_PENDING_COLLECTION).find({}).toArray();
  const settle = () => new Promise((r) => setTimeout(r, 100)); // the writer drops its marker in the background

  /** A relay whose start-up look for outboxes of older versions is behind it, as in a running service. */
  const runningRelay = async (publisher: RecordingPublisher) => {
    const relay = new OutboxRelay(publisher as unknown as EventPublisher);
    relay.register(model as never);
    await relay.sweep();
    return relay;
  };

  beforeAll(async () => {
    connection = await connectTestDatabase('persistence', 'pending');
    model = connection.model<Doc>('PendingDoc', withOutbox(new Schema<Doc>({ _id: String, status: String })));
    await model.init();
  });

  beforeEach(async () => {
    OutboxRelay.pendingGraceMs = 0;
    await model.deleteMany({}).exec();
    await connection.collection(OUTBOX_PENDING_COLLECTION).deleteMany({});
  });

  afterEach(() => {
    OutboxRelay.pendingGraceMs = grace;
    OutboxRelay.markerHoldMs = hold;
  });

  afterAll(async () => {
    await dropTestDatabase(connection);
  });

  it('a write with events leaves no marker once they are published (insert, insertOnce, update)', async () => {
    const publisher = new RecordingPublisher();
    const docs = new Docs(model, new OutboxRelay(publisher as unknown as EventPublisher));
    await docs.insert({ _id: 'a', status: 'new' }, [event('a1')]);
    await docs.insertOnce({ _id: 'b', status: 'new' }, [event('b1')]);
    expect(await docs.insertOnce({ _id: 'b', status: 'new' }, [event('b2')])).toBe(false);
    await docs.update({ _id: 'a', status: 'new' }, { $set: { status: 'seen' } }, [event('a2')]);
    expect(await docs.update({ _id: 'a', status: 'new' }, { $set: { status: 'again' } }, [event('a3')])).toBe(false);
    await settle();
    expect(publisher.keys()).toEqual(['a1', 'b1', 'a2']);
    expect(await markers()).toEqual([]);
    expect(await model.countDocuments({ outboxPending: true }).exec()).toBe(0);
  });

  it('a publish that fails leaves the marker; the relay publishes from the pending set without searching the collection', async () => {
    const publisher = new RecordingPublisher();
    const relay = await runningRelay(publisher);
    const docs = new Docs(model, relay);
    publisher.failing = true;
    await docs.insert({ _id: 'c', status: 'new' }, [event('c1')]);
    await docs.update({ _id: 'c' }, { $set: { status: 'seen' } }, [event('c2')]);
    expect(await markers()).toHaveLength(2);

    publisher.failing = false;
    const find = jest.spyOn(model, 'find');
    await relay.sweep();
    expect(find).not.toHaveBeenCalled(); // the documents' collection is read by _id only
    find.mockRestore();
    expect(publisher.keys()).toEqual(['c1', 'c2']);
    expect(await model.findById('c').lean<Doc>().exec()).toMatchObject({ outbox: [], outboxPending: false, status: 'seen' });

    // Its markers stay for the hold period (a late writer), then go; nothing is published twice.
    expect(await markers()).toHaveLength(2);
    OutboxRelay.markerHoldMs = 0;
    await relay.sweep();
    expect(await markers()).toEqual([]);
    expect(publisher.keys()).toEqual(['c1', 'c2']);
  });

  it('a crash before the write leaves a marker without records: nothing is published, the marker goes after the hold', async () => {
    const publisher = new RecordingPublisher();
    const relay = await runningRelay(publisher);
    await markPending(connection, model.collection.name, 'never-written');
    await relay.sweep();
    expect(publisher.published).toEqual([]);
    expect(await markers()).toHaveLength(1);
    OutboxRelay.markerHoldMs = 0;
    await relay.sweep();
    expect(await markers()).toEqual([]);
  });

  it('a crash between the write and the publish: the marker written first finds the records', async () => {
    const publisher = new RecordingPublisher();
    const relay = await runningRelay(publisher);
    // What a writer leaves when it dies right after its write: its marker, then the document with records.
    await markPending(connection, model.collection.name, 'd');
    await model.create({ _id: 'd', status: 'new', outbox: [event('d1')], outboxPublished: 0, outboxPending: true });
    await relay.sweep();
    expect(publisher.keys()).toEqual(['d1']);
  });

  it('a marker not yet settled is left to its writer', async () => {
    OutboxRelay.pendingGraceMs = 60_000;
    const publisher = new RecordingPublisher();
    const relay = await runningRelay(publisher);
    await markPending(connection, model.collection.name, 'e');
    await model.create({ _id: 'e', status: 'new', outbox: [event('e1')], outboxPublished: 0, outboxPending: true });
    await relay.sweep();
    expect(publisher.published).toEqual([]);
  });
});
