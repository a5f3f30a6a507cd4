// The registry import command: citizen registry records into the verification service's built-in registry
// (collection `registry-persons`):
//   npm run registry:import -- --file persons.ndjson|persons.csv [--format ndjson|csv] [--batch-size 500]
// Store: MONGODB_URI (default mongodb://127.0.0.1:27017), database MONGODB_DB, else
// `${MONGODB_DB_PREFIX ?? 'readmission'}-verification`. Records are written sealed with the master keys of
// ENCRYPTION_KEY_FILE (the services' key file; the development key file when unset, refused in PLATFORM_MODE=production). Formats, CSV columns and row rules:
// ../../infrastructure/registry/registry-import.ts and README.md there.
// Exit status: 0 every row imported (or unchanged), 2 some rows rejected (the good ones are kept), 1 fatal error.
import { stat } from 'fs/promises';
import mongoose from 'mongoose';
import { formatOfFile, RegistryFileFormat } from '../../infrastructure/registry/registry-import';
import { DEV_KEY_FILE, FileKeyProvider, configureEncryption, devKeyProvider } from '@readmission/persistence';
import { loadSettings } from '@readmission/platform';
import { importRegistryFile, ImportSummary, RegistryImportFailed } from '../../infrastructure/registry/registry-importer';
import { RegistryPersonRecord, RegistryPersonSchema } from '../../infrastructure/registry/registry-person.schema';
import { RegistryImportSettings } from '../../settings';

const USAGE = 'usage: npm run registry:import -- --file <persons.ndjson|persons.csv> [--format ndjson|csv] [--batch-size <n>]';

function parseArgs(argv: string[]): { file: string; format: RegistryFileFormat; batchSize: number } {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const m = /^--(file|format|batch-size)(?:=(.*))?$/u.exec(arg);
    if (!m) throw new Error(`unknown argument ${JSON.stringify(arg)}\n${USAGE}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined || value === '') throw new Error(`--${m[1]} needs a value\n${USAGE}`);
    values[m[1]] = value;
  }
  if (!values.file) throw new Error(`--file is required\n${USAGE}`);
  const format = (values.format ?? formatOfFile(values.file)) as RegistryFileFormat | undefined;
  if (format !== 'ndjson' && format !== 'csv') {
    throw new Error(
      values.format
        ? `--format must be ndjson or csv, got ${JSON.stringify(values.format)}`
        : `cannot tell the format of ${values.file} from its name: add --format ndjson|csv`,
    );
  }
  const batchSize = values['batch-size'] === undefined ? 500 : Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000)
    throw new Error('--batch-size must be an integer from 1 to 10000');
  return { file: values.file, format, batchSize };
}

/** The URI without user and password, for printing. */
function displayUri(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/u, '//***@');
}

function summaryLine(s: ImportSummary): string {
  return `read ${s.read}, imported ${s.imported}, updated ${s.updated}, unchanged ${s.unchanged}, rejected ${s.rejected}`;
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  let target: { uri: string; database: string };
  try {
    args = parseArgs(process.argv.slice(2));
    const settings = loadSettings(RegistryImportSettings); // names every bad variable, never a password
    target = { uri: settings.MONGODB_URI, database: settings.database };
    configureEncryption(
      settings.ENCRYPTION_KEY_FILE ? FileKeyProvider.fromFile(settings.ENCRYPTION_KEY_FILE) : devKeyProvider(DEV_KEY_FILE),
    );
    const info = await stat(args.file).catch(() => undefined);
    if (!info?.isFile()) throw new Error(`${args.file}: no such file`);
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
  console.log(
    `registry import: ${args.file} (${args.format}) into ${displayUri(target.uri)} database ${target.database}, collection registry-persons`,
  );
  const connection = mongoose.createConnection(target.uri, { dbName: target.database, serverSelectionTimeoutMS: 10_000, autoIndex: false });
  try {
    await connection.asPromise();
    const model = connection.model(RegistryPersonRecord.name, RegistryPersonSchema);
    await model.createIndexes(); // the search indexes exist before the first row is written
    const summary = await importRegistryFile(model, args.file, {
      format: args.format,
      batchSize: args.batchSize,
      onRejected: (row) => console.error(`line ${row.line}: rejected: ${row.reasons.join('; ')}`),
    });
    console.log(summaryLine(summary));
    return summary.rejected > 0 ? 2 : 0;
  } catch (error) {
    if (error instanceof RegistryImportFailed) {
      console.error(`import stopped: ${error.message}`);
      console.error(`until then: ${summaryLine(error.summary)}`);
    } else console.error(`import failed: ${(error as Error).message}`);
    return 1;
  } finally {
    await connection.close().catch(() => undefined);
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
