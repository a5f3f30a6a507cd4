import { execFile } from 'child_process';
import { mkdtemp, rm, writeFile } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import { MongoClient } from 'mongodb';
import mongoose from 'mongoose';
import { BuiltInRegistry } from '../../infrastructure/registry/builtin-registry';
import { RegistryPersonRecord, RegistryPersonSchema } from '../../infrastructure/registry/registry-person.schema';

// The command as an operator runs it (`npm run registry:import`), against the real store, a database per run.
const REPO = join(__dirname, '..', '..', '..', '..', '..');
const COMMAND = 'services/verification/src/interface/cli/import-registry.ts';
const EXAMPLES = join(REPO, 'scripts', 'registry', 'examples');
const MONGODB_URI = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017';
const DATABASE = `registry-cli-test-${Date.now()}-${process.pid}`;

let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'registry-cli-'));
});
afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function dropDatabase(database: string): Promise<void> {
  const client = await MongoClient.connect(MONGODB_URI);
  try {
    await client.db(database).dropDatabase();
  } finally {
    await client.close();
  }
}

describe('npm run registry:import', () => {
  const run = (args: string[], database: string) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['-r', './scripts/register-ts.js', COMMAND, ...args],
        { cwd: REPO, env: { ...process.env, MONGODB_URI, MONGODB_DB: database }, timeout: 120_000 },
        (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr }),
      );
    });

  it('exits 0 when every row is good, 2 when some are rejected, 1 on a fatal error', async () => {
    const database = `${DATABASE}-cli`;
    try {
      const ok = await run(['--file', join(EXAMPLES, 'persons.csv')], database);
      expect(ok.stdout).toContain('read 12, imported 12, updated 0, unchanged 0, rejected 0');
      expect(ok.code).toBe(0);
      // Written sealed (names, dates of birth, documents) with blind search keys, and the registry finds the person.
      const client = await MongoClient.connect(MONGODB_URI);
      try {
        const raw = (await client
          .db(database)
          .collection('registry-persons')
          .findOne({ _id: '1E4K7AZ' as never }))!;
        expect([raw.surname, raw.dateOfBirth, ...(raw.documents as string[])].every((v) => /^enc:1:/.test(String(v)))).toBe(true);
        expect(JSON.stringify(raw)).not.toMatch(/Məmmədov|1991-04-17|C01234567/);
      } finally {
        await client.close();
      }
      const connection = await mongoose.createConnection(MONGODB_URI, { dbName: database }).asPromise();
      try {
        const registry = new BuiltInRegistry(connection.model(RegistryPersonRecord.name, RegistryPersonSchema));
        const found = await registry.findCandidates({ surname: 'Mamedov', givenNames: 'Elchin', sex: 'male', dateOfBirth: '1991-04-17' });
        expect(found[0]).toMatchObject({ personalId: '1E4K7AZ', verdict: 'match' });
        expect((await registry.findDocumentHolders('passport', 'c 0123-4567')).map((h) => h.personalId)).toEqual(['1E4K7AZ']);
      } finally {
        await connection.close();
      }

      const bad = join(workDir, 'bad.ndjson');
      await writeFile(
        bad,
        `${JSON.stringify({ personalId: 'B1', surname: 'Rzayeva', givenNames: 'Aynur', sex: 'female', dateOfBirth: '1992-07-07' })}\nnot json\n`,
      );
      const some = await run(['--file', bad], database);
      expect(some.stderr).toMatch(/^line 2: rejected: not valid JSON/mu);
      expect(some.stdout).toContain('read 2, imported 1, updated 0, unchanged 0, rejected 1');
      expect(some.code).toBe(2);

      const headerless = join(workDir, 'headerless.txt');
      await writeFile(headerless, 'name,sex\n');
      expect(await run(['--file', headerless], database)).toMatchObject({
        code: 1,
        stderr: expect.stringContaining('add --format ndjson|csv'),
      });
      expect(await run(['--file', headerless, '--format', 'csv'], database)).toMatchObject({
        code: 1,
        stderr: expect.stringContaining("unknown column(s) 'name'"),
      });
      expect(await run(['--file', join(workDir, 'missing.csv')], database)).toMatchObject({
        code: 1,
        stderr: expect.stringContaining('no such file'),
      });
    } finally {
      await dropDatabase(database);
    }
  }, 300_000); // five runs of the command, each compiling it and the libraries it loads (settings: libs/platform)
});
