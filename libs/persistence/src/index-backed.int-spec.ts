import { Connection, Model, Schema } from 'mongoose';
import { InboxRecord, InboxRecordSchema } from './inbox.schema';
import { OUTBOX_PENDING_COLLECTION, ensurePendingIndex, markPending } from './outbox-pending';
import { OutboxFields, withOutbox } from './outbox';
import { countByPipeline } from './repository';
import {
  connectTestDatabase,
  dropTestDatabase,
  explainAggregate,
  explainFind,
  gaugeBackingProblems,
  planOf,
  QueryPlan,
  usesIndex,
} from '@readmission/testing';

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

describe('index-backed queries on the real store', () => {
  let connection: Connection;
  let docs: Model<Doc>;
  let inbox: Model<InboxRecord>;
  /** A read by `_id`: an index on MongoDB, pushed down on FerretDB. */
  const expectById = (plan: QueryPlan) => {
    if (plan.store === 'mongodb') expect(usesIndex(plan)).toBe(true);
    else expect(plan.filterPushdown).toBe(true);
  };

  beforeAll(async () => {
    connection = await connectTestDatabase('persistence', 'explain');
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
  });

  afterAll(async () => {
    await dropTestDatabase(connection);
  });

  it('Repository.findById and the outbox flush read one document by _id', async () => {
    expectById(await explainFind(docs, { _id: 'd3' }));
  });

  it('on FerretDB’s PostgreSQL handler a read by _id uses an index of PostgreSQL’s, not a scan of the table', async () => {
    // FerretDB pushes `{ _id }` down as containment (`_jsonb -> '_id' @> …`), which its own btree index cannot
    // serve: the local store adds a GIN twin of every index (scripts/infra/lib/containment-indexes.sql). Enough
    // documents that PostgreSQL's planner prefers an index to reading the table.
    const many = connection.model<Doc>('ExplainMany', new Schema<Doc>({ _id: String, status: String }));
    await many.init();
    await many.insertMany(Array.from({ length: 3000 }, (_, i) => ({ _id: `m${i}`, status: i % 2 ? 'open' : 'closed' })));
    const plan = await explainFind(many, { _id: 'm1234' });
    if (plan.store === 'mongodb') expect(usesIndex(plan)).toBe(true);
    if (plan.store === 'ferretdb-postgresql') {
      expect(plan.backendPlan).not.toContain('Seq Scan');
      expect(plan.backendPlan).toMatch(/Index Scan/);
    }
    if (plan.store === 'ferretdb-sqlite') expect(plan.filterPushdown).toBe(true);
    expect((await many.findById('m1234').lean())?.status).toBe('closed');
  });

  it('the inbox finds a delivery by _id', async () => {
    expectById(await explainFind(inbox, { _id: 'intake.partner-inbound:DE:x' }));
  });

  it('the relay reads the pending set by its index on `at` (MongoDB), and never the documents’ collections', async () => {
    const explained = await connection
      .collection(OUTBOX_PENDING_COLLECTION)
      .find({ at: { $lt: new Date() } })
      .sort({ at: 1 })
      .limit(100)
      .explain('queryPlanner');
    const plan = await planOf(connection, explained);
    if (plan.store === 'mongodb') expect(usesIndex(plan)).toBe(true);
    // On FerretDB the pending set is read whole (no pushdown of $lt); what matters is which collection is read.
    else expect((explained.command as { find?: string } | undefined)?.find ?? OUTBOX_PENDING_COLLECTION).toBe(OUTBOX_PENDING_COLLECTION);
  });

  it('the start-up look for outboxes of older versions uses the outboxPending index (MongoDB)', async () => {
    const plan = await explainFind(docs, { outboxPending: true });
    if (plan.store === 'mongodb') expect(usesIndex(plan)).toBe(true);
    // FerretDB's SQLite handler scans here (filterPushdown false): that is why it runs once per start, not every sweep.
    else expect(typeof plan.filterPushdown).toBe('boolean');
  });

  it('a business gauge counts per label from its index (status, dueBy, label) on MongoDB, filtered in PostgreSQL on FerretDB', async () => {
    // As Repository.countBy: one equality on the status (not a $in), a range, grouped by the label.
    const filter = { status: 'open', dueBy: { $gt: new Date(Date.UTC(2026, 10, 3)), $lte: new Date(Date.UTC(2026, 10, 12)) } };
    const counted = await docs.aggregate<{ _id: string; n: number }>(countByPipeline(filter, 'partner'));
    // Open (odd i) with 3 < i + 1 <= 12: i = 3, 5, 7, 9, 11; CH where i % 3 == 0 (3, 9).
    expect(Object.fromEntries(counted.map((r) => [r._id, r.n]))).toEqual({ DE: 3, CH: 2 });
    expect(gaugeBackingProblems(await explainAggregate(docs, countByPipeline(filter, 'partner')), 'status')).toEqual([]);
  });
});
