import { randomUUID } from 'crypto';
import { Collection, Connection } from 'mongoose';

/**
 * The pending set: which documents may have outbox records still to publish, in one small collection
 * (`outbox-pending`) per database, so that the relay reads a handful of markers instead of querying
 * `outboxPending` in every collection every few seconds (a full scan on FerretDB, which pushes down only `_id`
 * filters, so its cost grew with the stored volume).
 *
 * Without multi-document transactions the marker and the document cannot be written together, so the ORDER is
 * what makes it safe: a writer inserts its marker BEFORE the write that queues records, and deletes it only AFTER
 * those records are published. At every instant a document with unpublished records therefore has a marker:
 * - crash before the document write: a marker without records; the relay finds nothing to publish and drops it;
 * - crash between the write and the publish (or a failed publish): the marker stays, the relay publishes;
 * - crash after the publish: the marker stays, the relay finds the outbox empty and drops it.
 * Each write has its own marker (a unique `_id`, inserted: the one write FerretDB 1.x applies atomically), so two
 * writers of one document never remove each other's marker.
 *
 * The relay leaves markers younger than the grace period to their writers, and deletes a marker it found with
 * nothing pending only once it is older than `OutboxRelay.markerHoldMs`: a writer that inserted its marker but has
 * not written its document yet (a stalled process) still has it when its write lands. The one assumption: no write
 * lands later than that after its own marker (default 60 s; the store driver's socket timeout is shorter).
 */
export const OUTBOX_PENDING_COLLECTION = 'outbox-pending';

export interface OutboxPendingMarker {
  _id: string;
  /** The collection and the document whose outbox may hold records. */
  collection: string;
  docId: string;
  at: Date;
}

export function pendingMarkers(connection: Connection): Collection<OutboxPendingMarker> {
  return connection.collection<OutboxPendingMarker>(OUTBOX_PENDING_COLLECTION);
}

/** Inserts a marker for a write about to queue records in `collection`/`docId`; returns its id. */
export async function markPending(connection: Connection, collection: string, docId: string): Promise<string> {
  const _id = randomUUID();
  await pendingMarkers(connection).insertOne({ _id, collection, docId, at: new Date() });
  return _id;
}

/** The marker's index: the relay reads the settled ones, oldest first (a tiny collection; served by the index on MongoDB). */
export async function ensurePendingIndex(connection: Connection): Promise<void> {
  await pendingMarkers(connection).createIndex({ at: 1 });
}
