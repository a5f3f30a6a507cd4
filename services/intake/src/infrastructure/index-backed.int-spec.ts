import { Connection, Model } from 'mongoose';
import { countByPipeline } from '@readmission/persistence';
import { connectTestDatabase, dropTestDatabase, explainAggregate, gaugeBackingProblems } from '@readmission/testing';
import { OUTGOING_REQUESTS_OVERDUE } from './outgoing-request.repository';
import { OutgoingRequest, OutgoingRequestSchema } from './outgoing-request.schema';

// Intake's gauge explained by the real store with the schema's own indexes (libs/persistence/src/index-backed.int-spec.ts
// explains the persistence layer's own queries; the reading of a plan is libs/testing's query-plan.ts).
describe('intake: index-backed gauge query on the real store', () => {
  let connection: Connection;
  let requests: Model<OutgoingRequest>;

  beforeAll(async () => {
    connection = await connectTestDatabase('intake', 'explain');
    requests = connection.model(OutgoingRequest.name, OutgoingRequestSchema);
    await requests.init();
    // Only the fields the query reads: the documents go in as they are (no validation, no sealing).
    await requests.collection.insertMany(
      ['overdue', 'submitted', 'overdue', 'accepted', 'overdue'].map((status, i) => ({
        _id: `r${i}`,
        status,
        partnerCode: i < 2 ? 'DE' : 'CH',
      })) as never[],
    );
  });

  afterAll(async () => {
    await dropTestDatabase(connection);
  });

  it('intake_outgoing_requests_overdue: overdue requests per partner, from the index (status, replyDueBy)', async () => {
    const rows = await requests.aggregate<{ _id: string; n: number }>(countByPipeline(OUTGOING_REQUESTS_OVERDUE, 'partnerCode'));
    // Overdue: r0 (DE), r2 and r4 (CH).
    expect(Object.fromEntries(rows.map((r) => [r._id, r.n]))).toEqual({ DE: 1, CH: 2 });
    expect(
      gaugeBackingProblems(await explainAggregate(requests, countByPipeline(OUTGOING_REQUESTS_OVERDUE, 'partnerCode')), 'status'),
    ).toEqual([]);
  });
});
