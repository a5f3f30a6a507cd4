import { Logger } from '@nestjs/common';
import { FilterQuery, Model, PipelineStage, SortOrder, UpdateQuery } from 'mongoose';
import { OutgoingRecord, assertWithinBudget } from '@readmission/messaging';
import { isDuplicateKeyError } from './errors';
import { OutboxEntry, OutboxFields, initialOutbox, withOutboxRecords } from './outbox';
import { OutboxRelay } from './outbox-relay';
import { FieldCipher, FieldProtection, protectionOf } from './encryption';

/** A document as callers see it: the outbox is the repository's business, never returned or written by callers. */
export type Stored<T> = Omit<T, keyof OutboxFields>;

/** Fields to return (1) or to leave out (0); outbox fields are always left out, whatever is asked for. */
export type Projection = Record<string, 0 | 1 | boolean>;

export interface FindOptions {
  projection?: Projection;
  sort?: Record<string, SortOrder>;
  skip?: number;
  limit?: number;
}

const OUTBOX_FIELDS: readonly string[] = ['outbox', 'outboxPublished', 'outboxPending', 'outboxFailed'];

/** `projection` with the outbox fields left out (removed from an inclusion, added to an exclusion). */
export function hideOutbox(projection?: Projection): Projection {
  const isOutbox = (field: string) => OUTBOX_FIELDS.some((f) => field === f || field.startsWith(`${f}.`));
  const asked = Object.entries(projection ?? {});
  const fields = asked.filter(([field]) => !isOutbox(field));
  const inclusion = asked.some(([field, value]) => field !== '_id' && Boolean(value));
  if (!inclusion) return { ...Object.fromEntries(fields), outbox: 0, outboxPublished: 0, outboxPending: 0, outboxFailed: 0 };
  // An inclusion that named only outbox fields would return everything once they are removed: return the _id alone.
  return fields.some(([field, value]) => field !== '_id' && Boolean(value)) ? Object.fromEntries(fields) : { _id: 1 };
}

/** The pipeline of Repository.countBy (exported for the explain test). */
export function countByPipeline(filter: FilterQuery<unknown>, field: string): PipelineStage[] {
  return [{ $match: filter }, { $group: { _id: `$${field}`, n: { $sum: 1 } } }];
}

/**
 * The one way a service reads and writes a collection (subclass it per collection, in `infrastructure/`).
 *
 * Reads are lean and never return the outbox. Writes take the events the change must publish: they are queued in
 * the document's outbox in the SAME atomic write as the change, and published before the call returns, so a
 * forgotten publish cannot happen.
 *
 * If the publish fails after the write (broker down, topic missing), the call still resolves: the change is stored
 * and its events stay pending in the document, where the OutboxRelay publishes them on its next sweep. An HTTP
 * caller gets its success, a Kafka handler commits its message; nothing is lost, delivery is only later.
 *
 * A write that finds its work already done (insertOnce of an existing _id, update whose guard no longer matches)
 * publishes what the earlier write may have left pending: that is how a redelivery after a crash finishes the job.
 *
 * A write with events first puts a marker in the pending set (outbox-pending.ts) and removes it once the events
 * are out (in the background: the caller does not wait for it), so the relay never has to search the collection.
 * An insert publishes the events it holds without reading the document back.
 */
export abstract class Repository<T extends { _id: string }> {
  private readonly logger = new Logger(this.constructor.name);
  /** Whether the schema has an outbox (withOutbox): only then may writes carry events. */
  private readonly hasOutbox: boolean;
  /** The schema's personal-data fields (protectFields): sealed on every write, opened on every read. */
  protected readonly protection: FieldProtection;
  private cipherOf?: FieldCipher;

  protected constructor(
    protected readonly model: Model<T>,
    private readonly relay: OutboxRelay,
  ) {
    this.hasOutbox = Boolean(model.schema.path('outbox'));
    this.protection = protectionOf(model.schema) ?? { encrypt: [] };
    if (this.hasOutbox) relay.register(model as never);
  }

  async findById(id: string, projection?: Projection): Promise<Stored<T> | null> {
    return this.reveal(await this.model.findById(id, hideOutbox(projection)).lean<Stored<T>>().exec());
  }

