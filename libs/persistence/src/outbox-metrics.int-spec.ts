import { Connection, Model, Schema } from 'mongoose';
import { register } from 'prom-client';
import { OutboxFields, withOutbox } from './outbox';
import { watchOutbox } from './outbox-metrics';
import { markPending, pendingMarkers } from './outbox-pending';
import { connectTestDatabase, dropTestDatabase } from '@readmission/testing';

interface Doc extends OutboxFields {
  _id: string;
}

const valueOf = async (name: string, collection: string) => {
  const metric = (await register.getMetricsAsJSON()).find((m) => m.name === name) as {
    values: { labels: { collection?: string }; value: number }[];
  };
  return metric.values.find((v) => v.labels.collection === collection)?.value;
};

describe('outbox gauges against the real store', () => {
  let connection: Connection;
  let docs: Model<Doc>;

  beforeAll(async () => {
    connection = await connectTestDatabase('persistence', 'gauges');
    docs = connection.model<Doc>('GaugeDoc', withOutbox(new Schema<Doc>({ _id: String })));
    await docs.init();
    watchOutbox(docs as never);
  });

  afterAll(async () => {
    await dropTestDatabase(connection);
  });

  it('counts the documents with records pending per collection and the age of the oldest, from the pending set', async () => {
    const collection = docs.collection.name;
    expect(await valueOf('outbox_pending_records', collection)).toBe(0);
    expect(await valueOf('outbox_oldest_pending_age_seconds', collection)).toBe(0);

    await markPending(connection, collection, 'recent');
    await markPending(connection, collection, 'recent'); // two writes of one document: one document pending
    const old = await markPending(connection, collection, 'old');
    await pendingMarkers(connection).updateOne({ _id: old }, { $set: { at: new Date(Date.now() - 90_000) } });

    expect(await valueOf('outbox_pending_records', collection)).toBe(2);
    const age = await valueOf('outbox_oldest_pending_age_seconds', collection);
    expect(age).toBeGreaterThanOrEqual(90);
    expect(age).toBeLessThan(120);

    await pendingMarkers(connection).deleteMany({});
    expect(await valueOf('outbox_pending_records', collection)).toBe(0);
  });
});
