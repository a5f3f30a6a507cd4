import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { randomUUID } from 'crypto';
import { RECORD_BUDGET_BYTES, deadLetterTopic } from '@readmission/contracts';
import { ConsumerUnderTest, KafkaTestClient, startConsumer, waitUntil } from '@readmission/testing';
import { PermanentError, RecordTooLargeError, isPermanent } from './errors';
import { EventPublisher } from './event-publisher';
import { DLQ_HEADERS } from './kafka-event-server';
import { kafkaSettingsFromEnv } from './kafka-settings';

// Records too large for the broker are permanent failures, never a retry loop; against the real broker.
const run = randomUUID().slice(0, 8);
const SMALL = `test.size.small.${run}.v1`; // the broker refuses records over 20 kB here
const BIG = `test.size.big.${run}.v1`; // takes 3 MB records, as a partner topic might
const PLAIN = `test.size.plain.${run}.v1`; // default limits, one partition, nobody consumes it
const GROUP = `test-size-${run}`;

@Controller()
class RefusingHandler {
  @EventPattern(BIG)
  handle(): void {
    throw new PermanentError('cannot handle this one');
  }
}

describe('record sizes against the real broker', () => {
  const client = new KafkaTestClient();
  const settings = kafkaSettingsFromEnv(`test-${run}`);
  let consumer: ConsumerUnderTest;
  let publisher: EventPublisher;

  beforeAll(async () => {
    const admin = client.kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic: SMALL, numPartitions: 1, configEntries: [{ name: 'max.message.bytes', value: '20000' }] },
        { topic: BIG, numPartitions: 1, configEntries: [{ name: 'max.message.bytes', value: '3000000' }] },
        { topic: PLAIN, numPartitions: 1 },
      ],
    });
    await admin.disconnect();
    consumer = await startConsumer(settings, [RefusingHandler], { groupId: GROUP, maxAttempts: 3, retryBackoffMs: 50 });
    publisher = consumer.publisher;
  }, 60_000);

  afterAll(async () => {
    await consumer?.close();
    await client.close();
  });

  it('refuses a record over the budget before sending it, as a permanent error', async () => {
    const started = Date.now();
    const error = await publisher
      .publish([{ topic: SMALL, key: 'k', value: 'x'.repeat(RECORD_BUDGET_BYTES + 1), headers: { ce_type: 'test.big.v1' } }])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecordTooLargeError);
    expect(isPermanent(error)).toBe(true);
    expect((error as Error).message).toMatch(/test\.big\.v1 .* is 1000\d+ bytes; the budget is 1000000/);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('turns the broker refusing a batch as too large (MESSAGE_TOO_LARGE) into a permanent error at once', async () => {
    const started = Date.now();
    const error = await publisher.publish([{ topic: SMALL, key: 'k', value: 'x'.repeat(50_000), headers: {} }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecordTooLargeError);
    expect((error as Error).message).toMatch(/refused the batch as too large/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('dead-letters a record larger than the budget, cut to fit and marked, instead of failing to dead-letter it for ever', async () => {
    const dlq = await client.collect([deadLetterTopic(GROUP)]);
    await client.send(BIG, [{ key: 'huge', value: 'y'.repeat(1_500_000), headers: { ce_id: 'huge-1', ce_type: 'z'.repeat(50_000) } }]);
    const [dead] = await dlq.waitFor((r) => r.key?.toString() === 'huge', 1, 30_000);
    expect(dlq.header(dead, DLQ_HEADERS.topic)).toBe(BIG);
    expect(dlq.header(dead, 'dlq_truncated')).toMatch(/^value 1500000 bytes, kept \d+$/);
    expect(dlq.header(dead, 'ce_id')).toBe('huge-1');
    expect(dead.value!.length).toBeLessThan(RECORD_BUDGET_BYTES);
    await waitUntil(() => dlq.records.length >= 1);
    expect(dlq.records).toHaveLength(1);
  }, 60_000);

  // Found by `npm run faults`: a broker starting up refused some partitions of a produce request (not the leader
  // yet) and took the others; a later record on a partition it had taken was then dropped by the broker as a
  // duplicate, and one decision never reached the partner. A partition refused as too large does the same, at will.
  it('loses no later record after a batch the broker took in part (one partition refused, another written)', async () => {
    const plain = await client.collect([PLAIN]);
    const refused = await publisher
      .publish([
        { topic: PLAIN, key: 'first', value: 'taken', headers: {} },
        { topic: SMALL, key: 'too-big', value: 'x'.repeat(50_000), headers: {} },
      ])
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RecordTooLargeError);
    await publisher.publish([{ topic: PLAIN, key: 'second', value: 'after', headers: {} }]);
    await publisher.publish([{ topic: PLAIN, key: 'third', value: 'after', headers: {} }]);
    await plain.waitFor((r) => r.key?.toString() === 'third', 1, 20_000);
    const keys = plain.records.map((r) => r.key?.toString());
    expect(keys).toContain('second');
    expect(keys.filter((k) => k !== 'first')).toEqual(['second', 'third']);
  }, 60_000);
});