  async findOne(filter: FilterQuery<T>, projection?: Projection): Promise<Stored<T> | null> {
    return this.reveal(
      await this.model
        .findOne(await this.protectFilter(filter), hideOutbox(projection))
        .lean<Stored<T>>()
        .exec(),
    );
  }

  async find(filter: FilterQuery<T>, options: FindOptions = {}): Promise<Stored<T>[]> {
    const query = this.model.find(await this.protectFilter(filter), hideOutbox(options.projection));
    if (options.sort) query.sort(options.sort);
    if (options.skip) query.skip(options.skip);
    if (options.limit) query.limit(options.limit);
    return Promise.all((await query.lean<Stored<T>[]>().exec()).map((doc) => this.reveal(doc) as Promise<Stored<T>>));
  }

  /**
   * The documents matching any of `filters`, each document once, sorted and limited as `options` say: one read per
   * filter, side by side. For an alternative that would otherwise be a `$in` or an `$or` (the statuses a sweep
   * looks at, the persons of a notice): MongoDB serves each equality from an index as well as it would the `$in`,
   * but the local FerretDB pushes only equalities down to its backend and reads and decodes the whole collection for
   * a `$in`, an `$or` or a `$ne` (docs/performance.md). `limit` applies to each read and to the merged result.
   */
  async findMerged(filters: FilterQuery<T>[], options: Omit<FindOptions, 'skip'> = {}): Promise<Stored<T>[]> {
    const found = await Promise.all(filters.map((filter) => this.find(filter, options)));
    const merged = [...new Map(found.flat().map((doc) => [doc._id, doc])).values()];
    if (options.sort) merged.sort(bySort(options.sort));
    return options.limit ? merged.slice(0, options.limit) : merged;
  }

  /** The documents whose `field` equals one of `values` (and that match `filter`): findMerged, one equality per value. */
  async findEach(
    field: string,
    values: readonly string[],
    filter: FilterQuery<T> = {},
    options: Omit<FindOptions, 'skip'> = {},
  ): Promise<Stored<T>[]> {
    return this.findMerged(
      [...new Set(values)].map((value) => ({ ...filter, [field]: value }) as FilterQuery<T>),
      options,
    );
  }

  /** `updateMany` of the documents `ids` names, one `_id` equality each (see findEach); how many matched. */
  async updateEach(ids: readonly string[], update: UpdateQuery<T>): Promise<number> {
    const matched = await Promise.all([...new Set(ids)].map((id) => this.updateMany({ _id: id } as FilterQuery<T>, update)));
    return matched.reduce((sum, n) => sum + n, 0);
  }

  async count(filter: FilterQuery<T>): Promise<number> {
    return this.model.countDocuments(await this.protectFilter(filter)).exec();
  }

