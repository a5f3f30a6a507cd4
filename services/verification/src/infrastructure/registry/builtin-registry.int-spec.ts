import { mkdtemp, rm, writeFile } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import mongoose, { Connection, Model } from 'mongoose';
import { BuiltInRegistry } from './builtin-registry';
import { RegistryFileError, RejectedRow } from './registry-import';
import { importRegistryFile, importRegistryRows, RegistryImportFailed } from './registry-importer';
import { addBlindKey, reindexCollection, retireBlindKeys } from '@readmission/persistence';
import {
  REGISTRY_PERSONS_COLLECTION,
  REGISTRY_PROTECTION,
  RegistryPersonRecord,
  RegistryPersonSchema,
  openRecords,
} from './registry-person.schema';

// Against the real store (FerretDB locally, MongoDB in CI): a database of its own per run, dropped after.
const REPO = join(__dirname, '..', '..', '..', '..', '..');
const EXAMPLES = join(REPO, 'scripts', 'registry', 'examples');
const MONGODB_URI = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017';
const DATABASE = `registry-test-${Date.now()}-${process.pid}`;

describe('BuiltInRegistry against the real store', () => {
  let connection: Connection;
  let model: Model<RegistryPersonRecord>;
  let registry: BuiltInRegistry;
  let workDir: string;

  beforeAll(async () => {
    connection = await mongoose.createConnection(MONGODB_URI, { dbName: DATABASE, serverSelectionTimeoutMS: 10_000 }).asPromise();
    model = connection.model(RegistryPersonRecord.name, RegistryPersonSchema);
    await model.init();
    registry = new BuiltInRegistry(model);
    workDir = await mkdtemp(join(tmpdir(), 'registry-import-'));
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  const stored = () => model.find().sort({ _id: 1 }).lean().exec();
  /** A record as the registry reads it (sealed fields opened); `model.findById` alone gives what the store holds. */
  const opened = async (id: string) => (await openRecords(model, [await model.findById(id).lean().exec()]))[0];

  describe('import of the example files', () => {
    it('imports every person of the NDJSON example', async () => {
      const rejected: RejectedRow[] = [];
      const summary = await importRegistryFile(model, join(EXAMPLES, 'persons.ndjson'), {
        format: 'ndjson',
        onRejected: (r) => rejected.push(r),
      });
      expect(rejected).toEqual([]);
      expect(summary).toEqual({ read: 12, imported: 12, updated: 0, unchanged: 0, rejected: 0 });
      expect(model.collection.name).toBe(REGISTRY_PERSONS_COLLECTION);
      expect(await opened('1E4K7AZ')).toMatchObject({
        surname: 'Məmmədov',
        givenNames: 'Elçin',
        patronymic: 'Rəşid oğlu',
        birthYear: 1991,
      });
      // At rest: names, date and place of birth and documents sealed, search keys blind indexes (docs/security.md).
      const raw = (await model.collection.findOne({ _id: '1E4K7AZ' as never }))!;
      for (const field of ['surname', 'givenNames', 'patronymic', 'dateOfBirth', 'placeOfBirth']) expect(raw[field]).toMatch(/^enc:1:/);
      expect(raw.documents).toEqual([expect.stringMatching(/^enc:1:/), expect.stringMatching(/^enc:1:/)]);
      expect(raw.documentNumbers).toEqual([expect.stringMatching(/^bi:/), expect.stringMatching(/^bi:/)]);
      expect((raw.blockingKeys as string[]).every((k) => k.startsWith('bi:'))).toBe(true);
      for (const clear of ['Məmmədov', 'Elçin', '1991-04-17', 'C01234567', 'AZE09876543', 'mamadov'])
        expect(JSON.stringify(raw)).not.toContain(clear);
    });

    it('finds the CSV example identical to the NDJSON one: nothing changes', async () => {
      const before = await stored();
      const summary = await importRegistryFile(model, join(EXAMPLES, 'persons.csv'), { format: 'csv' });
      expect(summary).toEqual({ read: 12, imported: 0, updated: 0, unchanged: 12, rejected: 0 });
      expect(await stored()).toEqual(before);
    });

    it('re-imports the same file idempotently, in batches of any size', async () => {
      const before = await stored();
      const summary = await importRegistryFile(model, join(EXAMPLES, 'persons.ndjson'), { format: 'ndjson', batchSize: 5 });
      expect(summary).toEqual({ read: 12, imported: 0, updated: 0, unchanged: 12, rejected: 0 });
      expect(await stored()).toEqual(before);
    });
  });

  describe('findCandidates', () => {
    it('finds Məmmədov Elçin searched as "Mamedov Elchin" born 1991-04-17', async () => {
      const candidates = await registry.findCandidates({
        surname: 'Mamedov',
        givenNames: 'Elchin',
        sex: 'male',
        dateOfBirth: '1991-04-17',
      });
      expect(candidates[0]).toMatchObject({
        personalId: '1E4K7AZ',
        verdict: 'match',
        record: { surname: 'Məmmədov', givenNames: 'Elçin' },
      });
      expect(candidates[0].score).toBeGreaterThanOrEqual(0.85);
      // the namesake born 1985 is shown for review at most, and nobody else comes back
      expect(candidates.slice(1).map((c) => [c.personalId, c.verdict])).toEqual([['3HB7D2N', 'possible']]);
    });

    it('finds him with a partial date of birth (1991)', async () => {
      const candidates = await registry.findCandidates({ surname: 'Mamedov', givenNames: 'Elchin', sex: 'male', dateOfBirth: '1991' });
      expect(candidates.map((c) => [c.personalId, c.verdict])).toEqual([
        ['1E4K7AZ', 'match'],
        ['3HB7D2N', 'possible'],
      ]);
      expect(candidates[0].explanation.join('\n')).toMatch(/date of birth: .*compatible-year/);
    });

    it('finds him as the contract fixture writes him (Məmmədov / Elçin Rəşid oğlu / Gəncə)', async () => {
      const candidates = await registry.findCandidates({
        surname: 'Məmmədov',
        givenNames: 'Elçin Rəşid oğlu',
        sex: 'male',
        dateOfBirth: '1991-04-17',
        placeOfBirth: 'Gəncə',
      });
      expect(candidates[0]).toMatchObject({ personalId: '1E4K7AZ', verdict: 'match', score: 1 });
    });

    it('finds a record kept in Russian Cyrillic from a Latin spelling', async () => {
      const candidates = await registry.findCandidates({
        surname: 'Abdullayev',
        givenNames: 'Tofiq',
        sex: 'male',
        dateOfBirth: '1958-10-03',
      });
      expect(candidates.map((c) => [c.personalId, c.verdict])).toEqual([['3RT6Y7U', 'match']]);
    });

    it('finds a woman under her previous surname', async () => {
      const candidates = await registry.findCandidates({
        surname: 'Aliyeva',
        givenNames: 'Leila',
        sex: 'female',
        dateOfBirth: '1993-08-02',
      });
      expect(candidates.map((c) => c.personalId)).toEqual(['5LM2Q8P']);
    });

    it('does not return unrelated people', async () => {
      expect(
        await registry.findCandidates({ surname: 'Huseynova', givenNames: 'Gulnara', sex: 'female', dateOfBirth: '1988-02-14' }),
      ).toEqual([expect.objectContaining({ personalId: '7QW3E9R', verdict: 'match' })]);
      expect(await registry.findCandidates({ surname: 'Nəsirov', givenNames: 'Kamran', sex: 'male', dateOfBirth: '1991-04-17' })).toEqual(
        [],
      );
      expect(await registry.findCandidates({ surname: 'Mamedov', givenNames: 'Orkhan', sex: 'male', dateOfBirth: '2010' })).toEqual([]);
    });

    it('applies the thresholds it is given', async () => {
      const strict = await registry.findCandidates(
        { surname: 'Mamedov', givenNames: 'Elchin', sex: 'male', dateOfBirth: '1991' },
        { reviewThreshold: 0.85, matchThreshold: 0.95 },
      );
      expect(strict.map((c) => [c.personalId, c.verdict])).toEqual([['1E4K7AZ', 'possible']]);
    });
  });

  describe('findDocumentHolders', () => {
    it('finds the holder by the normalised number', async () => {
      const holders = await registry.findDocumentHolders('passport', 'c 0123-4567');
      expect(holders.map((h) => h.personalId)).toEqual(['1E4K7AZ']);
      expect(holders[0].documents).toContainEqual({
        type: 'passport',
        number: 'C01234567',
        issuedOn: '2019-06-01',
        expiresOn: '2029-05-31',
      });
      expect((await registry.findDocumentHolders('military-service-book', 'aa123456')).map((h) => h.personalId)).toEqual(['4PO9I8U']);
    });

    it('finds nobody for another type, an unknown number or an empty one', async () => {
      expect(await registry.findDocumentHolders('identity-card', 'C01234567')).toEqual([]);
      expect(await registry.findDocumentHolders('passport', 'C99999999')).toEqual([]);
      expect(await registry.findDocumentHolders('passport', ' - ')).toEqual([]);
    });
  });

  describe('changes and bad rows', () => {
    it('updates a changed row, removing the optional fields it no longer has, and keeps firstImportedAt', async () => {
      const before = await opened('5LM2Q8P');
      const changed = {
        personalId: '5LM2Q8P',
        surname: 'Məmmədova',
        givenNames: 'Leyla',
        sex: 'female',
        dateOfBirth: '1993-08-02',
        documents: [{ type: 'passport', number: 'C03330333' }],
      };
      const summary = await importRegistryRows(model, [JSON.stringify(changed)], { format: 'ndjson' });
      expect(summary).toEqual({ read: 1, imported: 0, updated: 1, unchanged: 0, rejected: 0 });
      const after = await opened('5LM2Q8P');
      expect(after).not.toHaveProperty('placeOfBirth');
      expect(after).not.toHaveProperty('patronymic');
      expect(after).not.toHaveProperty('previousSurnames');
      expect(after?.documents).toEqual([{ type: 'passport', number: 'C03330333' }]);
      expect(after?.documentNumbers).toHaveLength(1);
      expect(after?.firstImportedAt).toEqual(before?.firstImportedAt);
      expect((await registry.findDocumentHolders('identity-card', 'AZE11223344')).map((h) => h.personalId)).toEqual([]);
      expect((await registry.findDocumentHolders('passport', 'C03330333')).map((h) => h.personalId)).toEqual(['5LM2Q8P']);
      // and back: the example row restores her
      const restore = await importRegistryFile(model, join(EXAMPLES, 'persons.ndjson'), { format: 'ndjson' });
      expect(restore).toEqual({ read: 12, imported: 0, updated: 1, unchanged: 11, rejected: 0 });
    });

    it('reports bad rows with their line and reason while the good rows are kept', async () => {
      const file = join(workDir, 'mixed.csv');
      await writeFile(
        file,
        [
          'personalId,surname,givenNames,sex,dateOfBirth,documents',
          'NEW0001,Nəsirova,Könül,female,1999-03-08,identity-card:AZE77700077',
          'NEW0002,Rzayev,Tural,male,1999-02-30,',
          'NEW0003,"Bağırov, Jr",Vüsal,male,1987-10-10,passport:X',
          'NEW0004,Bağırov,Vüsal,mal,1987-10-10,',
          'NEW0005,Zeynalov,"Fərid ""Fred""",male,2000-01-01,library-card:1',
          '',
        ].join('\r\n'),
      );
      const rejected: RejectedRow[] = [];
      const summary = await importRegistryFile(model, file, { format: 'csv', onRejected: (r) => rejected.push(r) });
      expect(summary).toEqual({ read: 5, imported: 2, updated: 0, unchanged: 0, rejected: 3 });
      expect(rejected).toEqual([
        { line: 3, reasons: ['dateOfBirth "1999-02-30" is not a full date YYYY-MM-DD'] },
        { line: 5, reasons: ['sex "mal" must be male, female or unknown'] },
        { line: 6, reasons: ['documents[0].type "library-card" is not an evidence type code'] },
      ]);
      expect(
        (await registry.findCandidates({ surname: 'Nasirova', givenNames: 'Konul', sex: 'female', dateOfBirth: '1999-03-08' })).map(
          (c) => c.personalId,
        ),
      ).toEqual(['NEW0001']);
      expect((await opened('NEW0003'))?.surname).toBe('Bağırov, Jr');
    });

    it('stops on a file it cannot read as a whole, keeping the valid rows before the problem', async () => {
      const lines = [
        'personalId,surname,givenNames,sex,dateOfBirth',
        'NEW0010,Vəliyev,Ülvi,male,1990-05-05',
        'NEW0011,"Vəliyev',
        ...Array(60).fill('x'),
      ];
      const failure = await importRegistryRows(model, lines, { format: 'csv' }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(RegistryImportFailed);
      expect((failure as RegistryImportFailed).reason).toBeInstanceOf(RegistryFileError);
      expect((failure as RegistryImportFailed).message).toMatch(/line 3: quoted field still open/);
      expect((failure as RegistryImportFailed).summary).toMatchObject({ read: 1 });
      expect(await opened('NEW0010')).toMatchObject({ surname: 'Vəliyev' });
    });
  });

  // Last: it changes the database's blind-index key.
  it('keeps finding people through a blind-index key rotation: search keys and row digests computed again from the records', async () => {
    const elcin = () => registry.findCandidates({ surname: 'Mamedov', givenNames: 'Elchin', sex: 'male', dateOfBirth: '1991-04-17' });
    expect((await elcin())[0]).toMatchObject({ personalId: '1E4K7AZ', verdict: 'match' });
    expect(await addBlindKey(connection, 0)).toBe(2); // one instance here: no other copy of the key state to wait for
    expect((await elcin())[0]).toMatchObject({ personalId: '1E4K7AZ', verdict: 'match' }); // old indexes still found
    const count = await model.countDocuments();
    expect(await reindexCollection(connection, REGISTRY_PERSONS_COLLECTION, REGISTRY_PROTECTION)).toEqual({
      scanned: count,
      reindexed: count,
      skipped: 0,
    });
    expect(await retireBlindKeys(connection, [{ name: REGISTRY_PERSONS_COLLECTION, protection: REGISTRY_PROTECTION }])).toEqual({
      retired: [1],
      stale: {},
    });
    const raw = (await model.collection.findOne({ _id: '1E4K7AZ' as never }))!;
    expect([...(raw.blockingKeys as string[]), ...(raw.documentNumbers as string[]), raw.rowDigest].every((i) => /^bi2:/.test(i))).toBe(
      true,
    );
    expect((await elcin())[0]).toMatchObject({ personalId: '1E4K7AZ', verdict: 'match' });
    expect((await registry.findDocumentHolders('passport', 'C01234567')).map((h) => h.personalId)).toEqual(['1E4K7AZ']);
    // The digests were computed as the import computes them: the example file is unchanged.
    const again = await importRegistryFile(model, join(EXAMPLES, 'persons.ndjson'), { format: 'ndjson' });
    expect(again).toEqual({ read: 12, imported: 0, updated: 0, unchanged: 12, rejected: 0 });
  });
});
