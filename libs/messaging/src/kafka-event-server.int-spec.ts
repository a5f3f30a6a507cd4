import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { randomUUID } from 'crypto';
import { deadLetterTopic } from '@readmission/contracts';
import { RuleBrokenError } from '@readmission/errors';
import { ConsumerUnderTest, KafkaTestClient, startConsumer, waitUntil } from '@readmission/testing';
import { ConsumedRecord } from './consumed-record';
import { PermanentError } from './errors';
import { DLQ_HEADERS } from './kafka-event-server';
import { kafkaSettingsFromEnv } from './kafka-settings';

// Against the real broker: a one-partition topic, so "later records on the same partition" is literal.
const run = randomUUID().slice(0, 8);
const TOPIC = `test.messaging.${run}.v1`;
const GROUP = `test-messaging-${run}`;
const effects: string[] = [];
const attempts = new Map<string, number>();

@Controller()
class RecordingHandler {
  @EventPattern(TOPIC)
  async handle(@Payload() record: ConsumedRecord): Promise<void> {
    const value = record.value?.toString() ?? '';
    attempts.set(value, record.attempt);
    if (value.startsWith('poison')) throw new PermanentError('cannot ever handle this');
    if (value.startsWith('forbidden')) throw new RuleBrokenError('the crossing point is closed that day');
    if (value.startsWith('flaky') && record.attempt < 3) throw new Error('store briefly unavailable');
    if (value.startsWith('down')) throw new Error('store unavailable');
    if (value.startsWith('slow')) await new Promise((r) => setTimeout(r, 1500));
    effects.push(value);
  }
}

describe('KafkaEventServer against the real broker', () => {
  let consumer: ConsumerUnderTest;
  const client = new KafkaTestClient();
  const settings = kafkaSettingsFromEnv(`test-${run}`);

  beforeAll(async () => {
    await client.createTopics([TOPIC], 1);
    consumer = await startConsumer(settings, [RecordingHandler], { groupId: GROUP, maxAttempts: 3, retryBackoffMs: 50 });
  }, 60_000);

  afterAll(async () => {
    await consumer?.close();
    await client.close();
  });

  it('dead-letters a poison record at once, with its origin and error, while later records on the partition flow', async () => {
    const dlq = await client.collect([deadLetterTopic(GROUP)]);
    await client.send(TOPIC, [
      // One key: its records are handled in order (records of different keys may run side by side).
      { key: 'a', value: 'before-1' },
      { key: 'a', value: 'poison-1', headers: { ce_id: 'evt-1' } },
      { key: 'a', value: 'after-1' },
      { key: 'a', value: 'after-2' },
    ]);
    await waitUntil(() => effects.includes('after-2'), 30_000);
    expect(effects.filter((e) => e.endsWith('-1') || e.endsWith('-2'))).toEqual(['before-1', 'after-1', 'after-2']);
    const [dead] = await dlq.waitFor((r) => r.value?.toString() === 'poison-1');
    expect(dlq.header(dead, DLQ_HEADERS.topic)).toBe(TOPIC);
    expect(dlq.header(dead, DLQ_HEADERS.partition)).toBe('0');
    expect(dlq.header(dead, DLQ_HEADERS.offset)).toMatch(/^\d+$/);
    expect(dlq.header(dead, DLQ_HEADERS.errorKind)).toBe('permanent');
    expect(dlq.header(dead, DLQ_HEADERS.error)).toContain('cannot ever handle this');
    expect(dlq.header(dead, 'ce_id')).toBe('evt-1');
    expect(dead.key?.toString()).toBe('a');
    expect(attempts.get('poison-1')).toBe(1);
  });

  it('dead-letters a record whose handler throws a domain error at once, with its kind and message as the reason', async () => {
    const dlq = await client.collect([deadLetterTopic(GROUP)]);
    await client.send(TOPIC, [
      { key: 'r', value: 'forbidden-5' },
      { key: 's', value: 'after-forbidden' },
    ]);
    await waitUntil(() => effects.includes('after-forbidden'), 30_000);
    const [dead] = await dlq.waitFor((r) => r.value?.toString() === 'forbidden-5');
    expect(dlq.header(dead, DLQ_HEADERS.errorKind)).toBe('permanent');
    expect(dlq.header(dead, DLQ_HEADERS.error)).toBe('rule-broken: the crossing point is closed that day');
    expect(dlq.header(dead, DLQ_HEADERS.attempts)).toBe('1');
    expect(attempts.get('forbidden-5')).toBe(1);
  });

  it('retries a transient failure and then succeeds, before the next record of its key', async () => {
    await client.send(TOPIC, [
      { key: 'e', value: 'flaky-2' },
      { key: 'e', value: 'after-flaky' },
    ]);
    await waitUntil(() => effects.includes('after-flaky'), 30_000);
    expect(attempts.get('flaky-2')).toBe(3);
    expect(effects.indexOf('flaky-2')).toBeLessThan(effects.indexOf('after-flaky'));
  });

  it('dead-letters a record whose transient failure outlasts the bounded retries, and moves on', async () => {
    const dlq = await client.collect([deadLetterTopic(GROUP)]);
    await client.send(TOPIC, [
      { key: 'g', value: 'down-3' },
      { key: 'h', value: 'after-down' },
    ]);
    await waitUntil(() => effects.includes('after-down'), 30_000);
    const [dead] = await dlq.waitFor((r) => r.value?.toString() === 'down-3');
    expect(dlq.header(dead, DLQ_HEADERS.errorKind)).toBe('transient');
    expect(dlq.header(dead, DLQ_HEADERS.attempts)).toBe('3');
  });

  it('finishes in-flight work before close() returns', async () => {
    await client.send(TOPIC, [{ key: 'i', value: 'slow-4' }]);
    await waitUntil(() => attempts.has('slow-4'), 30_000);
    await consumer.server.close();
    expect(effects).toContain('slow-4');
  });
});
