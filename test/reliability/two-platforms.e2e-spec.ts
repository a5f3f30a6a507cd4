import { randomUUID } from 'crypto';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import {
  INTERNAL_EVENTS,
  buildPartnerRecord,
  deadLetterTopic,
  namespacedGroup,
  namespacedTopic,
  partnerInboundTopic,
  partnerOutboundTopic,
  platformTopics,
} from '@readmission/contracts';
import { ensureTopics } from '@readmission/messaging';
import { Collector, KafkaTestClient, LaunchedPlatform, SERVICES, freePortBlock, launchPlatform } from '@readmission/testing';
import { byKey } from '../e2e/support';

/**
 * Two copies of the platform on one broker and one store, each in its own PLATFORM_NAMESPACE (a test run or the
 * benchmark next to a running platform): each gets applications of its own partner, and neither touches the
 * other's data: its databases hold only its own cases, its internal topics carry only its own events, its consumer
 * groups read only its own topics, and nothing is dead-lettered (not the other's replies either).
 */
const run = randomUUID().slice(0, 8);
const fixture = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'libs', 'contracts', 'fixtures', 'valid', 'application-submitted-national.json'), 'utf8'),
);
const COPIES = [
  { name: 'a', partner: 'DE', namespace: `two-a-${run}` },
  { name: 'b', partner: 'CH', namespace: `two-b-${run}` },
].map((c) => ({
  ...c,
  isolation: { dbPrefix: `two-${c.name}-${run}`, groupPrefix: `two-${c.name}-${run}-`, namespace: c.namespace },
  references: [1, 2, 3].map((i) => `TWO-${c.name.toUpperCase()}-${run}-${i}`),
}));
const PER_COPY = 3;

