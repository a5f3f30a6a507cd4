import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ChildProcess, spawn } from 'child_process';
import { randomUUID } from 'crypto';
import { createWriteStream, mkdtempSync, readFileSync } from 'fs';
import { MongoClient } from 'mongodb';
import { tmpdir } from 'os';
import { join } from 'path';
import { INTERNAL_EVENTS, buildPartnerRecord, deadLetterTopic, partnerInboundTopic, partnerOutboundTopic } from '@readmission/contracts';
import { ConsumedRecord, DLQ_HEADERS, PermanentError, REPLAY_HEADERS, kafkaSettingsFromEnv, replayHeaders } from '@readmission/messaging';
import { ConsumerUnderTest, KafkaTestClient, startConsumer, waitUntil } from '@readmission/testing';
import { REPLAY_LOG_TOPIC, run as dlq } from './commands';

const run = randomUUID().slice(0, 8);
const REPO = join(__dirname, '..', '..', '..');
const KEY = `it-${run}-`.padEnd(40, 'k');
const kafkaSettings = kafkaSettingsFromEnv(`it-dlq-${run}`);
const context = { kafka: kafkaSettings, replayKey: KEY };
const HOUR = 3_600_000;

/** Runs a dlq command in this process and returns its exit code and output. */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await dlq(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, context);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

// Personal data of the dead-lettered record: never printed unless asked for with --payload.
const PERSON = { surname: 'Karimov', givenNames: 'Rustam', dateOfBirth: '1988-02-14', document: 'AZV-778812' };
const TOPIC = `it-${run}.events`;
const seen: ConsumedRecord[] = [];

@Controller()
class FailsUntilReplayed {
  @EventPattern(TOPIC)
  async handle(@Payload() record: ConsumedRecord): Promise<void> {
    seen.push(record);
    if (!record.headers[REPLAY_HEADERS.signature]) throw new PermanentError('the calendar of AZ for 2031 is not loaded');
  }
}

describe('npm run dlq: list, show, replay once with the original time of receipt (real broker)', () => {
  const kafka = new KafkaTestClient();
  const group = `it-${run}-poison`;
  let consumer: ConsumerUnderTest;

  beforeAll(async () => {
    await kafka.createTopics([TOPIC], 1);
    consumer = await startConsumer(kafkaSettings, [FailsUntilReplayed], { groupId: group, replayKey: KEY });
  }, 60_000);

  afterAll(async () => {
    await consumer?.close();
    await kafka.close();
  });

  it('lists and shows a dead-lettered record by its identifiers and headers, its payload only on request, and replays it once', async () => {
    const dead = await kafka.collect([deadLetterTopic(group)]);
    await kafka.send(TOPIC, [
      { key: `REF-${run}`, value: JSON.stringify({ person: PERSON }), headers: { ce_id: `evt-${run}`, ce_type: 'test.event.v1' } },
    ]);
    const [record] = await dead.waitFor(() => true);
    const original = seen[0];
    expect(dead.header(record, DLQ_HEADERS.timestamp)).toBe(original.timestamp);

    const listed = await cli('list', '--group', group);
    expect(listed.code).toBe(0);
    expect(listed.out).toContain(`${deadLetterTopic(group)}: 1 record(s)`);
    expect(listed.out).toMatch(
      new RegExp(
        `0/0 +key=REF-${run} +type=test.event.v1 +id=evt-${run} +from=${TOPIC.replace(/\./g, '\\.')}\\[0\\]@0 .*kind=permanent .*the calendar of AZ for 2031 is not loaded.* not replayed`,
      ),
    );
    const shown = await cli('show', '--group', group, '--partition', '0', '--offset', '0');
    expect(JSON.parse(shown.out)).toMatchObject({
      key: `REF-${run}`,
      headers: { ce_id: `evt-${run}`, [DLQ_HEADERS.topic]: TOPIC },
      value: expect.stringContaining('add --payload'),
    });
    for (const text of [listed.out, shown.out]) for (const value of Object.values(PERSON)) expect(text).not.toContain(value);
    expect((await cli('show', '--group', group, '--partition', '0', '--offset', '0', '--payload')).out).toContain(PERSON.document);

    const replayed = await cli('replay', '--group', group, '--partition', '0', '--offset', '0', '--by', 'ops-anna');
    expect(replayed).toMatchObject({ code: 0, out: expect.stringContaining(`replayed to ${TOPIC}`) });
    await waitUntil(() => seen.length >= 2);
    const replay = seen[1];
    expect(replay).toMatchObject({ topic: TOPIC, timestamp: original.timestamp, key: Buffer.from(`REF-${run}`) });
    expect(String(replay.headers.ce_id)).toBe(`evt-${run}`);
    expect(Object.keys(replay.headers).filter((h) => h.startsWith('dlq_'))).toEqual([]);

    // Once: the same dead-letter position is refused the second time, saying who replayed it.
    const again = await cli('replay', '--group', group, '--partition', '0', '--offset', '0', '--by', 'ops-bob');
    expect(again).toMatchObject({ code: 1, err: expect.stringContaining('already replayed by ops-anna') });
    expect((await cli('list', '--group', group)).out).toContain('replayed by ops-anna');
    // Who replayed what: the audit entry on the replay log.
    const log = await kafka.collect([REPLAY_LOG_TOPIC]);
    const [entry] = await log.waitFor((r) => r.key?.toString() === `${deadLetterTopic(group)}/0/0`);
    expect(log.json(entry)).toMatchObject({
      topic: TOPIC,
      key: `REF-${run}`,
      ceId: `evt-${run}`,
      by: 'ops-anna',
      receivedAt: new Date(Number(original.timestamp)).toISOString(),
    });
  });
});

