import { Connection, Model, Schema } from 'mongoose';
import { isDuplicateKeyError } from './errors';
import { connectTestDatabase, dropTestDatabase } from '@readmission/testing';

// The errors come from the real store: MongoDB answers 11000 everywhere, FerretDB 1.x answers code 1 when an
// update (rather than an insert) makes a unique index clash.
interface Person {
  _id: string;
  reference: string;
  name?: string;
}

describe('isDuplicateKeyError against the real store', () => {
  let connection: Connection;
  let people: Model<Person>;

  beforeAll(async () => {
    connection = await connectTestDatabase('persistence', 'errors');
    const schema = new Schema<Person>({ _id: String, reference: { type: String, required: true }, name: String });
    schema.index({ reference: 1 }, { unique: true });
    people = connection.model<Person>('Person', schema);
    await people.init(); // builds the unique index before the first write
    await people.create([
      { _id: 'p1', reference: 'REF-1' },
      { _id: 'p2', reference: 'REF-2' },
    ]);
  });

  afterAll(async () => {
    await dropTestDatabase(connection);
  });

  /** The error a store operation fails with; fails the test if it succeeds. */
  async function failure(operation: () => Promise<unknown>): Promise<unknown> {
    try {
      await operation();
    } catch (error) {
      return error;
    }
    throw new Error('expected the store to refuse the write');
  }

  it('recognises an insert with an _id that exists', async () => {
    expect(isDuplicateKeyError(await failure(() => people.create({ _id: 'p1', reference: 'REF-new' })))).toBe(true);
  });

  it('recognises an insert that clashes on a unique index', async () => {
    expect(isDuplicateKeyError(await failure(() => people.create({ _id: 'p3', reference: 'REF-1' })))).toBe(true);
  });

  it('recognises an update that clashes on a unique index', async () => {
    const error = await failure(() => people.updateOne({ _id: 'p2' }, { $set: { reference: 'REF-1' } }).exec());
    expect(isDuplicateKeyError(error)).toBe(true);
    expect([1, 11000]).toContain((error as { code?: number }).code); // 1 on FerretDB 1.x, 11000 on MongoDB
    expect(await people.findById('p2').lean().exec()).toMatchObject({ reference: 'REF-2' });
  });

  it('recognises an upsert that clashes on a unique index', async () => {
    const error = await failure(() => people.updateOne({ _id: 'p9' }, { $set: { reference: 'REF-2' } }, { upsert: true }).exec());
    expect(isDuplicateKeyError(error)).toBe(true);
  });

  it('recognises clashes through the driver’s own collection API too', async () => {
    const collection = connection.collection<Person>('people');
    expect(isDuplicateKeyError(await failure(() => collection.insertOne({ _id: 'p1', reference: 'REF-x' })))).toBe(true);
    expect(isDuplicateKeyError(await failure(() => collection.updateOne({ _id: 'p2' }, { $set: { reference: 'REF-1' } })))).toBe(true);
  });

  it('does not take other store errors for duplicates', async () => {
    const invalidUpdate = await failure(() =>
      connection.collection('people').updateOne({ _id: 'p1' } as never, { $inc: { reference: 1 } }),
    );
    expect(isDuplicateKeyError(invalidUpdate)).toBe(false);
    const validation = await failure(() => people.create({ _id: 'p4' } as Person));
    expect(isDuplicateKeyError(validation)).toBe(false);
  });

  it('recognises the unique violation of either FerretDB backend (SQLite, PostgreSQL) behind code 1', () => {
    expect(isDuplicateKeyError({ code: 1, message: 'UNIQUE constraint failed: people.reference' })).toBe(true);
    expect(isDuplicateKeyError({ code: 1, message: 'ERROR: duplicate key value violates unique constraint "x" (SQLSTATE 23505)' })).toBe(
      true,
    );
    expect(isDuplicateKeyError({ code: 1, message: 'ERROR: null value in column "x" (SQLSTATE 23502)' })).toBe(false);
  });

  it('does not take other values for duplicates', () => {
    expect(isDuplicateKeyError(undefined)).toBe(false);
    expect(isDuplicateKeyError(null)).toBe(false);
    expect(isDuplicateKeyError('E11000 duplicate key error')).toBe(false);
    expect(isDuplicateKeyError(new Error('E11000 duplicate key error'))).toBe(false);
    expect(isDuplicateKeyError({ code: 1, message: 'some other internal error' })).toBe(false);
    expect(isDuplicateKeyError({ code: 1 })).toBe(false);
    expect(isDuplicateKeyError({ code: 11000 })).toBe(true);
  });
});
