import { randomBytes } from 'crypto';
import { Connection, Model, Schema } from 'mongoose';
import { EventPublisher, OutgoingRecord } from '@readmission/messaging';
import { OutboxFields, withOutbox } from '../outbox';
import { OutboxRelay } from '../outbox-relay';
import { Repository } from '../repository';
import { FileKeyProvider, MasterKeyFile } from './key-provider';
import { KEYRING_COLLECTION, configureEncryption } from './keyring';
import { protectFields } from './field-protection';
import { reencryptCollection } from './reencrypt';
import { connectTestDatabase, dropTestDatabase, RecordingPublisher } from '@readmission/testing';

// Field-level encryption on the real store: what the driver reads raw (no mongoose, no repository) holds no
// personal value in clear; the repository reads everything back; blind indexes find names; rotation re-keys.
interface Person extends OutboxFields {
  _id: string;
  status: string;
  person: { surname: string; givenNames: string; dateOfBirth: string };
  born?: Date;
  searchNames: string[];
  documentNumbers: string[];
  history: { type: string; payload: Record<string, unknown> }[];
  family: Record<string, unknown>[];
}

class PersonRepository extends Repository<Person> {
  constructor(model: Model<Person>, relay: OutboxRelay) {
    super(model, relay);
  }
}

const key = () => randomBytes(32).toString('base64');
const k1 = key();
const k2 = key();
const keyFile = (file: MasterKeyFile) => new FileKeyProvider(file);

