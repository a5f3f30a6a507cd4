import { randomBytes } from 'crypto';
import mongoose, { Connection, Model, Schema } from 'mongoose';
import { EventPublisher } from '@readmission/messaging';
import { OutboxRelay } from '../outbox-relay';
import { Repository } from '../repository';
import { FileKeyProvider } from './key-provider';
import { KEYRING_COLLECTION, configureBlindKeyRefresh, configureEncryption, keyringFor } from './keyring';
import { FieldProtection, protectFields } from './field-protection';
import { addBlindKey, reindexCollection, retireBlindKeys } from './blind-rotation';

// Rotation of the blind-index key on the real store, with two instances of a service (two connections, each with its
// own keyring and its own copy of the key state): lookups keep finding every record at every step.
interface Person {
  _id: string;
  person: { surname: string; givenNames: string };
  searchNames: string[];
}

class People extends Repository<Person> {
  constructor(model: Model<Person>) {
    super(model, new OutboxRelay({ publish: async () => undefined } as unknown as EventPublisher));
  }
  named(name: string) {
    return this.find({ searchNames: name.toLowerCase() }, { sort: { _id: 1 } });
  }
}

const words = (p: { surname: string; givenNames: string }) => [p.surname.toLowerCase(), p.givenNames.toLowerCase()];
const PROTECTION: FieldProtection = {
  encrypt: ['person'],
  blind: ['searchNames'],
  deriveBlind: (doc) => ({ searchNames: words(doc.person as Person['person']) }),
};
const REFRESH_MS = 300;

describe('blind-index key rotation against the real store', () => {
  const database = `persistence-test-${Date.now()}-blind-rotation`;
  const uri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017';
  let a: Connection;
  let b: Connection;
  let peopleA: People;
  let peopleB: People;
  const raw = () => a.db!.collection<{ _id: string; searchNames: string[] }>('rotation-people').find({}).sort({ _id: 1 }).toArray();
  const add = (people: People, _id: string, surname: string, givenNames: string) =>
    people.insert({ _id, person: { surname, givenNames }, searchNames: words({ surname, givenNames }) });
  const ids = async (people: People, name: string) => (await people.named(name)).map((p) => p._id);
  const refreshed = () => new Promise((resolve) => setTimeout(resolve, REFRESH_MS + 50));

  beforeAll(async () => {
    configureEncryption(new FileKeyProvider({ current: 'k1', keys: { k1: randomBytes(32).toString('base64') } }));
    configureBlindKeyRefresh(REFRESH_MS);
    const model = (connection: Connection) =>
      connection.model<Person>(
        'RotationPerson',
        protectFields(
          new Schema<Person>({ _id: String, person: { type: Object }, searchNames: { type: [String], default: [] } }),
          PROTECTION,
        ),
        'rotation-people',
      );
    a = await mongoose.createConnection(uri, { dbName: database }).asPromise();
    b = await mongoose.createConnection(uri, { dbName: database }).asPromise();
    peopleA = new People(model(a));
    peopleB = new People(model(b));
  });

  afterAll(async () => {
    configureBlindKeyRefresh(10_000);
    await a?.dropDatabase();
    await a?.close();
    await b?.close();
  });

  it('adds a key that lookups use at once, writes with it, recomputes the old indexes, then retires the old key', async () => {
    await add(peopleA, 'p1', 'Məmmədov', 'Elçin');
    expect((await raw())[0].searchNames.every((i) => i.startsWith('bi:'))).toBe(true); // version 1
    expect(await ids(peopleB, 'Məmmədov')).toEqual(['p1']);

    // Step 1, while both instances keep working: B still writes with version 1 until it reads the new state.
    const adding = addBlindKey(a, 3 * REFRESH_MS);
    await add(peopleB, 'p2', 'Məmmədov', 'Aysel');
    expect(await ids(peopleA, 'Məmmədov')).toEqual(['p1', 'p2']);
    expect(await adding).toBe(2);
    expect(await keyringFor(a).blindState()).toEqual({ write: 2, read: [1, 2] });
    await refreshed();
    await add(peopleB, 'p3', 'Məmmədova', 'Leyla');
    const written = await raw();
    expect(written.find((d) => d._id === 'p3')!.searchNames.every((i) => i.startsWith('bi2:'))).toBe(true);
    // Both instances find the old and the new records, each by its own version of the index.
    expect(await ids(peopleA, 'Məmmədov')).toEqual(['p1', 'p2']);
    expect(await ids(peopleB, 'Leyla')).toEqual(['p3']);
    expect(await ids(peopleB, 'Elçin')).toEqual(['p1']);

    // Retiring is refused while an index of version 1 is stored.
    expect(await retireBlindKeys(a, [{ name: 'rotation-people', protection: PROTECTION }])).toEqual({
      retired: [],
      stale: { 'rotation-people': 2 },
    });
    // Step 2: the old indexes computed again from the opened names.
    expect(await reindexCollection(a, 'rotation-people', PROTECTION)).toEqual({ scanned: 3, reindexed: 2, skipped: 0 });
    expect(await reindexCollection(a, 'rotation-people', PROTECTION)).toEqual({ scanned: 3, reindexed: 0, skipped: 0 });
    expect((await raw()).every((d) => d.searchNames.every((i) => i.startsWith('bi2:')))).toBe(true);

    // Step 3: the old key retired and gone from the store; lookups still find everyone.
    expect(await retireBlindKeys(a, [{ name: 'rotation-people', protection: PROTECTION }])).toEqual({ retired: [1], stale: {} });
    expect(await a.db!.collection(KEYRING_COLLECTION).countDocuments({ _id: 'blind-index' as never })).toBe(0);
    await refreshed();
    expect(await keyringFor(b).blindState()).toEqual({ write: 2, read: [2] });
    expect(await ids(peopleB, 'Məmmədov')).toEqual(['p1', 'p2']);
    expect(await ids(peopleA, 'Məmmədova')).toEqual(['p3']);
    expect(await ids(peopleA, 'Elçin')).toEqual(['p1']);
  });
});