describe('two copies of the platform side by side on one broker and one store', () => {
  const kafka = new KafkaTestClient();
  const admin = new Kafka({
    clientId: `two-${run}`,
    brokers: (process.env.KAFKA_BROKERS as string).split(','),
    logLevel: logLevel.NOTHING,
  }).admin();
  const platforms: LaunchedPlatform[] = [];
  let outbound: Collector;
  const mongo = new MongoClient(process.env.MONGODB_URI as string);

  beforeAll(async () => {
    await admin.connect();
    await mongo.connect();
    for (const copy of COPIES) {
      const groups = SERVICES.map((s) => `${copy.isolation.groupPrefix}${s}`);
      const topics = platformTopics([copy.partner], Object.keys(INTERNAL_EVENTS), groups, copy.namespace);
      await ensureTopics(
        new Kafka({ clientId: `two-${run}`, brokers: (process.env.KAFKA_BROKERS as string).split(','), logLevel: logLevel.NOTHING }),
        topics,
      );
      const consumed = topics
        .map((t) => t.topic)
        .filter((t) => t !== partnerOutboundTopic(copy.partner) && !t.startsWith('readmission.dlq.'));
      await Promise.all(groups.map((g) => kafka.startGroupAtEnd(namespacedGroup(g, copy.namespace), consumed)));
    }
    // Both copies start together, as two deployments would.
    const firstPort = await freePortBlock(4 * COPIES.length, [20480, 20560]);
    platforms.push(
      ...(await Promise.all(
        COPIES.map((copy, i) =>
          launchPlatform({
            kafkaBrokers: process.env.KAFKA_BROKERS as string,
            mongodbUri: process.env.MONGODB_URI as string,
            basePort: firstPort + i * 4,
            devKeyFile: join(mkdtempSync(join(tmpdir(), 'two-platforms-')), 'dev-key.json'),
            isolation: copy.isolation,
            partners: [copy.partner],
            logDir: join(__dirname, '..', '..', '.local', 'logs', `two-${copy.name}-${run}`),
            startTimeoutMs: 180_000,
            extraEnv: { LOG_LEVEL: 'warn' },
          }),
        ),
      )),
    );
    outbound = await kafka.collect(COPIES.map((c) => partnerOutboundTopic(c.partner)));
  }, 300_000);

  afterAll(async () => {
    await Promise.all(platforms.map((p) => p.stop()));
    await kafka.close();
    for (const copy of COPIES) for (const s of SERVICES) await mongo.db(`${copy.isolation.dbPrefix}-${s}`).dropDatabase();
    await mongo.close();
    await admin.disconnect();
  });

  it('each copy handles its own applications and nothing of the other', async () => {
    for (const copy of COPIES)
      await kafka.send(
        partnerInboundTopic(copy.partner),
        copy.references.map((reference) =>
          buildPartnerRecord({
            type: fixture.type,
            value: { ...fixture.value, partnerReference: reference },
            source: `urn:authority:${copy.partner.toLowerCase()}:two`,
          }),
        ),
      );
    // Each application acknowledged and decided once, by its own copy.
    for (const copy of COPIES)
      for (const reference of copy.references) {
        await outbound.waitFor(byKey(reference, 'readmission.application.decided.v1'), 1, 180_000);
        expect(outbound.records.filter(byKey(reference, 'readmission.application.acknowledged.v1'))).toHaveLength(1);
        expect(outbound.records.filter(byKey(reference, 'readmission.application.decided.v1'))).toHaveLength(1);
      }

    for (const [i, copy] of COPIES.entries()) {
      const other = COPIES[1 - i];
      // Databases: its own cases only, in intake and in verification (which learns of them through its internal topic).
      const intake = await mongo.db(`${copy.isolation.dbPrefix}-intake`).collection('cases').find({}).toArray();
      expect(intake.map((c) => c.partnerReference).sort()).toEqual([...copy.references].sort());
      const verification = await mongo.db(`${copy.isolation.dbPrefix}-verification`).collection('verification-cases').find({}).toArray();
      expect(verification).toHaveLength(PER_COPY);
      expect(verification.map((c) => String(c._id)).sort()).toEqual(intake.map((c) => String(c._id)).sort());
      // The case numbers its partner was told are the ones in its own store.
      const told = copy.references.map(
        (reference) =>
          outbound.json<{ caseNumber: string }>(outbound.records.find(byKey(reference, 'readmission.application.decided.v1'))!).caseNumber,
      );
      expect(told.sort()).toEqual(intake.map((c) => String(c._id)).sort());

      // Internal topics: its own events only (case-registered carries the partner reference).
      const registered = namespacedTopic('readmission.internal.case-registered.v1', copy.namespace);
      const events = await readAll(registered);
      expect(events.map((e) => e.partnerReference).sort()).toEqual([...copy.references].sort());

      // Consumer groups: every topic a copy's group was given is its partner's inbound topic or one of its own.
      const { groups } = await admin.describeGroups(
        SERVICES.map((s) => namespacedGroup(`${copy.isolation.groupPrefix}${s}`, copy.namespace)),
      );
      for (const group of groups) {
        const topics = group.members.flatMap((m) => assignedTopics(m.memberAssignment));
        expect(topics.length).toBeGreaterThan(0);
        for (const topic of topics)
          expect(topic === partnerInboundTopic(copy.partner) || topic.startsWith(`${copy.namespace}.`)).toBe(true);
        expect(topics.some((t) => t.startsWith(`${other.namespace}.`))).toBe(false);
      }

      // Dead letters: none, in any of its services (not the other's replies either).
      for (const s of SERVICES) {
        const offsets = await admin.fetchTopicOffsets(
          deadLetterTopic(namespacedGroup(`${copy.isolation.groupPrefix}${s}`, copy.namespace)),
        );
        expect({ service: s, deadLettered: offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0) }).toEqual({
          service: s,
          deadLettered: 0,
        });
      }
    }
  }, 300_000);

  /** Every record of a topic, from the beginning to its current end (values as JSON). */
  async function readAll(topic: string): Promise<Record<string, unknown>[]> {
    const ends = await admin.fetchTopicOffsets(topic);
    const total = ends.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
    const collector = await kafka.collect([topic]);
    await collector.waitFor(() => true, total, 60_000).catch(() => undefined);
    return collector.records.map((r) => collector.json(r));
  }
});

/** The topics of a consumer group member's assignment (Kafka's MemberAssignment v0: version, topics, partitions). */
function assignedTopics(assignment: Buffer): string[] {
  const topics: string[] = [];
  if (assignment.length < 6) return topics;
  let at = 2;
  const count = assignment.readInt32BE(at);
  at += 4;
  for (let t = 0; t < count; t++) {
    const length = assignment.readInt16BE(at);
    at += 2;
    topics.push(assignment.toString('utf8', at, at + length));
    at += length;
    const partitions = assignment.readInt32BE(at);
    at += 4 + partitions * 4;
  }
  return topics;
}
