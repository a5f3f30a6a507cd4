import { Connection, Model, Schema } from 'mongoose';
import { EventPublisher, OutgoingRecord } from '@readmission/messaging';
import { OutboxFields, withOutbox } from './outbox';
import { OutboxRelay } from './outbox-relay';
import { Repository } from './repository';
import { connectTestDatabase, dropTestDatabase, RecordingPublisher } from '@readmission/testing';

// Against the real store; the publish side is a recording stand-in for the EventPublisher (the broker side is
// covered by the messaging library's own tests).
interface Case extends OutboxFields {
  _id: string;
  reference: string;
  status: string;
  notes: string[];
  appliedIds: string[];
}
interface Note {
  _id: string;
  text: string;
}

class CaseRepository extends Repository<Case> {
  constructor(model: Model<Case>, relay: OutboxRelay) {
    super(model, relay);
  }
}
class NoteRepository extends Repository<Note> {
  constructor(model: Model<Note>, relay: OutboxRelay) {
    super(model, relay);
  }
}

const event = (key: string): OutgoingRecord => ({
  topic: 'test.repository.v1',
  key,
  value: `{"key":"${key}"}`,
  headers: { ce_id: `event-${key}` },
});
const newCase = (id: string, extra: Partial<Case> = {}) => ({
  _id: id,
  reference: `REF-${id}`,
  status: 'open',
  notes: [],
  appliedIds: [],
  ...extra,
});