describe('field-level encryption against the real store', () => {
  let connection: Connection;
  let model: Model<Person>;
  let publisher: RecordingPublisher;
  let people: PersonRepository;
  const rawDocs = () => connection.db!.collection(model.collection.name).find({}).toArray();
  const rawText = async () => JSON.stringify(await rawDocs());

  beforeAll(async () => {
    configureEncryption(keyFile({ current: 'k1', keys: { k1 } }));
    connection = await connectTestDatabase('persistence', 'encryption');
    const schema = protectFields(
      withOutbox(
        new Schema<Person>({
          _id: String,
          status: String,
          person: { type: Object },
          born: { type: Schema.Types.Mixed },
          searchNames: { type: [String], default: [] },
          documentNumbers: { type: [String], default: [] },
          history: { type: [Object], default: [] },
          family: { type: [Object], default: [] },
        }),
      ),
      { encrypt: ['person', 'born', 'history.payload', 'family'], blind: ['searchNames', 'documentNumbers'] },
    );
    model = connection.model<Person>('EncryptedPerson', schema);
    await model.init();
  });

  beforeEach(() => {
    publisher = new RecordingPublisher();
    people = new PersonRepository(model, new OutboxRelay(publisher as unknown as EventPublisher));
  });

  afterAll(async () => {
    await dropTestDatabase(connection);
    configureEncryption(keyFile({ current: 'k1', keys: { k1 } }));
  });

  const event: OutgoingRecord = {
    topic: 'test.encryption.v1',
    key: 'P-1',
    value: JSON.stringify({ person: { surname: 'Məmmədov' } }),
    headers: { ce_id: 'e-1' },
  };

  it('stores personal fields, history payloads, family members and pending events sealed; reads them back in clear', async () => {
    await people.insert(
      {
        _id: 'P-1',
        status: 'open',
        person: { surname: 'Məmmədov', givenNames: 'Elçin', dateOfBirth: '1985-03-12' },
        born: new Date('1985-03-12T00:00:00Z'),
        searchNames: ['mammadov', 'elcin'],
        documentNumbers: ['C01234567'],
        history: [{ type: 'submitted', payload: { surname: 'Məmmədov' } }],
        family: [{ name: 'Aynur Məmmədova', relation: 'spouse' }],
      },
      [event],
    );
    const text = await rawText();
    for (const clear of ['Məmmədov', 'Elçin', '1985-03-12', 'mammadov', 'elcin', 'C01234567', 'Aynur']) expect(text).not.toContain(clear);
    const [raw] = await rawDocs();
    expect(raw.person).toMatch(/^enc:1:data:k1:/);
    expect(raw.history[0].type).toBe('submitted'); // only the payload is personal
    expect(raw.family[0]).toMatch(/^enc:1:data:k1:/); // each member sealed on its own
    expect(publisher.published[0].value).toBe(event.value); // the broker gets the event itself

    const read = await people.findById('P-1');
    expect(read).toMatchObject({
      person: { surname: 'Məmmədov', dateOfBirth: '1985-03-12' },
      history: [{ type: 'submitted', payload: { surname: 'Məmmədov' } }],
      family: [{ name: 'Aynur Məmmədova', relation: 'spouse' }],
    });
    expect(read!.born).toEqual(new Date('1985-03-12T00:00:00Z')); // the BSON type survives
  });

  it('keeps a pending event sealed in the outbox until the relay publishes it in clear', async () => {
    const failing = new OutboxRelay({ publish: () => Promise.reject(new Error('broker down')) } as unknown as EventPublisher);
    const offline = new PersonRepository(model, failing);
    await offline.insert(
      {
        _id: 'P-2',
        status: 'open',
        person: { surname: 'Əliyev', givenNames: 'Rəşad', dateOfBirth: '1990-01-01' },
        searchNames: [],
        documentNumbers: [],
        history: [],
        family: [],
      },
      [{ ...event, key: 'P-2' }],
    );
    const raw = await connection.db!.collection(model.collection.name).findOne({ _id: 'P-2' as never });
    expect(raw!.outbox[0].value).toMatch(/^enc:1:/);
    expect(JSON.stringify(raw)).not.toContain('Məmmədov');
    const relay = new OutboxRelay(publisher as unknown as EventPublisher);
    await relay.flush(model as never, 'P-2');
    expect(publisher.published.map((r) => r.value)).toEqual([event.value]);
  });

  it('seals what updates write ($set, $push of one element or $each) and finds people through blind indexes', async () => {
    await people.update(
      { _id: 'P-1' },
      { $push: { history: { type: 'supplement', payload: { dateOfBirth: '1985-03-21' } }, family: { name: 'Nigar' } } },
    );
    await people.update(
      { _id: 'P-1' },
      { $set: { status: 'decided', person: { surname: 'Mammadov', givenNames: 'Elchin', dateOfBirth: '1985-03-12' } } },
    );
    const text = await rawText();
    for (const clear of ['1985-03-21', 'Nigar', 'Elchin']) expect(text).not.toContain(clear);
    expect(await people.findById('P-1')).toMatchObject({
      status: 'decided',
      person: { givenNames: 'Elchin' },
      family: [{}, { name: 'Nigar' }],
    });

    expect((await people.find({ searchNames: { $all: ['mammadov', 'elcin'] } })).map((p) => p._id)).toEqual(['P-1']);
    expect(await people.findOne({ documentNumbers: 'C01234567' })).toMatchObject({ _id: 'P-1' });
    expect(await people.count({ searchNames: { $in: ['aliyev', 'elcin'] } })).toBe(1);
    expect(await people.exists({ searchNames: 'nobody' })).toBe(false);
    await expect(people.find({ 'person.surname': 'Mammadov' })).rejects.toThrow(/protected field person/);
    await expect(people.find({ searchNames: { $regex: 'mam' } })).rejects.toThrow(/blind index/);
    await expect(people.update({ _id: 'P-1' }, { $set: { 'person.surname': 'X' } })).rejects.toThrow(/part of the protected field person/);
  });

  it('refuses a value that was tampered with (authenticated encryption)', async () => {
    const raw = (await rawDocs()).find((d) => String(d._id) === 'P-1')!;
    const sealed = raw.person as string;
    const body = Buffer.from(sealed.split(':').pop()!, 'base64');
    body[body.length - 1] ^= 1;
    await connection
      .db!.collection(model.collection.name)
      .updateOne({ _id: 'P-1' as never }, { $set: { person: sealed.replace(/[^:]+$/, body.toString('base64')) } });
    await expect(people.findById('P-1')).rejects.toThrow();
    await connection.db!.collection(model.collection.name).updateOne({ _id: 'P-1' as never }, { $set: { person: sealed } });
    // A sealed value copied to another field does not open there either (the path is authenticated).
    await connection.db!.collection(model.collection.name).updateOne({ _id: 'P-1' as never }, { $set: { born: sealed } });
    await expect(people.findById('P-1')).rejects.toThrow();
    await people.update({ _id: 'P-1' }, { $set: { born: new Date('1985-03-12T00:00:00Z') } });
  });

  it('rotates the master key without downtime: new writes use the new key, old values still read, the sweep moves them', async () => {
    // Step 1: the key file gets k2 as current, k1 kept for reading.
    configureEncryption(keyFile({ current: 'k2', keys: { k1, k2 } }));
    await people.insert({
      _id: 'P-3',
      status: 'open',
      person: { surname: 'Hüseynov', givenNames: 'Orxan', dateOfBirth: '2001-07-07' },
      searchNames: ['huseynov'],
      documentNumbers: [],
      history: [],
      family: [],
    });
    const byId = Object.fromEntries((await rawDocs()).map((d) => [d._id, d]));
    expect(byId['P-3'].person).toMatch(/^enc:1:data:k2:/);
    expect(byId['P-1'].person).toMatch(/^enc:1:data:k1:/);
    expect(await people.findById('P-1')).toMatchObject({ person: { surname: 'Mammadov' } });
    expect(await people.findOne({ searchNames: 'huseynov' })).toMatchObject({ _id: 'P-3' }); // blind-index key unchanged

    // A value written before encryption (plain) is read as it is and sealed by the sweep.
    await connection
      .db!.collection(model.collection.name)
      .insertOne({ _id: 'P-0', status: 'old', person: { surname: 'Köhnə' }, searchNames: ['kohna'], history: [], family: [] } as never);

    // Step 2: the sweep (resumable by _id) and the re-wrap of the data keys.
    const first = await reencryptCollection(
      connection,
      model.collection.name,
      { encrypt: ['person', 'born', 'history.payload', 'family'], blind: ['searchNames', 'documentNumbers'] },
      { batchSize: 2 },
    );
    expect(first).toMatchObject({ scanned: 4, rewritten: 3, skipped: 0 });
    const again = await reencryptCollection(connection, model.collection.name, {
      encrypt: ['person', 'born', 'history.payload', 'family'],
      blind: ['searchNames', 'documentNumbers'],
    });
    expect(again.rewritten).toBe(0);
    const keyring = await import('./keyring');
    await keyring.keyringFor(connection).rewrap();
    const wrappedBy = await connection.db!.collection(KEYRING_COLLECTION).find({}).toArray();
    expect(new Set(wrappedBy.map((k) => k.masterKeyId))).toEqual(new Set(['k2']));
    expect(await rawText()).not.toMatch(/enc:1:data:k1:|Köhnə|kohna/);

    // Step 3: k1 leaves the key file; everything still reads.
    configureEncryption(keyFile({ current: 'k2', keys: { k2 } }));
    const fresh = new PersonRepository(model, new OutboxRelay(publisher as unknown as EventPublisher));
    expect((await fresh.find({}, { sort: { _id: 1 } })).map((p) => p.person.surname)).toEqual(['Köhnə', 'Mammadov', 'Əliyev', 'Hüseynov']);
    expect(await fresh.findOne({ searchNames: 'kohna' })).toMatchObject({ _id: 'P-0' });
  });
});