  /**
   * How many documents match, per value of `field`: one `$match` + `$group` per filter, summed. Pass one filter per
   * status (equality) rather than one `$in`: MongoDB serves each from an index (status, <range field>, field), and
   * FerretDB's PostgreSQL handler pushes an equality down to PostgreSQL (a `$in` it does not), so that only the
   * matching documents ever reach it, not the whole collection.
   */
  async countBy(filters: FilterQuery<T> | FilterQuery<T>[], field: string, maxTimeMS = 10_000): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const filter of Array.isArray(filters) ? filters : [filters]) {
      const rows = await this.model.aggregate<{ _id: unknown; n: number }>(countByPipeline(filter, field)).option({ maxTimeMS });
      for (const r of rows) counts.set(String(r._id ?? ''), (counts.get(String(r._id ?? '')) ?? 0) + r.n);
    }
    return counts;
  }

  /**
   * Retention (docs/security.md): the records matching `filter` whose `dateField` is before `cutoff` and whose personal
   * data is still there (no `purgedAt`), oldest first, at most `limit`; `subject` is what legal holds name: the case
   * number (the field `subjectField`, by default the record's id), or several fields joined by `:` (e.g. `DE:REF-1`).
   */
  async dueForPurge(
    filter: FilterQuery<T>,
    dateField: string,
    cutoff: Date,
    limit: number,
    subjectField: string | string[] = '_id',
  ): Promise<{ id: string; subject: string }[]> {
    const subjectFields = Array.isArray(subjectField) ? subjectField : [subjectField];
    const due = await this.model
      .find(await this.protectFilter({ ...filter, [dateField]: { $lt: cutoff }, purgedAt: { $exists: false } } as FilterQuery<T>), {
        _id: 1,
        ...Object.fromEntries(subjectFields.map((f) => [f, 1])),
      })
      .sort({ [dateField]: 1 })
      .limit(limit)
      .lean<Record<string, unknown>[]>()
      .exec();
    return due.map((d) => ({ id: String(d._id), subject: subjectFields.map((f) => String(d[f])).join(':') }));
  }

  async exists(filter: FilterQuery<T>): Promise<boolean> {
    return (await this.model.exists(await this.protectFilter(filter)).exec()) !== null;
  }

  /** Inserts `doc` with its `events` in one write, then publishes them. A duplicate key fails (see insertOnce). */
  async insert(doc: Stored<T>, events: OutgoingRecord[] = []): Promise<void> {
    await this.create(doc, events);
  }

  /**
   * Inserts `doc` with its `events`, or returns false if its _id (or another unique key) is taken: the one caller
   * that gets true did the effect. A unique-key insert is atomic on every store, so this is how "exactly once"
   * works across instances. On false nothing is written; what the existing document has pending is published.
   */
  async insertOnce(doc: Stored<T>, events: OutgoingRecord[] = []): Promise<boolean> {
    try {
      await this.create(doc, events);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      await this.publishPending(doc._id);
      return false;
    }
    return true;
  }

  /** The insert itself: personal fields sealed, events queued (sealed) in the same write, marked, then published. */
  private async create(doc: Stored<T>, events: OutgoingRecord[]): Promise<void> {
    const outbox = await this.outboxOf(events);
    const stored = await this.protect(doc);
    const marker = await this.mark(doc._id, events);
    try {
      await this.model.create({ ...stored, ...outbox });
    } catch (error) {
      this.release(marker);
      throw error;
    }
    await this.publishPending(doc._id, marker, outbox.outbox);
  }

  /**
   * Updates the one document `filter._id` names (the filter may add guards, e.g. `appliedIds: { $ne: id }`), with
   * `events` queued in the same atomic write, then publishes them. Returns whether the filter matched; when it did
   * not, nothing is written and what the document has pending is published.
   */
  async update(filter: FilterQuery<T> & { _id: string }, update: UpdateQuery<T>, events: OutgoingRecord[] = []): Promise<boolean> {
    await this.outboxOf(events); // refuses events for a collection without outbox
    const change =
      this.protection.encrypt.length > 0 || this.protection.blind
        ? await this.cipher.protectUpdate(asOperators(update), this.protection)
        : update;
    const write = events.length > 0 ? withOutboxRecords(asOperators(change), await this.cipher.sealRecords(events)) : change;
    const guard = await this.protectFilter(filter);
    const marker = await this.mark(filter._id, events);
    let matchedCount: number;
    try {
      ({ matchedCount } = await this.model.updateOne(guard, write as UpdateQuery<T>).exec());
    } catch (error) {
      this.release(marker);
      throw error;
    }
    if (matchedCount === 0) this.release(marker); // nothing written
    if (events.length > 0 || matchedCount === 0) await this.publishPending(filter._id, matchedCount > 0 ? marker : undefined);
    return matchedCount > 0;
  }

  /** Updates every matching document; no events (a change that must publish is one write on one document). */
  async updateMany(filter: FilterQuery<T>, update: UpdateQuery<T>): Promise<number> {
    const change = await this.cipher.protectUpdate(asOperators(update), this.protection);
    return (await this.model.updateMany(await this.protectFilter(filter), change as UpdateQuery<T>).exec()).matchedCount;
  }

  /** The cipher of this collection's database (its keyring). */
  protected get cipher(): FieldCipher {
    this.cipherOf ??= FieldCipher.of(this.model.db);
    return this.cipherOf;
  }

  /** A stored document (or part of one, as read by a subclass's own query) with its sealed fields opened. */
  protected async reveal<D>(doc: D): Promise<D> {
    if (doc === null || doc === undefined || this.protection.encrypt.length === 0) return doc;
    return this.cipher.reveal(doc, this.protection);
  }

  /** A document about to be written by a subclass's own query, with its personal fields sealed and search keys blinded. */
  protected async protect<D>(doc: D): Promise<D> {
    if (this.protection.encrypt.length === 0 && !this.protection.blind) return doc;
    return this.cipher.protect(doc, this.protection);
  }

  /** A filter for a subclass's own query: search keys blinded; a condition on a sealed field is refused. */
  protected async protectFilter<F>(filter: F): Promise<F> {
    if (!this.protection.blind && this.protection.encrypt.length === 0) return filter;
    return this.cipher.protectFilter(filter as Record<string, unknown>, this.protection) as Promise<F>;
  }

  /** Also refuses (RecordTooLargeError, permanent) an event over the size budget, before anything is written. */
  /** Pending events are sealed: they carry whole events (an application, a person) until they are published. */
  private async outboxOf(events: OutgoingRecord[]): Promise<Partial<OutboxFields>> {
    assertWithinBudget(events);
    if (this.hasOutbox) return initialOutbox(events.length > 0 ? await this.cipher.sealRecords(events) : events);
    if (events.length > 0) throw new Error(`${this.model.collection.name} has no outbox (withOutbox) to queue events in`);
    return {};
  }

  /** The pending-set marker of a write with events, inserted before that write (none without events). */
  private async mark(id: string, events: OutgoingRecord[]): Promise<string | undefined> {
    return this.hasOutbox && events.length > 0 ? this.relay.markPending(this.model as never, id) : undefined;
  }

  /** Drops a marker in the background: a marker left behind only costs the relay one look at the document. */
  private release(marker: string | undefined): void {
    if (!marker) return;
    this.relay
      .release(this.model as never, marker)
      .catch((error: Error) => this.logger.debug?.(`pending marker ${marker} left to the relay: ${error.message}`));
  }

  /**
   * Publishes what the document has pending (`known`: its whole outbox, just inserted), then drops the write's
   * marker; a failure leaves both to the relay (see the class comment).
   */
  private async publishPending(id: string, marker?: string, known?: OutboxEntry[]): Promise<void> {
    if (!this.hasOutbox) return;
    try {
      await this.relay.flush(this.model as never, id, known);
      this.release(marker);
    } catch (error) {
      this.logger.warn(`outbox of ${this.model.collection.name} ${id} not published now, left to the relay: ${(error as Error).message}`);
    }
  }
}