describe('Repository against the real store', () => {
  let connection: Connection;
  let model: Model<Case>;
  let notes: Model<Note>;
  let publisher: RecordingPublisher;
  let relay: OutboxRelay;
  let cases: CaseRepository;

  beforeAll(async () => {
    connection = await connectTestDatabase('persistence', 'repository');
    // No timestamps: the relay takes documents without updatedAt at once (no grace period to wait out here).
    const schema = withOutbox(
      new Schema<Case>({
        _id: String,
        reference: { type: String, required: true },
        status: String,
        notes: { type: [String], default: [] },
        appliedIds: { type: [String], default: [] },
      }),
    );
    schema.index({ reference: 1 }, { unique: true });
    model = connection.model<Case>('RepositoryCase', schema);
    notes = connection.model<Note>('RepositoryNote', new Schema<Note>({ _id: String, text: String }));
    await Promise.all([model.init(), notes.init()]);
  });

  beforeEach(async () => {
    await Promise.all([model.deleteMany({}).exec(), notes.deleteMany({}).exec()]);
    publisher = new RecordingPublisher();
    relay = new OutboxRelay(publisher as unknown as EventPublisher);
    cases = new CaseRepository(model, relay);
  });

  afterAll(async () => {
    await dropTestDatabase(connection);
  });

  const raw = (id: string) => model.findById(id).lean<Case>().exec() as Promise<Case>;

  describe('reads', () => {
    beforeEach(async () => {
      publisher.failing = true; // leaves the events pending, so that there is an outbox to hide
      await cases.insert(newCase('c1', { notes: ['n1'] }), [event('e1')]);
      await cases.insert(newCase('c2'), [event('e2')]);
      publisher.failing = false;
      expect((await raw('c1')).outbox).toHaveLength(1);
    });

    const noOutbox = (doc: object | null) => {
      expect(doc).not.toBeNull();
      for (const field of ['outbox', 'outboxPublished', 'outboxPending']) expect(doc).not.toHaveProperty(field);
    };

    it('never return the outbox fields, with or without a projection', async () => {
      noOutbox(await cases.findById('c1'));
      noOutbox(await cases.findOne({ reference: 'REF-c1' }));
      (await cases.find({})).forEach(noOutbox);
      expect(await cases.findById('c1')).toMatchObject({ _id: 'c1', reference: 'REF-c1', status: 'open', notes: ['n1'] });
    });

    it('merge the hidden fields into the caller’s projection, even one that asks for them', async () => {
      const excluded = await cases.findById('c1', { notes: 0 });
      noOutbox(excluded);
      expect(excluded).toMatchObject({ status: 'open' });
      expect(excluded).not.toHaveProperty('notes');

      const included = await cases.findOne({ _id: 'c1' }, { status: 1, outbox: 1, outboxPending: 1 });
      expect(included).toEqual({ _id: 'c1', status: 'open' });

      expect(await cases.findById('c1', { outbox: 1 })).toEqual({ _id: 'c1' });
      expect(await cases.findById('c1', { outbox: 0 })).toMatchObject({ _id: 'c1', status: 'open' });
      noOutbox(await cases.findById('c1', { 'outbox.key': 1, reference: 1 }));
    });

    it('find sorts, skips and limits; count and exists', async () => {
      await cases.insert(newCase('c3'));
      const page = await cases.find({}, { projection: { reference: 1 }, sort: { _id: -1 }, skip: 1, limit: 1 });
      expect(page).toEqual([{ _id: 'c2', reference: 'REF-c2' }]);
      expect(await cases.count({ status: 'open' })).toBe(3);
      expect(await cases.exists({ reference: 'REF-c3' })).toBe(true);
      expect(await cases.exists({ reference: 'REF-none' })).toBe(false);
    });
  });

  describe('writes publish their events before they return', () => {
    it('insert stores the document and its events in one write, and publishes them in the same call', async () => {
      await cases.insert(newCase('c1'), [event('a'), event('b')]);
      expect(publisher.keys()).toEqual(['a', 'b']);
      expect(await raw('c1')).toMatchObject({ status: 'open', outbox: [], outboxPending: false });
    });

    it('update changes the document and queues its events in one write, publishes them in the same call, says whether it matched', async () => {
      await cases.insert(newCase('c1'));
      expect(
        await cases.update({ _id: 'c1', appliedIds: { $ne: 'm1' } }, { $set: { status: 'decided' }, $push: { appliedIds: 'm1' } }, [
          event('decided'),
        ]),
      ).toBe(true);
      expect(publisher.keys()).toEqual(['decided']);
      expect(await raw('c1')).toMatchObject({ status: 'decided', appliedIds: ['m1'], outbox: [], outboxPending: false });

      // The guard refuses the redelivery: nothing written, nothing queued, nothing published again.
      expect(
        await cases.update({ _id: 'c1', appliedIds: { $ne: 'm1' } }, { $set: { status: 'again' }, $push: { appliedIds: 'm1' } }, [
          event('again'),
        ]),
      ).toBe(false);
      expect(publisher.keys()).toEqual(['decided']);
      expect(await raw('c1')).toMatchObject({ status: 'decided', appliedIds: ['m1'], outbox: [] });
      expect(await cases.update({ _id: 'nobody' }, { $set: { status: 'x' } })).toBe(false);
    });

    it('update takes plain fields as $set, with or without events', async () => {
      await cases.insert(newCase('c1'));
      expect(await cases.update({ _id: 'c1' }, { status: 'plain', $push: { notes: 'n' } }, [event('plain')])).toBe(true);
      expect(await cases.update({ _id: 'c1' }, { reference: 'REF-renamed' })).toBe(true);
      expect(await raw('c1')).toMatchObject({ status: 'plain', notes: ['n'], reference: 'REF-renamed', outbox: [] });
      expect(publisher.keys()).toEqual(['plain']);
    });

    it('findEach reads the documents of each value (with the filter, each once); updateEach changes those of each id', async () => {
      await cases.insert(newCase('c1'));
      await cases.insert(newCase('c2', { status: 'closed' }));
      await cases.insert(newCase('c3'));
      const found = await cases.findEach('reference', ['REF-c3', 'REF-c1', 'REF-c1', 'REF-c2', 'REF-none'], { status: 'open' });
      expect(found.map((c) => c._id).sort()).toEqual(['c1', 'c3']);
      expect(await cases.findEach('reference', [])).toEqual([]);
      expect(await cases.findEach('_id', ['c2'], {}, { projection: { status: 1 } })).toEqual([{ _id: 'c2', status: 'closed' }]);

      // findMerged: one read per filter, each document once, sorted and limited across them.
      const merged = await cases.findMerged([{ status: 'open' }, { _id: 'c2' }, { reference: 'REF-c1' }], {
        sort: { reference: -1 },
        limit: 2,
      });
      expect(merged.map((c) => c._id)).toEqual(['c3', 'c2']);

      expect(await cases.updateEach(['c1', 'c2', 'c2', 'none'], { $set: { status: 'archived' } })).toBe(2);
      expect((await cases.find({ status: 'archived' })).map((c) => c._id).sort()).toEqual(['c1', 'c2']);
      expect((await raw('c3')).status).toBe('open');
    });

    it('updateMany changes every match and says how many', async () => {
      await cases.insert(newCase('c1'));
      await cases.insert(newCase('c2'));
      await cases.insert(newCase('c3', { status: 'closed' }));
      expect(await cases.updateMany({ status: 'open' }, { $set: { status: 'archived' } })).toBe(2);
      expect(await cases.count({ status: 'archived' })).toBe(2);
    });
  });

  describe('a publish that fails after the write', () => {
    it('leaves the events pending (the call resolves: the change is stored), and the relay delivers them later', async () => {
      publisher.failing = true;
      await cases.insert(newCase('c1'), [event('created')]);
      await expect(cases.update({ _id: 'c1' }, { $set: { status: 'decided' } }, [event('decided')])).resolves.toBe(true);
      expect(publisher.published).toEqual([]);
      expect(await raw('c1')).toMatchObject({ status: 'decided', outboxPending: true, outbox: [{ key: 'created' }, { key: 'decided' }] });

      publisher.failing = false;
      await relay.sweep(); // the repository registered its collection with the relay
      expect(publisher.keys()).toEqual(['created', 'decided']);
      expect(await raw('c1')).toMatchObject({ outboxPending: false, outbox: [] });
    });

    it('a redelivery whose write is refused publishes what the first delivery left pending', async () => {
      await cases.insert(newCase('c1'));
      publisher.failing = true;
      await cases.update({ _id: 'c1', appliedIds: { $ne: 'm1' } }, { $push: { appliedIds: 'm1' } }, [event('m1-effect')]);
      publisher.failing = false;
      expect(await cases.update({ _id: 'c1', appliedIds: { $ne: 'm1' } }, { $push: { appliedIds: 'm1' } }, [event('m1-effect')])).toBe(
        false,
      );
      expect(publisher.keys()).toEqual(['m1-effect']);
      expect(await raw('c1')).toMatchObject({ appliedIds: ['m1'], outboxPending: false });
    });
  });

  describe('insertOnce', () => {
    it('is true for the one insert that wrote, false (nothing written or queued) when the _id or a unique key is taken', async () => {
      expect(await cases.insertOnce(newCase('c1'), [event('first')])).toBe(true);
      expect(await cases.insertOnce(newCase('c1', { status: 'second' }), [event('second')])).toBe(false);
      expect(await cases.insertOnce(newCase('c2', { reference: 'REF-c1' }), [event('third')])).toBe(false);
      expect(publisher.keys()).toEqual(['first']);
      expect(await raw('c1')).toMatchObject({ status: 'open', outbox: [] });
      expect(await cases.count({})).toBe(1);
    });

    it('of a redelivery publishes what the first insert left pending', async () => {
      publisher.failing = true;
      expect(await cases.insertOnce(newCase('c1'), [event('ack')])).toBe(true);
      publisher.failing = false;
      expect(await cases.insertOnce(newCase('c1'), [event('ack')])).toBe(false);
      expect(publisher.keys()).toEqual(['ack']);
    });

    it('of concurrent callers is true for exactly one', async () => {
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) => cases.insertOnce(newCase('c1', { status: `caller-${i}` }), [event(`caller-${i}`)])),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      // Only the winner's event is published; the losers' flushes may overlap its own (at least once, as the relay).
      const winner = (await raw('c1')).status.replace('caller-', '');
      expect(new Set(publisher.keys())).toEqual(new Set([`caller-${winner}`]));
    });

    it('passes other store errors on', async () => {
      await expect(cases.insertOnce({ _id: 'c1', status: 'open' } as never)).rejects.toThrow(/reference/);
    });
  });

  describe('a collection without outbox', () => {
    it('reads and writes, and refuses events', async () => {
      const repository = new NoteRepository(notes, relay);
      await repository.insert({ _id: 'n1', text: 'hello' });
      expect(await repository.insertOnce({ _id: 'n1', text: 'again' })).toBe(false);
      expect(await repository.update({ _id: 'n1' }, { $set: { text: 'changed' } })).toBe(true);
      expect(await repository.findById('n1')).toEqual({ _id: 'n1', text: 'changed', __v: 0 });
      await expect(repository.insert({ _id: 'n2', text: 'x' }, [event('x')])).rejects.toThrow(/no outbox/);
      await expect(repository.update({ _id: 'n1' }, { $set: { text: 'y' } }, [event('y')])).rejects.toThrow(/no outbox/);
      expect(await repository.count({})).toBe(1);
      expect(publisher.published).toEqual([]);
    });
  });
});
