import { FilterQuery, Model, UpdateQuery } from 'mongoose';
import { OutgoingRecord } from '@readmission/messaging';
import { OutboxRelay, initialOutbox, insertOnce, withOutboxRecords } from '@readmission/persistence';

export type Stored<T> = Omit<T, 'outbox' | 'outboxPublished' | 'outboxPending'>;
const HIDDEN = { outbox: 0, outboxPublished: 0, outboxPending: 0 } as const;

/**
 * Interim stand-in for libs/persistence `Repository` (same method names and meaning, so the switch is a change
 * of base class): reads never return outbox fields; writes queue their events in the same write and publish
 * them before returning.
 */
export abstract class StoreRepository<T extends { _id: string }> {
  protected constructor(
    protected readonly model: Model<T>,
    private readonly relay: OutboxRelay,
  ) {}

  findById(id: string, projection?: Record<string, 0 | 1>): Promise<Stored<T> | null> {
    return this.model.findById(id, visible(projection)).lean<Stored<T>>().exec();
  }

  find(filter: FilterQuery<T>, options: { projection?: Record<string, 0 | 1>; sort?: Record<string, 1 | -1>; limit?: number } = {}): Promise<Stored<T>[]> {
    let query = this.model.find(filter, visible(options.projection));
    if (options.sort) query = query.sort(options.sort);
    if (options.limit) query = query.limit(options.limit);
    return query.lean<Stored<T>[]>().exec();
  }

  /** Inserts, or false when the _id exists. */
  async insertOnce(doc: Stored<T>, events: OutgoingRecord[] = []): Promise<boolean> {
    const inserted = await insertOnce(this.model, { ...doc, ...initialOutbox(events) } as never);
    if (inserted && events.length > 0) await this.relay.flush(this.model as never, doc._id);
    return inserted;
  }

  /** updateOne with its events queued in the same write; true when the filter matched. */
  async update(filter: FilterQuery<T>, update: UpdateQuery<T>, events: OutgoingRecord[] = []): Promise<boolean> {
    const result = await this.model.updateOne(filter, (events.length > 0 ? withOutboxRecords(update as never, events) : update) as never).exec();
    if (result.matchedCount > 0 && events.length > 0) await this.relay.flush(this.model as never, (filter as { _id: string })._id);
    return result.matchedCount > 0;
  }
}

/** An inclusion projection already leaves the outbox out; otherwise hide it. */
function visible(projection?: Record<string, 0 | 1>): Record<string, 0 | 1> {
  if (projection && Object.values(projection).some((v) => v === 1)) return projection;
  return { ...projection, ...HIDDEN };
}
