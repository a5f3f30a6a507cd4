import { createReadStream } from 'fs';
import { createInterface } from 'readline';
import type { Model, mongo } from 'mongoose';
import { AcceptedRow, readRegistryRows, RegistryFileError, RegistryFileFormat, RejectedRow } from './registry-import';
import { OPTIONAL_RECORD_FIELDS, RegistryPersonRecord, registryRecordFields, sealedRecordFields } from './registry-person.schema';

/** The stored document as the driver sees it (string `_id`). */
type StoredRecord = RegistryPersonRecord;

export interface ImportSummary {
  /** Data rows read (blank lines and the CSV header not counted). */
  read: number;
  /** New personal ids. */
  imported: number;
  /** Existing records whose data changed. */
  updated: number;
  /** Existing records already as in the file. */
  unchanged: number;
  rejected: number;
}

/** The import stopped (store failure, or a problem with the whole file); `summary` counts what was done until then. */
export class RegistryImportFailed extends Error {
  constructor(
    readonly reason: unknown,
    readonly summary: ImportSummary,
  ) {
    super(reason instanceof Error ? reason.message : String(reason));
    this.name = 'RegistryImportFailed';
  }
}

export interface ImportOptions {
  readonly format: RegistryFileFormat;
  /** Rows per bulk write (default 500). */
  readonly batchSize?: number;
  /** Today's date for the date-of-birth check (default: the current UTC date). */
  readonly today?: string;
  /** Called for every rejected row, in file order. */
  readonly onRejected?: (row: RejectedRow) => void;
  /** Time of the import, recorded as `firstImportedAt` on new records (default: now). */
  readonly now?: Date;
}

/**
 * Imports registry rows into the `registry-persons` collection: valid rows are upserted by personalId in
 * batches (one unordered bulk write per batch), invalid ones reported through `onRejected`. The person's fields
 * are written sealed and the search keys blinded (REGISTRY_PROTECTION). Idempotent: a row whose digest
 * (`rowDigest`) is the stored one is not written (counted `unchanged`); a changed row replaces the person's fields
 * and removes optional fields it no longer has (`updated`); a record stored in clear (imported before encryption)
 * has no digest and is written again, sealed.
 *
 * A store failure or a problem with the whole file (`RegistryFileError`) stops the import with
 * `RegistryImportFailed` carrying the counts so far: batches already written stay written (after a file
 * problem the valid rows read before it are written too), and a rerun finishes the job since rows are
 * idempotent.
 */
export async function importRegistryRows(
  model: Model<RegistryPersonRecord>,
  lines: AsyncIterable<string> | Iterable<string>,
  options: ImportOptions,
): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? 500;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const summary: ImportSummary = { read: 0, imported: 0, updated: 0, unchanged: 0, rejected: 0 };
  const now = options.now ?? new Date();
  let batch: AcceptedRow[] = [];

  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    const collection = model.collection as unknown as mongo.Collection<StoredRecord>;
    const sealed = await Promise.all(
      rows.map(async ({ person }) => ({ person, fields: await sealedRecordFields(model, registryRecordFields(person)) })),
    );
    const digests = new Map(
      (await collection.find({ _id: { $in: rows.map((r) => r.person.personalId) } }, { projection: { rowDigest: 1 } }).toArray()).map(
        (d) => [d._id, d.rowDigest],
      ),
    );
    const changed = sealed.filter(({ person, fields }) => digests.get(person.personalId) !== fields.rowDigest);
    summary.unchanged += sealed.length - changed.length;
    if (changed.length === 0) return;
    const operations: mongo.AnyBulkWriteOperation<StoredRecord>[] = changed.map(({ person, fields }) => {
      const absent = OPTIONAL_RECORD_FIELDS.filter((f) => !(f in fields));
      return {
        updateOne: {
          filter: { _id: person.personalId },
          update: {
            $set: fields,
            ...(absent.length > 0 ? { $unset: Object.fromEntries(absent.map((f) => [f, ''])) } : {}),
            $setOnInsert: { firstImportedAt: now },
          },
          upsert: true,
        },
      };
    });
    // Through the driver's collection: the values are validated and built in a fixed order already, and the
    // write must not add anything (timestamps, casts) that would turn an unchanged row into a modification.
    const result = await collection.bulkWrite(operations, { ordered: false });
    summary.imported += result.upsertedCount;
    summary.updated += result.modifiedCount;
    summary.unchanged += result.matchedCount - result.modifiedCount;
  };

  const rejected = (row: RejectedRow) => {
    summary.rejected++;
    options.onRejected?.(row);
  };

  try {
    try {
      for await (const row of readRegistryRows(lines, { format: options.format, today: options.today })) {
        summary.read++;
        if (!row.ok) rejected({ line: row.line, reasons: row.reasons });
        else {
          batch.push(row);
          if (batch.length >= batchSize) await flush();
        }
      }
    } catch (error) {
      if (error instanceof RegistryFileError) await flush(); // the valid rows read before the file problem are kept
      throw error;
    }
    await flush();
  } catch (error) {
    throw new RegistryImportFailed(error, summary);
  }
  return summary;
}

/** Streams a registry file line by line into `importRegistryRows`. */
export async function importRegistryFile(model: Model<RegistryPersonRecord>, path: string, options: ImportOptions): Promise<ImportSummary> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    return await importRegistryRows(model, lines, options);
  } finally {
    lines.close();
    stream.destroy();
  }
}