/** An update in operator form: plain top-level fields (`{ status: 'x' }`) become `$set`, as mongoose reads them. */
function asOperators(update: UpdateQuery<unknown>): { $set?: Record<string, unknown>; [op: string]: unknown } {
  const operators: Record<string, unknown> = {};
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(update)) (key.startsWith('$') ? operators : plain)[key] = value;
  if (Object.keys(plain).length === 0) return operators;
  return { ...operators, $set: { ...(operators.$set as Record<string, unknown> | undefined), ...plain } };
}

/** Retention: a record's history as events only (when, what, by whom), without their details (which may name the person). */
export function withoutDetails<E extends { at: Date; event: string; by: string }>(history: E[]): { at: Date; event: string; by: string }[] {
  return history.map(({ at, event, by }) => ({ at, event, by }));
}

/** A comparison of documents as the store sorts them (dates, numbers, strings; a missing value first), for findMerged. */
function bySort(sort: Record<string, SortOrder>): (a: object, b: object) => number {
  const keys = Object.entries(sort).map(([field, order]) => ({ field, sign: String(order).startsWith('desc') || order === -1 ? -1 : 1 }));
  const valueOf = (doc: object, field: string) => {
    const value = field.split('.').reduce<unknown>((v, part) => (v as Record<string, unknown> | undefined)?.[part], doc);
    return value instanceof Date ? value.getTime() : (value as string | number | undefined);
  };
  return (a, b) => {
    for (const { field, sign } of keys) {
      const [x, y] = [valueOf(a, field), valueOf(b, field)];
      if (x === y) continue;
      if (x === undefined || x === null) return -sign;
      if (y === undefined || y === null) return sign;
      return (x < y ? -1 : 1) * sign;
    }
    return 0;
  };
}