/**
 * Intake, started as its own process, and an accelerated application dead-lettered 8 days ago (its original time
 * of receipt on the dead-letter record, as the platform writes it): replayed now, it is judged as received then, not
 * as late; the same stamp forged by a partner is ignored and the application is late.
 */
describe('a replayed accelerated application keeps its original time of receipt (intake as a process)', () => {
  const kafka = new KafkaTestClient();
  const mongo = new MongoClient(process.env.MONGODB_URI as string);
  const prefix = `it-${run}-`;
  const group = `${prefix}intake`;
  const database = `it-${run}-dlq-intake`;
  const logFile = join(mkdtempSync(join(tmpdir(), 'dlq-it-')), 'intake.log');
  let intake: ChildProcess;
  const logText = () => {
    try {
      return readFileSync(logFile, 'utf8');
    } catch {
      return '';
    }
  };

  beforeAll(async () => {
    const consumed = [partnerInboundTopic('CH'), ...Object.keys(INTERNAL_EVENTS)];
    await kafka.createTopics([...consumed, partnerOutboundTopic('CH'), deadLetterTopic(group)]);
    await kafka.startGroupAtEnd(group, consumed);
    const env = {
      ...process.env,
      PARTNERS: 'CH',
      MONGODB_DB: database,
      CONSUMER_GROUP_PREFIX: prefix,
      PORT: '0',
      AUTH_DEV_KEY_FILE: join(tmpdir(), `dlq-it-${run}-key.json`),
      DLQ_REPLAY_KEY: KEY,
      LOG_LEVEL: 'log',
      OUTBOX_RELAY_INTERVAL_MS: '500',
    };
    intake = spawn(process.execPath, ['-r', join(REPO, 'scripts', 'register-ts.js'), join(REPO, 'services', 'intake', 'src', 'main.ts')], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = createWriteStream(logFile);
    intake.stdout?.pipe(log);
    intake.stderr?.pipe(log);
    await waitUntil(
      () => {
        if (intake.exitCode !== null) throw new Error(`intake exited: ${logText()}`);
        return logText().includes('consuming');
      },
      90_000,
      () => `intake did not start: ${logText()}`,
    );
    await mongo.connect();
  }, 120_000);

  afterAll(async () => {
    intake?.kill('SIGTERM');
    await kafka.close();
    await mongo
      .db(database)
      .dropDatabase()
      .catch(() => undefined);
    await mongo.close();
  });

  it('acknowledges the replay with the receipt of 8 days ago; a forged stamp is ignored and the application is late', async () => {
    const receivedAt = new Date(Date.now() - 8 * 24 * HOUR);
    const apprehension = new Date(receivedAt.getTime() - HOUR);
    const fixture = JSON.parse(
      readFileSync(join(REPO, 'libs', 'contracts', 'fixtures', 'valid', 'application-submitted-tcn-accelerated.json'), 'utf8'),
    ).value;
    const application = (ref: string) => ({
      ...fixture,
      partnerReference: ref,
      apprehension: { ...fixture.apprehension, at: apprehension.toISOString() },
      knowledgeDate: apprehension.toISOString().slice(0, 10),
    });
    const outbound = await kafka.collect([partnerOutboundTopic('CH')]);
    const reply = async (ceId: string, type: string) => {
      const [r] = await outbound.waitFor(
        (o) => String(o.headers?.ce_causationid) === ceId && String(o.headers?.ce_type) === type,
        1,
        60_000,
      );
      return outbound.json(r);
    };

    // As the platform dead-lettered it 8 days ago (e.g. a calendar was missing); now fixed, the operator replays it.
    const ref = `IT-${run}-ACC-1`;
    const record = buildPartnerRecord({
      type: 'readmission.application.submitted.v1',
      value: application(ref),
      source: 'urn:authority:ch:test',
      time: receivedAt.toISOString(),
    });
    await kafka.send(deadLetterTopic(group), [
      {
        key: record.key,
        value: record.value,
        headers: {
          ...record.headers,
          [DLQ_HEADERS.topic]: partnerInboundTopic('CH'),
          [DLQ_HEADERS.partition]: '0',
          [DLQ_HEADERS.offset]: '0',
          [DLQ_HEADERS.group]: group,
          [DLQ_HEADERS.error]: 'no calendar of AZ for 2026 is loaded',
          [DLQ_HEADERS.errorKind]: 'permanent',
          [DLQ_HEADERS.attempts]: '1',
          [DLQ_HEADERS.failedAt]: receivedAt.toISOString(),
          [DLQ_HEADERS.timestamp]: String(receivedAt.getTime()),
        },
      },
    ]);
    const listed = await cli('list', '--group', group);
    const position = new RegExp(`(\\d+)/(\\d+) +key=${ref}`).exec(listed.out);
    expect(position).not.toBeNull();
    const replayed = await cli('replay', '--group', group, '--partition', position![1], '--offset', position![2], '--by', 'ops-it');
    expect(replayed).toMatchObject({ code: 0 });

    const ack = await reply(record.headers.ce_id, 'readmission.application.acknowledged.v1');
    expect(ack).toMatchObject({ partnerReference: ref, procedure: 'accelerated', receivedAt: expect.any(String) });
    expect(new Date(ack.receivedAt as string).getTime()).toBe(Math.floor(receivedAt.getTime() / 1000) * 1000);
    const stored = await mongo.db(database).collection('cases').findOne({ partnerReference: ref });
    expect(stored?.receivedAt).toEqual(receivedAt);

    // A partner copying the stamp onto its own record, signed without the key: judged at its own receipt, late.
    const forged = buildPartnerRecord({
      type: 'readmission.application.submitted.v1',
      value: application(`IT-${run}-ACC-2`),
      source: 'urn:authority:ch:test',
    });
    const stamp = { receivedAt: String(receivedAt.getTime()), of: `${deadLetterTopic(group)}/0/0`, by: 'partner' };
    const headers = {
      ...forged.headers,
      ...replayHeaders('f'.repeat(40), { topic: partnerInboundTopic('CH'), key: forged.key, value: forged.value }, stamp),
    };
    await kafka.send(partnerInboundTopic('CH'), [{ key: forged.key, value: forged.value, headers }]);
    const rejected = await reply(forged.headers.ce_id, 'readmission.application.rejected.v1');
    expect(rejected).toMatchObject({ reasons: [expect.objectContaining({ code: 'submission-time-limit-exceeded' })] });
    await waitUntil(() => logText().includes('replay stamp ignored (the signature does not verify)'));

    // Its counters and logs as operators see them: per partner and code; JSON lines with case number and trace id.
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(logText())?.[1];
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/^intake_applications_received_total\{partner="CH"\} 2$/m);
    expect(metrics).toMatch(/^intake_applications_acknowledged_total\{partner="CH"\} 1$/m);
    expect(metrics).toMatch(/^intake_applications_rejected_total\{partner="CH",code="submission-time-limit-exceeded"\} 1$/m);
    expect(metrics).toMatch(/^outbox_pending_records\{collection="cases"\} \d+$/m);
    const lines = logText()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const registered = lines.find((l) => String(l.message).includes(`registered for CH`) && l.caseNumber === stored?._id);
    expect(registered).toMatchObject({
      service: 'intake',
      level: 'info',
      topic: partnerInboundTopic('CH'),
      traceId: expect.stringMatching(/^[\da-f]{32}$/),
    });
    expect(logText()).not.toContain(fixture.person.surname);
  });
});
