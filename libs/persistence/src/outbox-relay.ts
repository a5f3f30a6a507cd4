import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getModelToken } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { EventPublisher } from '@readmission/messaging';
import { OutboxFields, flushOutbox } from './outbox';

/** The relay's timing from the service's settings (OUTBOX_RELAY_INTERVAL_MS, OUTBOX_RELAY_GRACE_MS); PlatformModule provides it. */
export const OUTBOX_RELAY_TIMING = Symbol('OUTBOX_RELAY_TIMING');
export interface OutboxRelayTiming {
  intervalMs: number;
  pendingGraceMs: number;
}

/**
 * Publishes outboxes that were left pending: by a crash between the write and the publish, or by an HTTP
 * action whose publish failed. Sweeps each registered collection every few seconds.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly models: Model<OutboxFields>[] = [];
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
  }

  /** Most documents one sweep takes from a collection, oldest change first, so that none waits behind newer ones. */
  static batchSize = 100;

  /**
   * Publishes one document's pending records now (the normal path, right after the write). Records the broker
   * refuses for good (too large) are moved to the document's `outboxFailed`, counted and logged, never retried.
   */
  async flush(model: Model<never>, id: unknown): Promise<void> {
    const outboxes = model as unknown as Model<OutboxFields>;
    const { failed } = await flushOutbox(outboxes, id, (records) => this.publisher.publish(records));
    for (const entry of failed) {
      this.logger.error(`outbox of ${outboxes.collection.name} ${String(id)}: ${entry.topic} record ${entry.key} can never be published, moved to outboxFailed: ${entry.error}`);
    }
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweeping ??= this.sweep().finally(() => (this.sweeping = undefined));
    }, this.timing?.intervalMs ?? OutboxRelay.intervalMs);
  }

  async sweep(): Promise<void> {
    for (const model of this.models) {
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
      // One document that cannot be published (yet) must not hold back the others behind it.
      for (const doc of pending) {
        await this.flush(model as never, doc._id).catch((error: Error) =>
          this.logger.warn(`outbox of ${model.collection.name} ${String(doc._id)} not published: ${error.message}`),
        );
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
