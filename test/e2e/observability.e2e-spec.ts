import { randomBytes, randomUUID } from 'crypto';
import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { MongoClient } from 'mongodb';
import { bakuDate } from '@readmission/agreements';
import { buildPartnerRecord, namespacedGroup, namespacedTopic, partnerInboundTopic, partnerOutboundTopic } from '@readmission/contracts';
import {
  Collector,
  KafkaTestClient,
  LaunchedPlatform,
  SERVICES,
  TestPrometheus,
  dashboardQueries,
  startTestPrometheus,
  substituteVariables,
  waitUntil,
} from '@readmission/testing';
import { E2EPlatform, byKey, launchE2EPlatform } from './support';

/**
 * Issue 11, items 5 and 6 on the four services as processes: one application's W3C trace id, sent by the partner in
 * its record's traceparent, is on the replies, on the internal events between the services and on every service's
 * log lines (JSON); and no log line of the run carries the names, dates of birth or document numbers sent.
 * Item 3 on the same platform: every dashboard query against the platform's Prometheus scraping the four services.
 */
const run = randomUUID().slice(0, 8);
const NAMESPACE = `obs-${run}`;
const PARTNERS = ['DE'];
const fixture = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'libs', 'contracts', 'fixtures', 'valid', 'application-submitted-national.json'), 'utf8'),
);
const INTERNAL = [
  'readmission.internal.case-registered.v1',
  'readmission.internal.case-decided.v1',
  'readmission.internal.partner-reply-requested.v1',
];
const ROOT = join(__dirname, '..', '..');
const DASHBOARDS = join(ROOT, 'infra', 'grafana', 'dashboards');
const traceIdOf = (traceparent: string | undefined) => /^00-([\da-f]{32})-[\da-f]{16}-0[01]$/.exec(traceparent ?? '')?.[1];

