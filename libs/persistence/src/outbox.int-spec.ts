import { randomUUID } from 'crypto';
import { Connection, Model, Schema } from 'mongoose';
import { OutgoingRecord } from '@readmission/messaging';
import { OutboxFields, flushOutbox, initialOutbox, withOutbox, withOutboxRecords } from './outbox';
import { connectTestDatabase, dropTestDatabase } from '@readmission/testing';

// Against the real store (FerretDB locally, MongoDB in containers): one database per run, dropped afterwards.
interface Doc extends OutboxFields {
  _id: string;
  status: string;
  notes: string[];
}

const record = (n: number, topic = 'test.outbox.v1'): OutgoingRecord => ({
  topic,
  key: `key-${n}`,
  value: JSON.stringify({ n }),
  headers: { ce_id: `event-${n}`, ce_type: 'test' },
});

/** The values of the records a publish call received, e.g. ['{"n":1}', ...] -> [1, ...]. */
const numbers = (records: OutgoingRecord[]) => records.map((r) => (JSON.parse(r.value.toString()) as { n: number }).n);

/** A publish function that records each call, and can be held open to interleave other work with it. */
function recordingPublish() {
  const calls: OutgoingRecord[][] = [];
  let hold: Promise<void> | undefined;
  let onEnter: (() => Promise<void>) | undefined;
  const publish = async (records: OutgoingRecord[]) => {
    calls.push(records.map((r) => ({ ...r })));
    if (onEnter) {
      const action = onEnter;
      onEnter = undefined;
      await action();
    }
    await hold;
  };
  return {
    calls,
    publish,
    /** Runs `action` inside the next publish call, before that call returns. */
    during(action: () => Promise<void>) {
      onEnter = action;
    },
    /** Blocks publish calls until the returned function is called. */
    holdOpen(): () => void {
      let release!: () => void;
      hold = new Promise<void>((resolve) => (release = resolve));
      return () => {
        hold = undefined;
        release();
      };
    },
  };
}

