import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { execFileSync } from 'child_process';
import { cpSync, existsSync, mkdirSync } from 'fs';
import { randomUUID } from 'crypto';
import mongoose, { Connection, Model, Schema } from 'mongoose';
import { join } from 'path';
import { deadLetterTopic } from '@readmission/contracts';
import { ConsumerUnderTest, KafkaTestClient, startConsumer, waitUntil } from '@readmission/testing';
import { ConsumedRecord } from './consumed-record';
import { kafkaSettingsFromEnv } from './kafka-settings';

// A store outage is back-pressure, not loss. The store here is this test's own FerretDB (never the shared one),
// stopped while a record arrives and started again: the record must be handled then, not dead-lettered.
const REPO = join(__dirname, '..', '..', '..');
const PORT = Number(process.env.OUTAGE_MONGODB_PORT ?? 27517);
const LOCAL_DIR = join(REPO, '.local', `outage-${PORT}`);
const ferretdb = (command: 'start' | 'stop') => {
  // The binary the shared store runs, if built, saves building another one.
  const built = join(REPO, '.local', 'bin');
  if (existsSync(join(built, 'ferretdb-local')) && !existsSync(join(LOCAL_DIR, 'bin', 'ferretdb-local'))) {
    mkdirSync(join(LOCAL_DIR, 'bin'), { recursive: true });
    for (const file of ['ferretdb-local', 'ferretdb-local.stamp'])
      if (existsSync(join(built, file))) cpSync(join(built, file), join(LOCAL_DIR, 'bin', file), { preserveTimestamps: true });
  }
  return execFileSync('bash', [join(REPO, 'scripts', 'infra', 'ferretdb.sh'), command], {
    // SQLite: this store of its own must not share the PostgreSQL of the shared store's handler.
    env: { ...process.env, MONGODB_PORT: String(PORT), LOCAL_DIR, FERRETDB_HANDLER: 'sqlite' },
    stdio: 'pipe',
    timeout: 600_000,
  });
};

const run = randomUUID().slice(0, 8);
const TOPIC = `test.store-outage.${run}.v1`;
const GROUP = `test-store-outage-${run}`;
let effects: Model<{ _id: string }>;

@Controller()
class StoringHandler {
  @EventPattern(TOPIC)
  async handle(@Payload() record: ConsumedRecord): Promise<void> {
    const id = record.value?.toString() ?? '';
    await effects.updateOne({ _id: id }, { $set: { _id: id } }, { upsert: true }).exec();
  }
}

describe('KafkaEventServer during a store outage (own FerretDB)', () => {
  let consumer: ConsumerUnderTest;
  let connection: Connection;
  const client = new KafkaTestClient();
  const settings = kafkaSettingsFromEnv(`test-${run}`);

  beforeAll(async () => {
    ferretdb('start');
    connection = await mongoose
      .createConnection(`mongodb://127.0.0.1:${PORT}`, { dbName: `outage-${run}`, serverSelectionTimeoutMS: 1500 })
      .asPromise();
    effects = connection.model('Effect', new Schema<{ _id: string }>({ _id: String }));
    await client.createTopics([TOPIC], 1);
    consumer = await startConsumer(settings, [StoringHandler], {
      groupId: GROUP,
      maxAttempts: 3,
      retryBackoffMs: 50,
      storeProbe: () => connection.db!.admin().ping(),
      storeRetryMs: { first: 300, max: 1000 },
    });
  }, 90_000);

  afterAll(async () => {
    await consumer?.close();
    await client.close();
    await connection?.dropDatabase().catch(() => undefined);
    await connection?.close();
    ferretdb('stop');
  });

  it('pauses the partition while the store is down and handles the record when it is back, dead-lettering nothing', async () => {
    const dlq = await client.collect([deadLetterTopic(GROUP)]);
    await client.send(TOPIC, [{ key: 'a', value: 'before' }]);
    await waitUntil(async () => (await effects.exists({ _id: 'before' }).exec()) !== null, 30_000);

    ferretdb('stop');
    await client.send(TOPIC, [
      { key: 'b', value: 'during-1' },
      { key: 'c', value: 'during-2' },
    ]);
    // Far longer than the attempts and backoff that used to dead-letter it.
    await waitUntil(() => consumer.server.partitionsWaitingForStore().length > 0 || undefined, 20_000);
    await new Promise((r) => setTimeout(r, 8_000));
    expect(consumer.server.partitionsWaitingForStore()).toEqual([`${TOPIC}[0]`]);
    expect(dlq.records).toHaveLength(0);

    ferretdb('start');
    await waitUntil(async () => (await effects.exists({ _id: 'during-2' }).exec()) !== null, 60_000);
    expect(await effects.exists({ _id: 'during-1' }).exec()).not.toBeNull();
    expect(consumer.server.partitionsWaitingForStore()).toEqual([]);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(dlq.records).toHaveLength(0);
  }, 120_000);
});
