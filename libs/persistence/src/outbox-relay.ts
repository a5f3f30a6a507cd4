import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getModelToken } from '@nestjs/mongoose';
import { Connection, Model } from 'mongoose';
import { EventPublisher } from '@readmission/messaging';
import { watchOutbox } from './outbox-metrics';
import { OutboxEntry, OutboxFields, flushOutbox } from './outbox';
import { FieldCipher } from './encryption/field-protection';
import { OutboxPendingMarker, ensurePendingIndex, markPending, pendingMarkers } from './outbox-pending';

/** The relay's timing from the service's settings (OUTBOX_RELAY_INTERVAL_MS, OUTBOX_RELAY_GRACE_MS); PlatformModule provides it. */
export const OUTBOX_RELAY_TIMING = Symbol('OUTBOX_RELAY_TIMING');
export interface OutboxRelayTiming {
  intervalMs: number;
  pendingGraceMs: number;
}

/**
 * Publishes outboxes that were left pending: by a crash between the write and the publish, or by an HTTP
 * action whose publish failed. Every few seconds it reads the pending set (`outbox-pending`, see outbox-pending.ts),
 * whose size is the number of writes in flight or failed, not the number of documents stored. Only its first sweep
 * after the start also looks for `outboxPending` in each registered collection: outboxes left by a version without
 * the pending set (a scan on FerretDB, once per start).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly models: Model<OutboxFields>[] = [];
  /** Connections (databases) of the registered models: each has its own pending set. */
  private readonly connections = new Set<Connection>();
  /** Collections already searched for outboxes left before the pending set existed (once per start). */
  private readonly scanned = new Set<Model<OutboxFields>>();
  private readonly indexed = new Set<Connection>();
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  /** Sweep interval when no timing is injected (the relay's own tests set it). */
  static intervalMs = 2000;
  /**
   * A document written less than this long ago is left to its writer, which flushes right after its write. Two
   * flushes of one document at once are harmless on MongoDB, but FerretDB applies updates as read-modify-write, so
   * the relay's clear could undo a change the writer makes a moment later.
   */
  static pendingGraceMs = 5000;

  constructor(
    private readonly publisher: EventPublisher,
    @Optional() @Inject(OUTBOX_RELAY_TIMING) private readonly timing?: OutboxRelayTiming,
  ) {}

  /** Adds a collection to the sweep; registering one twice (a repository and registerOutboxes) sweeps it once. */
  register(model: Model<never>): void {
    const outboxes = model as unknown as Model<OutboxFields>;
    if (!this.models.includes(outboxes)) this.models.push(outboxes);
    watchOutbox(model);
    this.connections.add(outboxes.db);
  }

  /**
   * A marker leaves a settled pending-set entry older than this in place, even when its document has nothing
   * pending, in case its writer has not written yet (see outbox-pending.ts).
   */
  static markerHoldMs = 60_000;

  /** Before a write that queues records in `model`'s document `id`: its marker in the pending set. */
  markPending(model: Model<never>, id: string): Promise<string> {
    const outboxes = model as unknown as Model<OutboxFields>;
    return markPending(outboxes.db, outboxes.collection.name, id);
  }

  /** After the records of that write were published (or nothing was written): the marker goes. */
  async release(model: Model<never>, markerId: string): Promise<void> {
    await pendingMarkers((model as unknown as Model<OutboxFields>).db).deleteOne({ _id: markerId });
  }

  /** Most documents one sweep takes from a collection, oldest change first, so that none waits behind newer ones. */
  static batchSize = 100;

  /**
   * Publishes one document's pending records now (the normal path, right after the write). Records the broker
   * refuses for good (too large) are moved to the document's `outboxFailed`, counted and logged, never retried.
   */
  async flush(model: Model<never>, id: unknown, known?: OutboxEntry[]): Promise<void> {
    const outboxes = model as unknown as Model<OutboxFields>;
    const cipher = FieldCipher.of(outboxes.db);
    const { failed } = await flushOutbox(outboxes, id, async (records) => this.publisher.publish(await cipher.openRecords(records)), known);
    for (const entry of failed) {
      this.logger.error(
        `outbox of ${outboxes.collection.name} ${String(id)}: ${entry.topic} record ${entry.key} can never be published, moved to outboxFailed: ${entry.error}`,
      );
    }
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweeping ??= this.sweep().finally(() => (this.sweeping = undefined));
    }, this.timing?.intervalMs ?? OutboxRelay.intervalMs);
  }

  async sweep(): Promise<void> {
    for (const connection of this.connections) await this.sweepPendingSet(connection);
    for (const model of this.models) {
      if (this.scanned.has(model)) continue;
      let pending: { _id: unknown }[];
      try {
        const settled = new Date(Date.now() - (this.timing?.pendingGraceMs ?? OutboxRelay.pendingGraceMs));
        pending = await model
          .find({ outboxPending: true, $or: [{ updatedAt: { $lt: settled } }, { updatedAt: { $exists: false } }] }, { _id: 1 })
          .sort({ updatedAt: 1, _id: 1 })
          .limit(OutboxRelay.batchSize)
          .lean<{ _id: unknown }[]>()
          .exec();
      } catch (error) {
        this.logger.warn(`outbox sweep of ${model.collection.name} failed: ${(error as Error).message}`);
        continue;
      }
      if (pending.length < OutboxRelay.batchSize) this.scanned.add(model); // else the next sweep takes the rest
      // One document that cannot be published (yet) must not hold back the others behind it.
      for (const doc of pending) {
        await this.flush(model as never, doc._id).catch((error: Error) =>
          this.logger.warn(`outbox of ${model.collection.name} ${String(doc._id)} not published: ${error.message}`),
        );
      }
    }
  }

  /** The settled markers of one database, oldest first: each document's outbox published, then its marker dropped. */
  private async sweepPendingSet(connection: Connection): Promise<void> {
    const now = Date.now();
    let markers: OutboxPendingMarker[];
    try {
      if (!this.indexed.has(connection)) await ensurePendingIndex(connection);
      this.indexed.add(connection);
      const settled = new Date(now - (this.timing?.pendingGraceMs ?? OutboxRelay.pendingGraceMs));
      markers = await pendingMarkers(connection)
        .find({ at: { $lt: settled } })
        .sort({ at: 1 })
        .limit(OutboxRelay.batchSize)
        .toArray();
    } catch (error) {
      this.logger.warn(`outbox pending set of ${connection.name} not read: ${(error as Error).message}`);
      return;
    }
    const flushed = new Set<string>();
    for (const marker of markers) {
      const model = this.models.find((m) => m.db === connection && m.collection.name === marker.collection);
      if (!model) continue; // a collection this process does not register (another service's, or not yet)
      const key = `${marker.collection}/${marker.docId}`;
      try {
        if (!flushed.has(key)) await this.flush(model as never, marker.docId);
        flushed.add(key);
        if (marker.at.getTime() < now - OutboxRelay.markerHoldMs) await pendingMarkers(connection).deleteOne({ _id: marker._id });
      } catch (error) {
        this.logger.warn(`outbox of ${marker.collection} ${marker.docId} not published: ${(error as Error).message}`);
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }
}

/** Registers the named models' outboxes with the relay (call from a module's onModuleInit). */
export function registerOutboxes(moduleRef: ModuleRef, modelNames: string[]): void {
  const relay = moduleRef.get(OutboxRelay, { strict: false });
  for (const name of modelNames) relay.register(moduleRef.get(getModelToken(name), { strict: false }));
}
