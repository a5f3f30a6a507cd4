import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Counter, register } from 'prom-client';
import { OutgoingRecord, describeError, isPermanent, withTraceContext } from '@readmission/messaging';

/**
 * The transactional outbox, inside the document that a change writes: the events a change must publish are
 * stored in the same atomic write as the change itself, then published and cleared. A crash in between leaves
 * them pending; the relay (or the redelivered message) publishes them later. Consumers are idempotent, so a
 * record published twice after a crash has one effect.
 */
@Schema({ _id: false })
export class OutboxEntry implements OutgoingRecord {
  @Prop({ required: true }) topic!: string;
  @Prop({ required: true }) key!: string;
  @Prop({ required: true }) value!: string;
  @Prop({ type: Object, required: true }) headers!: Record<string, string>;
}
export const OutboxEntrySchema = SchemaFactory.createForClass(OutboxEntry);

/**
 * An entry the broker refused for good (too large, a permanent error): moved out of the outbox into
 * `outboxFailed`, with the error, so that it is neither retried for ever nor blocks the entries behind it.
 */
@Schema({ _id: false })
export class FailedOutboxEntry extends OutboxEntry {
  @Prop({ required: true }) error!: string;
  @Prop({ required: true }) failedAt!: Date;
}
export const FailedOutboxEntrySchema = SchemaFactory.createForClass(FailedOutboxEntry);

/** Fields every document with an outbox has. Add them to a schema with `withOutbox`. */
export interface OutboxFields {
  outbox: OutboxEntry[];
  /** How many entries of `outbox` are already published. */
  outboxPublished: number;
  /** Indexed flag the relay looks for. */
  outboxPending: boolean;
  /** Entries moved aside as never publishable (see FailedOutboxEntry); absent when there are none. */
  outboxFailed?: FailedOutboxEntry[];
}

export function withOutbox<S extends import('mongoose').Schema>(schema: S): S {
  schema.add({
    outbox: { type: [OutboxEntrySchema], default: [] },
    outboxPublished: { type: Number, default: 0 },
    outboxPending: { type: Boolean, default: false, index: true },
    outboxFailed: { type: [FailedOutboxEntrySchema], default: undefined },
  });
  return schema;
}

export const outboxMetrics = {
  failed:
    (register.getSingleMetric('outbox_entries_failed_total') as Counter<'collection'>) ??
    new Counter({
      name: 'outbox_entries_failed_total',
      help: 'Outbox entries the broker refused for good (too large), moved aside to outboxFailed, per collection.',
      labelNames: ['collection'],
    }),
};

/** A change's own update, extended to queue records in the document's outbox in the same atomic write. */
export function withOutboxRecords(
  update: { $set?: Record<string, unknown>; $push?: Record<string, unknown>; [op: string]: unknown },
  records: OutgoingRecord[],
): Record<string, unknown> {
  return {
    ...update,
    $push: { ...update.$push, outbox: { $each: records.map(plainRecord) } },
    $set: { ...update.$set, outboxPending: true },
  };
}

export function initialOutbox(records: OutgoingRecord[]): OutboxFields {
  return { outbox: records.map(plainRecord) as OutboxEntry[], outboxPublished: 0, outboxPending: records.length > 0 };
}

/** A record as queued: plain strings, and the trace context of the work that queues it (published later, maybe by the relay). */
function plainRecord(r: OutgoingRecord): OutgoingRecord {
  return {
    topic: r.topic,
    key: r.key,
    value: Buffer.isBuffer(r.value) ? r.value.toString('utf8') : r.value,
    headers: withTraceContext(r.headers),
  };
}

/**
 * Publishes what is pending in one document's outbox, then clears it (or records progress if it grew meanwhile).
 *
 * Flushes of one document may overlap (the writer's own flush and the relay's sweep), and records may be queued
 * while one publishes. Both writes below are therefore conditional on the outbox still starting with exactly the
 * entries this flush read (compared by content, not only by count): a flush never clears records it did not
 * publish, and never records progress on an outbox that another flush has cleared meanwhile.
 * `known` (only for a document the caller has just inserted, whose outbox is exactly these records) saves reading
 * the document back.
 */
export async function flushOutbox<T extends OutboxFields>(
  model: Model<T>,
  id: unknown,
  publish: (records: OutgoingRecord[]) => Promise<void>,
  known?: OutboxEntry[],
): Promise<{ failed: FailedOutboxEntry[] }> {
  // `known`: the whole outbox as the caller just wrote it (a new document), so it is not read back; the
  // conditional clear below still checks it against the stored document.
  const doc = known
    ? { outbox: known, outboxPublished: 0 }
    : await model.findById(id, { outbox: 1, outboxPublished: 1 }).lean<OutboxFields>().exec();
  if (!doc || doc.outbox.length <= doc.outboxPublished) return { failed: [] };
  const total = doc.outbox.length;
  const pending = doc.outbox.slice(doc.outboxPublished);
  let failed: FailedOutboxEntry[] = [];
  try {
    await publish(pending);
  } catch (error) {
    if (!isPermanent(error)) throw error;
    failed = await publishOneByOne(pending, publish);
  }
  const unchanged = startsWith(doc.outbox);
  const setAside = failed.length > 0 ? { $push: { outboxFailed: { $each: failed } } } : {};
  const cleared = await model
    .updateOne(
      { _id: id, outbox: { $size: total }, ...unchanged } as never,
      { $set: { outbox: [], outboxPublished: 0, outboxPending: false }, ...setAside } as never,
    )
    .exec();
  if (cleared.matchedCount === 0) {
    const progress = await model
      .updateOne(
        { _id: id, outboxPublished: { $lt: total }, ...unchanged } as never,
        { $set: { outboxPublished: total }, ...setAside } as never,
      )
      .exec();
    if (progress.matchedCount === 0) failed = []; // another flush recorded this outbox meanwhile
  }
  if (failed.length > 0) outboxMetrics.failed.inc({ collection: model.collection.name }, failed.length);
  return { failed };
}

/**
 * After a batch failed for good: each record alone, so that the refused ones are found and the rest go out.
 * A transient failure still throws (the whole outbox stays pending; consumers are idempotent).
 */
async function publishOneByOne(
  records: OutboxEntry[],
  publish: (records: OutgoingRecord[]) => Promise<void>,
): Promise<FailedOutboxEntry[]> {
  const failed: FailedOutboxEntry[] = [];
  for (const record of records) {
    try {
      await publish([record]);
    } catch (error) {
      if (!isPermanent(error)) throw error;
      failed.push({ ...record, error: describeError(error).slice(0, 2000), failedAt: new Date() });
    }
  }
  return failed;
}

/** A filter for an outbox whose first entries are these (topic, key and value of each, all plain strings). */
function startsWith(entries: OutboxEntry[]): Record<string, string> {
  const filter: Record<string, string> = {};
  entries.forEach((entry, i) => {
    filter[`outbox.${i}.topic`] = entry.topic;
    filter[`outbox.${i}.key`] = entry.key;
    filter[`outbox.${i}.value`] = entry.value;
  });
  return filter;
}