describe('observability: one trace through the four services, logs without personal data', () => {
  let platform: LaunchedPlatform;
  let e2e: E2EPlatform;
  let outbound: Collector;
  let internal: Collector;
  let prometheus: TestPrometheus;
  const kafka = new KafkaTestClient();
  const logDir = join(__dirname, '..', '..', '.local', 'logs', `e2e-obs-${run}`);
  const logOf = (service: string) => readFileSync(join(logDir, `${service}.log`), 'utf8');
  const jsonLines = (service: string) =>
    logOf(service)
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  beforeAll(async () => {
    // Its own namespace: other copies of the platform on the broker never consume this copy's internal events (they
    // still share the partner topics). Intake's group starts at the end of the partner topic, like every e2e group.
    await kafka.createTopics([partnerInboundTopic('DE')]);
    await kafka.startGroupAtEnd(namespacedGroup(`e2e-obs-${run}-intake`, NAMESPACE), [partnerInboundTopic('DE')]);
    await kafka.createTopics(INTERNAL.map((t) => namespacedTopic(t, NAMESPACE)));
    internal = await kafka.collect(INTERNAL.map((t) => namespacedTopic(t, NAMESPACE)));
    outbound = await kafka.collect([partnerOutboundTopic('DE')]);
    // debug: every service logs each record it handles (with its trace id), not only what it decides.
    e2e = await launchE2EPlatform(kafka, {
      run: `obs-${run}`,
      partners: PARTNERS,
      ports: [5900, 6600],
      // No time-limit sweeps (the monitoring part writes documents that are not whole cases); gauges recounted every second.
      env: { LOG_LEVEL: 'debug', PLATFORM_NAMESPACE: NAMESPACE, METRICS_REFRESH_MS: '1000', DEADLINE_SWEEP_MS: '0' },
    });
    platform = e2e.platform;
  }, 120_000);

  afterAll(async () => {
    await prometheus?.stop();
    await platform?.stop();
    await kafka.close();
  });

  it('carries the partner’s trace id to the replies, the internal events and every service’s log lines, and logs no personal data', async () => {
    const traceId = randomBytes(16).toString('hex');
    const reference = `E2E-OBS-${run}`;
    const value = { ...fixture.value, partnerReference: reference };
    const record = buildPartnerRecord({
      type: fixture.type,
      value,
      source: 'urn:authority:de:bamf',
      headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
    });
    await kafka.send(partnerInboundTopic('DE'), [record]);

    // The partner topics are shared: other copies may answer too, so this copy's replies are those in the trace.
    const traced = (type: string) => (r: Parameters<ReturnType<typeof byKey>>[0]) =>
      byKey(reference, type)(r) && traceIdOf(outbound.header(r as never, 'traceparent')) === traceId;
    await outbound.waitFor(traced('readmission.application.acknowledged.v1'), 1, 60_000);
    await outbound.waitFor(traced('readmission.application.decided.v1'), 1, 60_000);
    // This copy's case (another copy with the same code may have registered the same record under its own number).
    const mongo = new MongoClient(process.env.MONGODB_URI as string);
    const stored = await mongo
      .connect()
      .then(() => mongo.db(`${e2e.isolation.dbPrefix}-intake`).collection('cases').findOne({ partnerReference: reference }));
    await mongo.close();
    const caseNumber = String(stored?._id);
    expect(
      outbound.records
        .filter(traced('readmission.application.acknowledged.v1'))
        .map((r) => outbound.json<{ caseNumber: string }>(r).caseNumber),
    ).toContain(caseNumber);

    // intake → verification, transfer, reintegration (case-registered); verification → transfer, reintegration,
    // intake (case-decided, partner-reply-requested): every internal event about the case is in the trace.
    await internal.waitFor((r) => internal.header(r, 'ce_subject') === caseNumber, 3, 60_000);
    const events = internal.records.filter((r) => internal.header(r, 'ce_subject') === caseNumber);
    expect(new Set(events.map((r) => r.topic))).toEqual(new Set(INTERNAL.map((t) => namespacedTopic(t, NAMESPACE))));
    for (const r of events)
      expect({ topic: r.topic, traceId: traceIdOf(internal.header(r, 'traceparent')) }).toEqual({ topic: r.topic, traceId });

    // Each service logged something about this application, every such line with the trace id (JSON, one per line).
    for (const service of SERVICES) {
      const lines = await waitUntil(
        () => {
          const found = jsonLines(service).filter((l) => l.traceId === traceId);
          return found.length > 0 ? found : undefined;
        },
        30_000,
        () => `no line of ${service} carries trace ${traceId}`,
      );
      for (const line of lines)
        expect(line).toMatchObject({ service, level: expect.any(String), message: expect.any(String), time: expect.any(String) });
      expect(lines.some((l) => typeof l.topic === 'string' && typeof l.offset === 'string' && typeof l.partition === 'number')).toBe(true);
    }
    expect(jsonLines('intake').some((l) => l.traceId === traceId && l.caseNumber === caseNumber)).toBe(true);

    // The scan: none of the personal data sent appears in any service's log.
    const person = value.person as Record<string, string>;
    const spouse = (value.family as Record<string, string>[])[0];
    const personal = [
      person.surname,
      person.givenNames,
      person.dateOfBirth,
      person.placeOfBirth,
      spouse.surname,
      spouse.givenNames,
      ...(value.evidence as { number?: string }[]).map((e) => e.number),
    ].filter((v): v is string => typeof v === 'string' && v.length > 0);
    for (const service of SERVICES) {
      const text = logOf(service);
      for (const item of personal) expect({ service, found: text.includes(item) ? item : null }).toEqual({ service, found: null });
    }
  });

  /**
   * The dashboards against this running platform: the platform's Prometheus (scripts/infra/prometheus.sh, the
   * committed native configuration) scrapes the four services. Besides the application above (accepted), one is
   * rejected, and the store holds a case whose reply falls due tomorrow, a transfer arriving today and a referral past
   * its due date (written directly, as the services would have): the business gauges count them from their indexes
   * on their timer. The lag exporter's panels are covered with data of their own in tools/lag-exporter.
   */
  it('scrapes the four services, with the business gauges counted from the store', async () => {
    const mongo = new MongoClient(process.env.MONGODB_URI as string);
    await mongo.connect();
    const db = (service: string) => mongo.db(`${e2e.isolation.dbPrefix}-${service}`);
    const now = Date.now();
    await db('verification')
      .collection('verification-cases')
      .insertOne({
        _id: `RA-MON-${run}` as never,
        partnerCode: 'DE',
        status: 'awaiting-review',
        replyDueBy: new Date(now + 24 * 3600_000),
      });
    await db('transfer')
      .collection('transfers')
      .insertOne({
        _id: `DE:TR-MON-${run}` as never,
        partnerCode: 'DE',
        status: 'confirmed',
        arrivalDate: bakuDate(new Date(now)),
        borderCrossingPoint: 'GYD',
      });
    await db('reintegration')
      .collection('referrals')
      .insertOne({
        _id: `REF-MON-${run}` as never,
        caseNumber: `RA-MON-${run}`,
        bodyCode: 'MOH',
        status: 'sent',
        dueBy: new Date(now - 3600_000),
      });
    await mongo.close();
    const invalid = JSON.parse(
      readFileSync(join(ROOT, 'libs', 'contracts', 'fixtures', 'invalid', 'evidence-not-an-array.json'), 'utf8'),
    ) as typeof fixture;
    const rejected = `E2E-OBS-BAD-${run}`;
    await kafka.send(partnerInboundTopic('DE'), [
      buildPartnerRecord({ type: invalid.type, value: { ...invalid.value, partnerReference: rejected }, source: 'urn:authority:de:bamf' }),
    ]);
    await outbound.waitFor(byKey(rejected, 'readmission.application.rejected.v1'), 1, 60_000);

    const target = (service: (typeof SERVICES)[number]) => ({ targets: [new URL(platform.urls[service]).host], labels: { service } });
    prometheus = await startTestPrometheus({ targets: { readmission: SERVICES.map(target) } });
    // Three scrapes of every service at least (increase() needs samples), with the gauges' counts in.
    await waitUntil(
      async () => (await prometheus.query('count_over_time(up{job="readmission"}[1m]) >= 3')).length === SERVICES.length,
      60_000,
      () => 'Prometheus did not scrape the four services three times',
    );
    const up = await prometheus.query('up{job="readmission"}');
    expect(up.map((s) => [s.metric.service, s.value[1]]).sort()).toEqual(SERVICES.map((s) => [s, '1']).sort());
    const value = async (expr: string) => Number((await prometheus.query(expr))[0]?.value[1]);
    expect(await value('verification_reply_limits_due_72h{partner="DE"}')).toBe(1);
    expect(await value('transfer_transfers_expected_today{crossing_point="GYD"}')).toBe(1);
    expect(await value('reintegration_referrals_overdue{body="MOH"}')).toBe(1);
    expect(await value('sum(verification_decisions_total{partner="DE",deemed="false"})')).toBe(1);
    expect(await value('verification_replies_overdue_total{partner="DE"}')).toBe(0);
    expect(await value('sum(intake_applications_rejected_total{partner="DE"})')).toBe(1);
  });

  it.each(readdirSync(DASHBOARDS).filter((f) => f.endsWith('.json')))('%s: every panel query parses and runs', async (file) => {
    const failures: string[] = [];
    for (const q of dashboardQueries(JSON.parse(readFileSync(join(DASHBOARDS, file), 'utf8'))))
      await prometheus.query(substituteVariables(q.expr)).catch((error: Error) => failures.push(`${q.panel}: ${error.message}`));
    expect(failures).toEqual([]);
  });

  it('returns series for every panel of the business dashboard (per partner, crossing point, body)', async () => {
    const business = JSON.parse(readFileSync(join(DASHBOARDS, 'readmission-business.json'), 'utf8'));
    const empty: string[] = [];
    for (const q of dashboardQueries(business)) {
      if ((await prometheus.query(substituteVariables(q.expr))).length === 0) empty.push(`${q.panel}: ${q.expr}`);
    }
    expect(empty).toEqual([]);
  });
});
