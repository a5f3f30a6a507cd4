import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { randomUUID } from 'crypto';
import { ConsumerUnderTest, KafkaTestClient, startConsumer, waitUntil } from '@readmission/testing';
import { ConsumedRecord } from './consumed-record';
import { EventPublisher } from './event-publisher';
import { kafkaSettingsFromEnv } from './kafka-settings';
import { annotateLog, currentLogFields } from './log-context';
import { traceIdOf } from './tracing';

// One hop against the real broker: a record in, its handler publishes one out; the trace context goes along.
const run = randomUUID().slice(0, 8);
const IN = `test.tracing.${run}.in.v1`;
const OUT = `test.tracing.${run}.out.v1`;
const seen = new Map<string, ReturnType<typeof currentLogFields>>();
let publisher: EventPublisher;

@Controller()
class Forwarder {
  @EventPattern(IN)
  async handle(@Payload() record: ConsumedRecord): Promise<void> {
    const value = record.value?.toString() ?? '';
    if (value === 'assign') annotateLog({ caseNumber: 'RA-2026-000042' });
    seen.set(value, currentLogFields());
    await publisher.publish([{ topic: OUT, key: value, value, headers: { ce_id: `out-${value}` } }]);
  }
}

describe('trace context across a Kafka hop (real broker)', () => {
  let consumer: ConsumerUnderTest;
  const client = new KafkaTestClient();
  const settings = kafkaSettingsFromEnv(`test-${run}`);

  beforeAll(async () => {
    await client.createTopics([IN, OUT], 1);
    consumer = await startConsumer(settings, [Forwarder], { groupId: `test-tracing-${run}` });
    publisher = consumer.publisher; // before any record is sent
  }, 60_000);

  afterAll(async () => {
    await consumer?.close();
    await client.close();
  });

  it('continues the inbound traceparent on what the handler publishes, and gives its logs the record and trace ids', async () => {
    const out = await client.collect([OUT]);
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const parentSpan = 'b7ad6b7169203331';
    await client.send(IN, [
      { key: 'k', value: 'traced', headers: { traceparent: `00-${traceId}-${parentSpan}-01`, ce_subject: 'RA-2026-000007' } },
      { key: 'k', value: 'untraced' },
      { key: 'k', value: 'assign' },
    ]);
    const [traced] = await out.waitFor((r) => r.key?.toString() === 'traced');
    const traceparent = out.header(traced, 'traceparent') ?? '';
    expect(traceIdOf(traceparent)).toBe(traceId);
    expect(traceparent.split('-')[2]).not.toBe(parentSpan); // the consumer's own span, child of the sender's
    expect(seen.get('traced')).toMatchObject({
      topic: IN,
      partition: 0,
      offset: expect.stringMatching(/^\d+$/),
      caseNumber: 'RA-2026-000007',
      traceId,
    });

    // A record without a traceparent starts a trace of its own, carried on what it causes.
    const [untraced] = await out.waitFor((r) => r.key?.toString() === 'untraced');
    const fresh = traceIdOf(out.header(untraced, 'traceparent'));
    expect(fresh).toMatch(/^[\da-f]{32}$/);
    expect(fresh).not.toBe(traceId);
    expect(seen.get('untraced')?.traceId).toBe(fresh);

    // A case number learnt while handling is on the lines logged after it.
    await waitUntil(() => seen.has('assign'));
    expect(seen.get('assign')?.caseNumber).toBe('RA-2026-000042');
  });
});