describe('outbox against the real store', () => {
  let connection: Connection;
  let docs: Model<Doc>;

  beforeAll(async () => {
    connection = await connectTestDatabase('persistence', 'outbox');
    const schema = withOutbox(
      new Schema<Doc>({ _id: String, status: String, notes: { type: [String], default: [] } }, { timestamps: true }),
    );
    docs = connection.model<Doc>('OutboxDoc', schema);
    await docs.init();
  });

  afterAll(async () => {
    await dropTestDatabase(connection);
  });

  const create = async (records: OutgoingRecord[], status = 'new') => {
    const _id = randomUUID();
    await docs.create({ _id, status, ...initialOutbox(records) });
    return _id;
  };
  const stored = async (id: string) => (await docs.findById(id).lean<Doc>().exec()) as Doc;

  it('initialOutbox stores the records as plain text and marks the document pending only when there are records', async () => {
    const binary: OutgoingRecord = { ...record(1), value: Buffer.from('{"n":1}', 'utf8') };
    expect(initialOutbox([binary])).toEqual({
      outbox: [{ topic: 'test.outbox.v1', key: 'key-1', value: '{"n":1}', headers: { ce_id: 'event-1', ce_type: 'test' } }],
      outboxPublished: 0,
      outboxPending: true,
    });
    expect(initialOutbox([])).toEqual({ outbox: [], outboxPublished: 0, outboxPending: false });

    const id = await create([binary, record(2)]);
    const doc = await stored(id);
    expect(doc.outbox.map((e) => e.value)).toEqual(['{"n":1}', '{"n":2}']);
    expect(doc.outboxPending).toBe(true);
    expect(doc.outboxPublished).toBe(0);
  });

  it('flushOutbox publishes the pending records in order, once, and clears the outbox', async () => {
    const id = await create([record(1), record(2), record(3, 'test.other.v1')]);
    const publisher = recordingPublish();

    await flushOutbox(docs, id, publisher.publish);
    expect(publisher.calls.map(numbers)).toEqual([[1, 2, 3]]);
    expect(publisher.calls[0].map((r) => r.topic)).toEqual(['test.outbox.v1', 'test.outbox.v1', 'test.other.v1']);
    expect(publisher.calls[0][0]).toEqual({
      topic: 'test.outbox.v1',
      key: 'key-1',
      value: '{"n":1}',
      headers: { ce_id: 'event-1', ce_type: 'test' },
    });
    expect(await stored(id)).toMatchObject({ outbox: [], outboxPublished: 0, outboxPending: false, status: 'new' });

    // Nothing is pending any more: a second flush (a redelivery, the relay) publishes nothing.
    await flushOutbox(docs, id, publisher.publish);
    expect(publisher.calls).toHaveLength(1);
  });

  it('flushOutbox does nothing for a document without records, or that does not exist', async () => {
    const publisher = recordingPublish();
    const empty = await create([]);
    await flushOutbox(docs, empty, publisher.publish);
    await flushOutbox(docs, 'no-such-document', publisher.publish);
    expect(publisher.calls).toEqual([]);
    expect(await stored(empty)).toMatchObject({ outbox: [], outboxPending: false });
  });

  it('keeps the records pending when the publish fails, and publishes them on the next flush', async () => {
    const id = await create([record(1), record(2)]);
    await expect(flushOutbox(docs, id, () => Promise.reject(new Error('broker unavailable')))).rejects.toThrow('broker unavailable');
    expect(await stored(id)).toMatchObject({ outboxPending: true, outboxPublished: 0 });
    expect((await stored(id)).outbox).toHaveLength(2);

    const publisher = recordingPublish();
    await flushOutbox(docs, id, publisher.publish);
    expect(publisher.calls.map(numbers)).toEqual([[1, 2]]);
    expect(await stored(id)).toMatchObject({ outbox: [], outboxPending: false });
  });

  it('withOutboxRecords merges the records into the change’s own $set and $push, in one write', async () => {
    const id = await create([]);
    const update = withOutboxRecords({ $set: { status: 'decided' }, $push: { notes: 'decided by test' } }, [record(7), record(8)]);
    expect(update).toEqual({
      $set: { status: 'decided', outboxPending: true },
      $push: { notes: 'decided by test', outbox: { $each: [record(7), record(8)] } },
    });

    await docs.updateOne({ _id: id }, update).exec();
    const doc = await stored(id);
    expect(doc).toMatchObject({ status: 'decided', notes: ['decided by test'], outboxPending: true, outboxPublished: 0 });
    expect(doc.outbox.map((e) => e.value)).toEqual(['{"n":7}', '{"n":8}']);

    const publisher = recordingPublish();
    await flushOutbox(docs, id, publisher.publish);
    expect(publisher.calls.map(numbers)).toEqual([[7, 8]]);
    expect(await stored(id)).toMatchObject({ status: 'decided', outbox: [], outboxPending: false });
  });

  it('withOutboxRecords keeps the change’s other operators and works without $set or $push of its own', async () => {
    expect(withOutboxRecords({ $inc: { attempts: 1 } }, [record(1)])).toEqual({
      $inc: { attempts: 1 },
      $push: { outbox: { $each: [record(1)] } },
      $set: { outboxPending: true },
    });
    const binary = { ...record(2), value: Buffer.from('{"n":2}') };
    expect(withOutboxRecords({}, [binary])).toMatchObject({ $push: { outbox: { $each: [{ value: '{"n":2}' }] } } });
  });

  it('withOutboxRecords appends behind records that are still pending', async () => {
    const id = await create([record(1)]);
    await docs.updateOne({ _id: id }, withOutboxRecords({ $set: { status: 'changed' } }, [record(2)])).exec();
    const publisher = recordingPublish();
    await flushOutbox(docs, id, publisher.publish);
    expect(publisher.calls.map(numbers)).toEqual([[1, 2]]);
    expect(await stored(id)).toMatchObject({ status: 'changed', outbox: [], outboxPending: false });
  });

  it('does not lose records appended while a flush is publishing: it records its progress and the next flush publishes the rest', async () => {
    const id = await create([record(1), record(2)]);
    const publisher = recordingPublish();
    publisher.during(async () => {
      await docs.updateOne({ _id: id }, withOutboxRecords({ $set: { status: 'changed' } }, [record(3)])).exec();
    });

    await flushOutbox(docs, id, publisher.publish);
    expect(publisher.calls.map(numbers)).toEqual([[1, 2]]);
    expect(await stored(id)).toMatchObject({ status: 'changed', outboxPublished: 2, outboxPending: true });
    expect((await stored(id)).outbox).toHaveLength(3);

    await flushOutbox(docs, id, publisher.publish);
    expect(publisher.calls.map(numbers)).toEqual([[1, 2], [3]]);
    expect(await stored(id)).toMatchObject({ outbox: [], outboxPublished: 0, outboxPending: false });
  });

  it('publishes a record appended after two overlapping flushes of the same records (the relay sweeping while the writer flushes)', async () => {
    const id = await create([record(1), record(2)]);
    const slow = recordingPublish();
    const release = slow.holdOpen();
    const first = flushOutbox(docs, id, slow.publish); // reads [1, 2], then waits in publish
    await waitFor(() => slow.calls.length === 1);

    const fast = recordingPublish();
    await flushOutbox(docs, id, fast.publish); // publishes [1, 2] and clears the outbox
    release();
    await first; // must not record progress on the outbox the other flush already cleared
    expect(await stored(id)).toMatchObject({ outbox: [], outboxPublished: 0, outboxPending: false });

    await docs.updateOne({ _id: id }, withOutboxRecords({}, [record(3)])).exec();
    const later = recordingPublish();
    await flushOutbox(docs, id, later.publish);
    expect(later.calls.map(numbers)).toEqual([[3]]);
    expect(await stored(id)).toMatchObject({ outbox: [], outboxPending: false });
  });

  it('does not clear records queued after another flush cleared the outbox, even when there are as many as it published', async () => {
    const id = await create([record(1), record(2)]);
    const slow = recordingPublish();
    const release = slow.holdOpen();
    const first = flushOutbox(docs, id, slow.publish); // reads [1, 2], then waits in publish
    await waitFor(() => slow.calls.length === 1);

    await flushOutbox(docs, id, recordingPublish().publish); // publishes [1, 2] and clears
    await docs.updateOne({ _id: id }, withOutboxRecords({}, [record(3), record(4)])).exec(); // again two records
    release();
    await first;
    expect((await stored(id)).outbox.map((e) => e.value)).toEqual(['{"n":3}', '{"n":4}']);
    expect(await stored(id)).toMatchObject({ outboxPublished: 0, outboxPending: true });

    const later = recordingPublish();
    await flushOutbox(docs, id, later.publish);
    expect(later.calls.map(numbers)).toEqual([[3, 4]]);
  });

  it('does not mark records queued after another flush cleared the outbox as published, when there are more than it published', async () => {
    const id = await create([record(1), record(2)]);
    const slow = recordingPublish();
    const release = slow.holdOpen();
    const first = flushOutbox(docs, id, slow.publish);
    await waitFor(() => slow.calls.length === 1);

    await flushOutbox(docs, id, recordingPublish().publish);
    await docs.updateOne({ _id: id }, withOutboxRecords({}, [record(3), record(4), record(5)])).exec();
    release();
    await first;
    expect(await stored(id)).toMatchObject({ outboxPublished: 0, outboxPending: true });

    const later = recordingPublish();
    await flushOutbox(docs, id, later.publish);
    expect(later.calls.map(numbers)).toEqual([[3, 4, 5]]);
    expect(await stored(id)).toMatchObject({ outbox: [], outboxPending: false });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
