// Seeds the store with N stored cases, every collection in proportion, so that the benchmark measures a platform
// that already holds a volume (issue 17: flat cost as cases pile up). Bulk writes (insertMany, unordered).
//
//   npm run bench:seed -- --stored N [--prefix bench-stored-N]      (KAFKA_BROKERS not needed; MONGODB_URI)
//
// One stored case is one copy of seed-template.json: the documents one application leaves behind in each service
// (intake case, its inbox and partner-message records; verification case, decision; transfer's accepted case,
// transfers, handover, completion, audit; reintegration case, referral, follow-ups, timeline, inbox), taken from a
// benchmark run and a full console run (synthetic people only). Each copy's identifiers (_ids, case numbers,
// references, ce ids, uuids) get a `~s<copy>` suffix, so copies never meet each other nor a case the benchmark
// creates. Left out: counters (the benchmark's cases number from 1), reference data (versions, not per case),
// capacity slots (they would fill the border's capacity of the template's days) and the registry.
import { readFileSync } from 'fs';
import { join } from 'path';
import { parseArgs } from 'util';
import { BSON, Document, MongoClient } from 'mongodb';
import { SERVICES } from '@readmission/testing';

type Template = Record<string, Record<string, Document[]>>;

const MARKER = { collection: 'bench-seed', id: 'stored' };
const BATCH = 1000;

/** Identifiers inside the template: every string _id, and strings shaped like uuids, case numbers or references. */
function identifiersOf(text: string, template: Template): string[] {
  const ids = new Set<string>();
  for (const collections of Object.values(template))
    for (const docs of Object.values(collections)) for (const d of docs) if (typeof d._id === 'string') ids.add(d._id);
  const shaped =
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\b[A-Z]{2,5}-\d{4}-\d{6}\b|BENCH-[0-9-]+|[A-Z]{2,}-[A-Z0-9]+-\d{3,}/g;
  for (const m of text.matchAll(shaped)) ids.add(m[0]);
  // Longest first, so that an id containing another is replaced whole.
  return [...ids].filter((id) => id.length >= 6).sort((a, b) => b.length - a.length);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface SeedResult {
  stored: number;
  added: number;
  documents: number;
  seconds: number;
}

/**
 * Brings the databases `<prefix>-<service>` to `stored` cases (adds copies only; a marker in intake's
 * `bench-seed` collection remembers how many there are), with unordered bulk inserts.
 */
export async function seedStored(
  uri: string,
  prefix: string,
  stored: number,
  say: (line: string) => void = console.log,
): Promise<SeedResult> {
  const started = Date.now();
  const text = readFileSync(join(__dirname, 'seed-template.json'), 'utf8');
  const template = BSON.EJSON.parse(text, { relaxed: false }) as Template;
  const ids = identifiersOf(text, template);
  const pattern = new RegExp(ids.map(escape).join('|'), 'g');
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
  await client.connect();
  let documents = 0;
  let have = 0;
  try {
    const marker = client.db(`${prefix}-intake`).collection<{ _id: string; stored: number }>(MARKER.collection);
    have = (await marker.findOne({ _id: MARKER.id }))?.stored ?? 0;
    if (have >= stored) return { stored: have, added: 0, documents: 0, seconds: 0 };
    say(`seeding ${prefix}-*: ${have} -> ${stored} stored cases`);
    const pending: Record<string, Document[]> = {};
    // The collections' bulk inserts go side by side (the store works on several at once).
    const flush = async (force: boolean) => {
      const writes = Object.entries(pending)
        .filter(([, docs]) => docs.length > 0 && (force || docs.length >= BATCH))
        .map(([target, docs]) => {
          const [db, collection] = target.split('/');
          return client.db(db).collection(collection).insertMany(docs.splice(0), { ordered: false });
        });
      await Promise.all(writes);
    };
    let lastReport = Date.now();
    for (let copy = have; copy < stored; copy++) {
      const copied = BSON.EJSON.parse(
        text.replace(pattern, (id) => `${id}~s${copy}`),
        { relaxed: false },
      ) as Template;
      for (const service of SERVICES) {
        for (const [collection, docs] of Object.entries(copied[service] ?? {})) {
          const target = `${prefix}-${service}/${collection}`;
          for (const doc of docs) {
            if ('outbox' in doc) Object.assign(doc, { outbox: [], outboxPublished: 0, outboxPending: false });
            (pending[target] ??= []).push(doc);
            documents += 1;
          }
        }
      }
      await flush(false);
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        say(
          `  ${copy + 1 - have} of ${stored - have} cases, ${documents} documents, ${Math.round(documents / ((Date.now() - started) / 1000))} documents/s`,
        );
      }
      // The marker moves with what is surely written, so an interrupted seed resumes without duplicates.
      if ((copy + 1) % 1000 === 0) {
        await flush(true);
        await marker.updateOne({ _id: MARKER.id }, { $set: { stored: copy + 1 } }, { upsert: true });
      }
    }
    await flush(true);
    await marker.updateOne({ _id: MARKER.id }, { $set: { stored } }, { upsert: true });
  } finally {
    await client.close();
  }
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  return { stored, added: stored - have, documents, seconds };
}

export const storedPrefix = (stored: number) => `bench-stored-${stored}`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { stored: { type: 'string' }, prefix: { type: 'string' } } });
  const stored = Number(values.stored);
  if (!Number.isInteger(stored) || stored < 1) throw new Error('--stored N (an integer >= 1) is required');
  const uri = process.env.MONGODB_URI ?? `mongodb://127.0.0.1:${process.env.MONGODB_PORT ?? 27017}`;
  const prefix = values.prefix ?? storedPrefix(stored);
  const result = await seedStored(uri, prefix, stored, (line) => console.log(`[seed] ${line}`));
  console.log(`[seed] ${prefix}-*: ${result.stored} stored cases (${result.documents} documents added in ${result.seconds} s)`);
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`[seed] failed: ${error.message}`);
    process.exit(1);
  });
}
