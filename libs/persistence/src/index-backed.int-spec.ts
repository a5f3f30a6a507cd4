import mongoose, { Connection, Model, Schema } from 'mongoose';
import { InboxRecord, InboxRecordSchema } from './inbox.schema';
import { OUTBOX_PENDING_COLLECTION, ensurePendingIndex, markPending } from './outbox-pending';
import { OutboxFields, withOutbox } from './outbox';
import { countByPipeline } from './repository';

// The persistence layer's hot-path and sweep queries, explained by the real store.
//
// MongoDB answers `explain` with a plan: each query here must use an index (IDHACK/EXPRESS or IXSCAN), never a
// COLLSCAN. FerretDB 1.x answers with its backend's plan and, more usefully, `filterPushdown`: whether the filter
// went to the backend (SQLite or PostgreSQL) or was applied in FerretDB after reading every document. Its SQLite
// handler pushes down only a filter that is exactly `{ _id: <string> }` (its PostgreSQL handler also equality on
// other fields), so there the meaningful check is that the hot path reads by `_id` alone; the pending set's
// `{ at: { $lt } }` is not pushed down there and is read whole: it holds only the writes in flight, by design.
interface Doc extends OutboxFields {
  _id: string;
  status: string;
  dueBy?: Date;
  partner?: string;
}

type Explained = Record<string, unknown>;

/** Every `stage` in a MongoDB plan (classic or SBE shapes). */
function stages(plan: unknown, found: string[] = []): string[] {
  if (Array.isArray(plan)) plan.forEach((p) => stages(p, found));
  else if (plan && typeof plan === 'object') {
    for (const [key, value] of Object.entries(plan)) {
      if (key === 'stage' && typeof value === 'string') found.push(value);
      else stages(value, found);
    }
  }
  return found;
}

describe('index-backed queries on the real store', () => {
  let connection: Connection;
  let docs: Model<Doc>;
  let inbox: Model<InboxRecord>;
  let ferret: boolean;

  const winning = (explained: Explained) => stages((explained.queryPlanner as Explained | undefined)?.winningPlan);
  const expectIndexed = (explained: Explained) => {
    const used = winning(explained);
    expect(used).not.toContain('COLLSCAN');
    expect(used.some((s) => /IXSCAN|IDHACK|EXPRESS/.test(s))).toBe(true);
  };

  beforeAll(async () => {
    connection = await mongoose
      .createConnection(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017', { dbName: `persistence-test-${Date.now()}-explain` })
      .asPromise();
    const schema = withOutbox(new Schema<Doc>({ _id: String, status: String, dueBy: Date, partner: String }));
    // As the business gauges' indexes (e.g. verification-cases { status, replyDueBy, partnerCode }).
    schema.index({ status: 1, dueBy: 1, partner: 1 });
    docs = connection.model<Doc>('ExplainDoc', schema);
    inbox = connection.model<InboxRecord>(InboxRecord.name, InboxRecordSchema);
    await Promise.all([docs.init(), inbox.init(), ensurePendingIndex(connection)]);
    await docs.create(
      Array.from({ length: 20 }, (_, i) => ({
        _id: `d${i}`,
        status: i % 2 ? 'open' : 'closed',
        dueBy: new Date(Date.UTC(2026, 10, i + 1)),
        partner: ['DE', 'CH'][i % 3 ? 0 : 1],
        outbox: [],
        outboxPublished: 0,
        outboxPending: false,
      })),
    );
    await markPending(connection, docs.collection.name, 'd1');
    const info = (await connection.db!.admin().command({ buildInfo: 1 })) as Explained;
    ferret = 'ferretdbVersion' in info;
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  it('Repository.findById and the outbox flush read one document by _id', async () => {
    const explained = (await docs.find({ _id: 'd3' }).explain('queryPlanner')) as unknown as Explained;
    if (ferret) expect(explained.filterPushdown).toBe(true);
    else expectIndexed(explained);
  });

  it('the inbox finds a delivery by _id', async () => {
    const explained = (await inbox.find({ _id: 'intake.partner-inbound:DE:x' }).explain('queryPlanner')) as unknown as Explained;
    if (ferret) expect(explained.filterPushdown).toBe(true);
    else expectIndexed(explained);
  });

  it('the relay reads the pending set by its index on `at` (MongoDB), and never the documents’ collections', async () => {
    const explained = (await connection
      .collection(OUTBOX_PENDING_COLLECTION)
      .find({ at: { $lt: new Date() } })
      .sort({ at: 1 })
      .limit(100)
      .explain('queryPlanner')) as Explained;
    if (!ferret) expectIndexed(explained);
    // On FerretDB the pending set is read whole (no pushdown of $lt); what matters is which collection is read.
    else expect((explained.command as Explained | undefined)?.find ?? OUTBOX_PENDING_COLLECTION).toBe(OUTBOX_PENDING_COLLECTION);
  });

  it('the start-up look for outboxes of older versions uses the outboxPending index (MongoDB)', async () => {
    const explained = (await docs.find({ outboxPending: true }).explain('queryPlanner')) as unknown as Explained;
    if (!ferret) expectIndexed(explained);
    // FerretDB's SQLite handler scans here (filterPushdown false): that is why it runs once per start, not every sweep.
    else expect(typeof explained.filterPushdown).toBe('boolean');
  });

  it('a business gauge counts per label from its index (status, dueBy, label) on MongoDB, filtered in PostgreSQL on FerretDB', async () => {
    // As Repository.countBy: one equality on the status (not a $in), a range, grouped by the label.
    const filter = { status: 'open', dueBy: { $gt: new Date(Date.UTC(2026, 10, 3)), $lte: new Date(Date.UTC(2026, 10, 12)) } };
    const counted = await docs.aggregate<{ _id: string; n: number }>(countByPipeline(filter, 'partner'));
    // Open (odd i) with 3 < i + 1 <= 12: i = 3, 5, 7, 9, 11; CH where i % 3 == 0 (3, 9).
    expect(Object.fromEntries(counted.map((r) => [r._id, r.n]))).toEqual({ DE: 3, CH: 2 });
    const explained = (await docs.aggregate(countByPipeline(filter, 'partner')).explain('queryPlanner')) as unknown as Explained;
    if (!ferret) {
      const used = stages(explained);
      expect(used).not.toContain('COLLSCAN');
      expect(used.some((s) => /IXSCAN/.test(s))).toBe(true);
    } else if (JSON.stringify(explained.queryPlanner).includes('"Node Type"')) {
      // PostgreSQL handler: the status equality is a WHERE of PostgreSQL's (only open documents reach FerretDB, which
      // applies the range to them); the SQLite handler pushes down only _id, so there the gauges' timer is what bounds the cost.
      expect(explained.filterPushdown).toBe(true);
      expect(JSON.stringify(explained.queryPlanner)).toContain("'status'");
    }
  });
});
