import { Connection, Model } from 'mongoose';
import { Gauge, register } from 'prom-client';
import { pendingMarkers } from './outbox-pending';

/**
 * Outbox gauges, read at each scrape (GET /metrics) from the pending set of each database (`outbox-pending`, see
 * outbox-pending.ts: one marker per write whose records are not published yet), never from the collections
 * themselves (a scan on FerretDB): per collection, how many documents have records waiting and how long the oldest
 * has waited. The alert OutboxPendingTooLong watches the age. A store that does not answer leaves the last values
 * (the scrape never fails because of it).
 */
const watched = new Map<string, Connection>();
const collections = new Set<string>();

/** Adds a collection with an outbox to the gauges (the relay calls it for each collection it sweeps). */
export function watchOutbox(model: Model<never>): void {
  collections.add(model.collection.name);
  watched.set(`${model.db.id}`, model.db);
}

type Sample = { pending: number; oldestAgeSeconds: number };
let sampling: Promise<Map<string, Sample>> | undefined;

/** One read per scrape for both gauges (each gauge's collect asks; the second gets the same answer). */
function sample(): Promise<Map<string, Sample>> {
  sampling ??= (async () => {
    const samples = new Map<string, Sample>([...collections].map((c) => [c, { pending: 0, oldestAgeSeconds: 0 }]));
    let answered = false;
    await Promise.all(
      [...watched.values()].map(async (connection) => {
        try {
          const markers = await pendingMarkers(connection)
            .find({}, { projection: { collection: 1, docId: 1, at: 1 }, maxTimeMS: 2_000, limit: 10_000 })
            .toArray();
          answered = true;
          const docs = new Map<string, Set<string>>();
          for (const m of markers) {
            const s = samples.get(m.collection) ?? { pending: 0, oldestAgeSeconds: 0 };
            s.oldestAgeSeconds = Math.max(s.oldestAgeSeconds, (Date.now() - new Date(m.at).getTime()) / 1000);
            samples.set(m.collection, s);
            docs.set(m.collection, (docs.get(m.collection) ?? new Set()).add(m.docId));
          }
          for (const [collection, ids] of docs) samples.get(collection)!.pending = ids.size;
        } catch {
          // the store does not answer: this database keeps its last values
        }
      }),
    );
    return answered ? samples : new Map();
  })().finally(() => setTimeout(() => (sampling = undefined), 0));
  return sampling;
}

function gauge(name: string, help: string, pick: (s: Sample) => number): Gauge<'collection'> {
  const existing = register.getSingleMetric(name) as Gauge<'collection'> | undefined;
  if (existing) return existing;
  return new Gauge({
    name,
    help,
    labelNames: ['collection'],
    async collect() {
      for (const [collection, s] of await sample()) this.set({ collection }, pick(s));
    },
  });
}

export const outboxGauges = {
  pending: gauge(
    'outbox_pending_records',
    'Documents whose outbox has records not yet published (markers of the pending set), per collection.',
    (s) => s.pending,
  ),
  oldestAge: gauge(
    'outbox_oldest_pending_age_seconds',
    'Age of the oldest write whose outbox records are not yet published, per collection; 0 when none.',
    (s) => s.oldestAgeSeconds,
  ),
};
