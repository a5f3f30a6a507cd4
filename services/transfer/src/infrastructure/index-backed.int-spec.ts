import { Connection, Model } from 'mongoose';
import { countByPipeline } from '@readmission/persistence';
import {
  connectTestDatabase,
  dropTestDatabase,
  explainAggregate,
  explainFind,
  gaugeBackingProblems,
  usesIndex,
} from '@readmission/testing';
import { AcceptedCase, AcceptedCaseSchema } from './accepted-case.schema';
import { transferLimitsDueBy } from './accepted-cases.repository';
import { CostEntry, CostEntrySchema } from './cost-entry.schema';
import { costRepaymentsOverdue } from './cost-entries.repository';
import { MistakeReturn, MistakeReturnSchema } from './mistake-return.schema';
import { Transfer, TransferSchema } from './transfer.schema';
import { transfersArrivingOn } from './transfers.repository';
import { Transit, TransitSchema } from './transit.schema';
import { transitsReplyOverdue } from './transits.repository';

// Transfer's gauges and the officer's list of returns by mistake, explained by the real store with the schemas'
// own indexes (libs/persistence/src/index-backed.int-spec.ts explains the persistence layer's own queries; the
// reading of a plan is libs/testing's query-plan.ts). Each count is checked against the documents too.
describe('transfer: index-backed gauge queries on the real store', () => {
  let connection: Connection;
  let transits: Model<Transit>;
  let costs: Model<CostEntry>;
  let transfers: Model<Transfer>;
  let mistakes: Model<MistakeReturn>;
  let accepted: Model<AcceptedCase>;
  const now = new Date('2026-11-30T08:00:00Z');
  const counted = async (model: Model<never>, filters: object | object[], field: string) => {
    const counts: Record<string, number> = {};
    for (const filter of Array.isArray(filters) ? filters : [filters])
      for (const r of await model.aggregate<{ _id: string; n: number }>(countByPipeline(filter, field)))
        counts[r._id] = (counts[r._id] ?? 0) + r.n;
    return counts;
  };

  beforeAll(async () => {
    connection = await connectTestDatabase('transfer', 'explain');
    transits = connection.model(Transit.name, TransitSchema);
    costs = connection.model(CostEntry.name, CostEntrySchema);
    transfers = connection.model(Transfer.name, TransferSchema);
    mistakes = connection.model(MistakeReturn.name, MistakeReturnSchema);
    accepted = connection.model(AcceptedCase.name, AcceptedCaseSchema);
    await Promise.all([transits.init(), costs.init(), transfers.init(), mistakes.init(), accepted.init()]);
    // Only the fields the queries read: the documents go in as they are (no validation, no sealing).
    const hour = 3_600_000;
    await transits.collection.insertMany(
      ['requested', 'requested', 'requested', 'consented', 'refused', 'requested'].map((status, i) => ({
        _id: `t${i}`,
        status,
        partnerCode: i % 2 ? 'DE' : 'CH',
        replyDueBy: new Date(now.getTime() + (i < 5 ? -hour : hour)),
      })) as never[],
    );
    await costs.collection.insertMany([
      { _id: 'c0', partnerCode: 'DE', invoice: { repaymentDue: { dueDate: '2026-11-20' } } },
      { _id: 'c1', partnerCode: 'DE', invoice: { repaymentDue: { dueDate: '2026-11-29' } } },
      { _id: 'c2', partnerCode: 'DE', invoice: { repaymentDue: { dueDate: '2026-11-20' } }, repaidOn: '2026-11-21' },
      { _id: 'c3', partnerCode: 'CH', invoice: { repaymentDue: { dueDate: '2026-11-30' } } },
      { _id: 'c4', partnerCode: 'CH' },
    ] as never[]);
    await transfers.collection.insertMany(
      ['confirmed', 'completed', 'notified', 'confirmed', 'cancelled'].map((status, i) => ({
        _id: `f${i}`,
        status,
        arrivalDate: i < 4 ? '2026-11-30' : '2026-12-01',
        borderCrossingPoint: i % 2 ? 'GYD' : 'AST',
      })) as never[],
    );
    await mistakes.collection.insertMany(
      ['requested', 'accepted', 'requested'].map((status, i) => ({
        _id: `m${i}`,
        status,
        requestedAt: new Date(now.getTime() - i * hour),
      })) as never[],
    );
    await accepted.collection.insertMany([
      { _id: 'a0', status: 'awaiting-transfer', transferDueBy: new Date(now.getTime() - 2 * hour), currentTransfer: null },
      { _id: 'a1', status: 'awaiting-transfer', transferDueBy: new Date(now.getTime() - 3 * hour), currentTransfer: 'T-1' },
      { _id: 'a2', status: 'expired', transferDueBy: new Date(now.getTime() - 4 * hour), currentTransfer: null },
      { _id: 'a3', status: 'expired', transferDueBy: new Date(now.getTime() - 5 * hour), currentTransfer: null, expirySettled: true },
      { _id: 'a4', status: 'awaiting-transfer', transferDueBy: new Date(now.getTime() + 5 * hour), currentTransfer: null },
      { _id: 'a5', status: 'transferred', transferDueBy: new Date(now.getTime() - 6 * hour), currentTransfer: null },
    ] as never[]);
  });

  afterAll(async () => {
    await dropTestDatabase(connection);
  });

  it('transfer_transits_reply_overdue: requests past their reply limit per partner, from the index (status, replyDueBy)', async () => {
    // Requested with the limit passed: t0 (CH), t1 (DE), t2 (CH); t5 is not yet due, t3 and t4 are decided.
    expect(await counted(transits as never, transitsReplyOverdue(now), 'partnerCode')).toEqual({ CH: 2, DE: 1 });
    expect(
      gaugeBackingProblems(await explainAggregate(transits, countByPipeline(transitsReplyOverdue(now), 'partnerCode')), 'status'),
    ).toEqual([]);
  });

  it('transfer_transfers_expected_today: confirmed or completed transfers of a day per point, one equality per status', async () => {
    // f0 confirmed AST, f1 completed GYD, f3 confirmed GYD; f2 is only notified, f4 arrives the next day.
    expect(await counted(transfers as never, transfersArrivingOn('2026-11-30'), 'borderCrossingPoint')).toEqual({ AST: 1, GYD: 2 });
    for (const filter of transfersArrivingOn('2026-11-30'))
      expect(gaugeBackingProblems(await explainAggregate(transfers, countByPipeline(filter, 'borderCrossingPoint')), 'status')).toEqual([]);
  });

  it('transfer_cost_repayments_overdue: invoices not repaid by their due date per partner, from the index (repayment due date, repaidOn) on MongoDB', async () => {
    // Due before 2026-11-30 and not repaid: c0 and c1 (DE); c2 was repaid, c3 falls due today, c4 has no invoice.
    expect(await counted(costs as never, costRepaymentsOverdue('2026-11-30'), 'partnerCode')).toEqual({ DE: 2 });
    const plan = await explainAggregate(costs, countByPipeline(costRepaymentsOverdue('2026-11-30'), 'partnerCode'));
    if (plan.store === 'mongodb') expect(usesIndex(plan)).toBe(true);
    // FerretDB pushes down only an equality on a top-level field, and this filter has none (a range on a nested date,
    // `$exists`): it reads the whole ledger (a few entries per transfer) every METRICS_REFRESH_MS. Said, not hidden.
    else expect(plan.filterPushdown).toBe(false);
  });

  it('the transfer time-limit sweep (dueBy): unbooked cases due by the horizon, one equality on the status each, from the index (status, transferDueBy)', async () => {
    // a2 (expired, not settled) and a0 (awaiting) are due; a1 is booked, a3 settled, a4 not yet due, a5 transferred.
    const due = async (held?: string[]) => {
      const found = await Promise.all(transferLimitsDueBy(now, held).map((filter) => accepted.find(filter).lean()));
      return found.flat().map((c) => c._id);
    };
    expect(await due()).toEqual(['a0', 'a2']);
    expect(await due(['a2'])).toEqual(['a0']);
    // On FerretDB each status is a WHERE of PostgreSQL's: the sweep reads the cases of that status, not every case.
    for (const filter of transferLimitsDueBy(now))
      expect(gaugeBackingProblems(await explainFind(accepted, filter, { sort: { transferDueBy: 1 }, limit: 100 }), 'status')).toEqual([]);
  });

  it("the officer's list of returns by mistake of one status, latest first, from the index (status, requestedAt)", async () => {
    expect((await mistakes.find({ status: 'requested' }).sort({ requestedAt: -1 }).lean()).map((m) => m._id)).toEqual(['m0', 'm2']);
    const plan = await explainFind(mistakes, { status: 'requested' }, { sort: { requestedAt: -1 }, limit: 100 });
    expect(gaugeBackingProblems(plan, 'status')).toEqual([]);
  });
});
