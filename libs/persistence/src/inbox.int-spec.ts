import { Test } from '@nestjs/testing';
import { MongooseModule } from '@nestjs/mongoose';
import mongoose, { Connection, Model } from 'mongoose';
import { ConflictError } from '@readmission/errors';
import { Inbox, InboxModule } from './inbox';
import { InboxRecord, InboxRecordSchema } from './inbox.schema';

// Against the real store (FerretDB locally: concurrent updates of one document are not atomic there, inserts are).
const URI = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017';
const DB = `persistence-test-${Date.now()}-inbox`;

/** An effect that counts its runs and returns the run number; `failOnce` makes the first run throw after starting. */
function countingEffect(options: { failOnce?: boolean; delayMs?: number } = {}) {
  let runs = 0;
  let failing = options.failOnce ?? false;
  const effect = async () => {
    runs += 1;
    const run = runs;
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    if (failing) {
      failing = false;
      throw new Error('the process died in the middle of the effect');
    }
    return { run };
  };
  return { effect, runs: () => runs };
}

describe('Inbox against the real store', () => {
  let connection: Connection;
  let records: Model<InboxRecord>;
  let inbox: Inbox;
  let n = 0;
  let id: string;

  beforeAll(async () => {
    connection = await mongoose.createConnection(URI, { dbName: DB }).asPromise();
    records = connection.model<InboxRecord>(InboxRecord.name, InboxRecordSchema);
    await records.init();
    inbox = new Inbox(records);
  });

  beforeEach(() => {
    id = `message-${++n}`;
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  const record = (key: string) => records.findById(key).lean<InboxRecord>().exec();

  it('runs the effect for the first delivery and records it done with its result', async () => {
    const { effect, runs } = countingEffect();
    expect(await inbox.handle({ consumer: 'test.first', id }, effect)).toEqual({ first: true, result: { run: 1 } });
    expect(runs()).toBe(1);
    expect(await record(`test.first:${id}`)).toMatchObject({ consumer: 'test.first', messageId: id, state: 'done', result: { run: 1 } });
  });

  it('gives a redelivery of a handled message {first: false} and the first result, without running the effect', async () => {
    const { effect, runs } = countingEffect();
    await inbox.handle({ consumer: 'test.redelivery', id }, effect);
    expect(await inbox.handle({ consumer: 'test.redelivery', id }, effect)).toEqual({ first: false, result: { run: 1 } });
    expect(await inbox.handle({ consumer: 'test.redelivery', id }, effect)).toEqual({ first: false, result: { run: 1 } });
    expect(runs()).toBe(1);
  });

  it('keeps results of every shape, and no result when the effect returns nothing', async () => {
    for (const [i, result] of [0, false, '', {}, [], 'RA-2026-000001', { at: new Date('2026-01-02T03:04:05Z'), ids: ['a'] }].entries()) {
      await inbox.handle({ consumer: 'test.results', id: `${id}-${i}` }, async () => result);
      expect(await inbox.handle({ consumer: 'test.results', id: `${id}-${i}` }, async () => 'other')).toEqual({ first: false, result });
    }
    await inbox.handle({ consumer: 'test.results', id }, async () => undefined);
    expect(await inbox.handle({ consumer: 'test.results', id }, async () => 'other')).toEqual({ first: false });
  });

  it('handles one id once per consumer: another consumer of the same message runs its own effect', async () => {
    expect((await inbox.handle({ consumer: 'test.one', id }, async () => 'one')).first).toBe(true);
    expect(await inbox.handle({ consumer: 'test.two', id }, async () => 'two')).toEqual({ first: true, result: 'two' });
  });

  describe('a crash between the record and the effect loses nothing', () => {
    it('an effect that failed part way is run again by the redelivery, which completes it once', async () => {
      const { effect, runs } = countingEffect({ failOnce: true });
      await expect(inbox.handle({ consumer: 'test.crash', id }, effect)).rejects.toThrow(/died/);
      expect(await record(`test.crash:${id}`)).toMatchObject({ state: 'started' });

      expect(await inbox.handle({ consumer: 'test.crash', id }, effect)).toEqual({ first: true, result: { run: 2 } });
      expect(await inbox.handle({ consumer: 'test.crash', id }, effect)).toEqual({ first: false, result: { run: 2 } });
      expect(runs()).toBe(2);
      expect(await record(`test.crash:${id}`)).toMatchObject({ state: 'done', result: { run: 2 } });
    });

    it('a record left started by a process that died is taken over by the next delivery', async () => {
      await records.create({ _id: `test.died:${id}`, consumer: 'test.died', messageId: id, state: 'started', startedAt: new Date() });
      const { effect, runs } = countingEffect();
      expect(await inbox.handle({ consumer: 'test.died', id }, effect)).toEqual({ first: true, result: { run: 1 } });
      expect(runs()).toBe(1);
      expect(await record(`test.died:${id}`)).toMatchObject({ state: 'done' });
    });

    it('a process that died after recording its completion, before marking the record done: the first result stays', async () => {
      await records.create({ _id: `test.late:${id}`, consumer: 'test.late', messageId: id, state: 'started', startedAt: new Date() });
      await records.create({ _id: `test.late/done:${id}`, consumer: 'test.late', messageId: id, doneAt: new Date(), result: { run: 0 } });
      const { effect } = countingEffect();
      expect(await inbox.handle({ consumer: 'test.late', id }, effect)).toEqual({ first: false, result: { run: 0 } });
      expect(await record(`test.late:${id}`)).toMatchObject({ state: 'done', result: { run: 0 } });
    });
  });

  describe('fingerprints', () => {
    it('refuses a different message reusing a handled id with a ConflictError, without running its effect', async () => {
      await inbox.handle({ consumer: 'test.fingerprint', id, fingerprint: 'hash-a' }, async () => 'a');
      const { effect, runs } = countingEffect();
      const refused = inbox.handle({ consumer: 'test.fingerprint', id, fingerprint: 'hash-b' }, effect);
      await expect(refused).rejects.toBeInstanceOf(ConflictError);
      await expect(refused).rejects.toMatchObject({ kind: 'conflict', details: { consumer: 'test.fingerprint', id } });
      expect(runs()).toBe(0);
      expect(await inbox.handle({ consumer: 'test.fingerprint', id, fingerprint: 'hash-a' }, effect)).toEqual({
        first: false,
        result: 'a',
      });
    });

    it('refuses it also while the first delivery is unfinished', async () => {
      await expect(
        inbox.handle({ consumer: 'test.unfinished', id, fingerprint: 'hash-a' }, () => Promise.reject(new Error('crash'))),
      ).rejects.toThrow('crash');
      await expect(inbox.handle({ consumer: 'test.unfinished', id, fingerprint: 'hash-b' }, async () => 'b')).rejects.toBeInstanceOf(
        ConflictError,
      );
    });
  });

  it('of concurrent deliveries of one message, exactly one is first, and all report its result', async () => {
    const { effect, runs } = countingEffect({ delayMs: 30 });
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => inbox.handle({ consumer: 'test.concurrent', id }, effect)));
    const first = outcomes.filter((o) => o.first);
    expect(first).toHaveLength(1);
    expect(outcomes.every((o) => JSON.stringify(o.result) === JSON.stringify(first[0].result))).toBe(true);
    expect(runs()).toBeGreaterThan(1); // the others arrived before the first had finished: they ran it too
    expect(await record(`test.concurrent:${id}`)).toMatchObject({ state: 'done', result: first[0].result });
    expect(await inbox.handle({ consumer: 'test.concurrent', id }, effect)).toEqual({ first: false, result: first[0].result });
  });

  it('refuses a consumer name that could mix up record ids', async () => {
    await expect(inbox.handle({ consumer: 'a:b', id }, async () => 1)).rejects.toThrow(/consumer name/);
    await expect(inbox.handle({ consumer: 'a/done', id }, async () => 1)).rejects.toThrow(/consumer name/);
  });

  it('is provided by InboxModule, on the collection `inbox` of the service database', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [MongooseModule.forRoot(URI, { dbName: DB }), InboxModule] }).compile();
    try {
      await moduleRef.get(Inbox).handle({ consumer: 'test.module', id }, async () => 'via module');
      expect(await connection.collection('inbox').findOne({ _id: `test.module:${id}` as never })).toMatchObject({
        state: 'done',
        result: 'via module',
      });
    } finally {
      await moduleRef.close();
    }
  });
});
