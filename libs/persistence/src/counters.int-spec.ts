import mongoose, { Connection } from 'mongoose';
import { nextSequence } from './counters';
import { connectTestDatabase, dropTestDatabase } from '@readmission/testing';

// Against the real store: many callers at once, over several pooled connections, as services do.
describe('nextSequence against the real store', () => {
  let connection: Connection;

  beforeAll(async () => {
    connection = await connectTestDatabase('persistence', 'counters', { maxPoolSize: 20 });
  });

  afterAll(async () => {
    await dropTestDatabase(connection);
  });

  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  /** Like Promise.all, but lets every call finish before failing, so none is still writing after the test. */
  const all = async <T>(calls: Promise<T>[]): Promise<T[]> => {
    const settled = await Promise.allSettled(calls);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
  };

  it('starts at 1 and counts up by one per call', async () => {
    expect(await nextSequence(connection, 'sequential')).toBe(1);
    expect(await nextSequence(connection, 'sequential')).toBe(2);
    expect(await nextSequence(connection, 'sequential')).toBe(3);
  });

  it('keeps separate sequences apart', async () => {
    expect(await nextSequence(connection, 'case-number-2025')).toBe(1);
    expect(await nextSequence(connection, 'case-number-2026')).toBe(1);
    expect(await nextSequence(connection, 'case-number-2025')).toBe(2);
  });

  it('gives concurrent callers distinct values, with no gaps, including the very first calls of a new sequence', async () => {
    const values = await all(range(1, 40).map(() => nextSequence(connection, 'concurrent')));
    expect([...values].sort((a, b) => a - b)).toEqual(range(1, 40));
    expect(await nextSequence(connection, 'concurrent')).toBe(41);
  });

  it('is strictly increasing for each caller while others draw from the same sequence', async () => {
    const callers = await all(
      range(1, 8).map(async () => {
        const seen: number[] = [];
        for (let i = 0; i < 10; i++) seen.push(await nextSequence(connection, 'interleaved'));
        return seen;
      }),
    );
    for (const seen of callers) {
      for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]);
    }
    expect(callers.flat().sort((a, b) => a - b)).toEqual(range(1, 80));
  });

  it('gives two processes drawing from one sequence distinct values with no gaps (each hands out from its memory)', async () => {
    // A second connection stands for a second process: its own in-memory state, the same collection.
    const other = await mongoose
      .createConnection(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017', { dbName: connection.db?.databaseName, maxPoolSize: 20 })
      .asPromise();
    try {
      const values = await all([
        ...range(1, 30).map(() => nextSequence(connection, 'two-processes')),
        ...range(1, 30).map(() => nextSequence(other, 'two-processes')),
      ]);
      expect([...values].sort((a, b) => a - b)).toEqual(range(1, 60));
      const after = await all([nextSequence(connection, 'two-processes'), nextSequence(other, 'two-processes')]);
      expect(after.sort((a, b) => a - b)).toEqual([61, 62]);
    } finally {
      await other.close();
    }
  });

  it('continues a sequence stored as a plain counter document', async () => {
    await connection.collection<{ _id: string; value: number }>('counters').insertOne({ _id: 'existing', value: 41 });
    expect(await nextSequence(connection, 'existing')).toBe(42);
    expect(await nextSequence(connection, 'existing')).toBe(43);
  });
});
