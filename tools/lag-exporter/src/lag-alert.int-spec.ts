import { randomUUID } from 'crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { Consumer } from 'kafkajs';
import { parse, stringify } from 'yaml';
import { KafkaTestClient, TestPrometheus, startTestPrometheus, waitUntil } from '@readmission/testing';
import { LagExporter } from './exporter';
import { loadSettings } from './settings';

const ROOT = resolve(__dirname, '../../..');
const ALERT = 'KafkaConsumerLagGrowing';
/** The test copy's `for:` (production: 10m). Everything else of the rule file is the committed one. */
const TEST_FOR = '8s';

/**
 * A test copy of the committed consumer-lag rules (infra/prometheus/rules/kafka.rules.yml): the same groups, names,
 * expressions and labels, only `for:` shortened to TEST_FOR, so that the alert can fire within a test. The
 * production file is never changed; this asserts that only `for:` differs.
 */
function lagRulesForTest(dir: string): string {
  const committed = parse(readFileSync(join(ROOT, 'infra/prometheus/rules/kafka.rules.yml'), 'utf8'));
  const copy = structuredClone(committed);
  for (const group of copy.groups) for (const rule of group.rules) if (rule.for) rule.for = TEST_FOR;
  const strip = (rules: typeof committed) =>
    rules.groups.flatMap((g: { rules: Record<string, unknown>[] }) => g.rules.map(({ for: _for, ...rest }) => rest));
  expect(strip(copy)).toEqual(strip(committed));
  const file = join(dir, 'kafka.rules.yml');
  writeFileSync(file, stringify(copy));
  return file;
}

/**
 * Issue 11, "a test stops a service while records arrive": the platform's Prometheus (Debian's, started by
 * scripts/infra/prometheus.sh) scrapes the project's lag exporter; a consumer group consumes a topic while records
 * keep arriving; it stops: kafka_consumergroup_lag grows and KafkaConsumerLagGrowing fires in Prometheus; it starts
 * again: the lag returns to zero and the alert resolves. Real broker, real Prometheus, the committed rule expression.
 */
describe('consumer lag alert on the real broker and Prometheus', () => {
  const id = randomUUID().slice(0, 8);
  const topic = `readmission.it-lag-alert-${id}.v1`;
  const group = `it-lag-alert-${id}`;
  const client = new KafkaTestClient();
  const dir = mkdtempSync(join(tmpdir(), 'lag-alert-'));
  let exporter: LagExporter;
  let prometheus: TestPrometheus;
  let consumer: Consumer | undefined;
  let producing: NodeJS.Timeout | undefined;
  let sent = 0;

  const lag = async () => Number((await prometheus.query(`sum(kafka_consumergroup_lag{consumergroup="${group}"})`))[0]?.value[1] ?? NaN);
  const alertState = async () =>
    (await prometheus.alerts()).find((a) => a.labels.alertname === ALERT && a.labels.consumergroup === group)?.state ?? 'inactive';

  /** The "service": a member of the group that handles and commits each record. */
  async function startConsumer(): Promise<void> {
    consumer = client.kafka.consumer({
      groupId: group,
      allowAutoTopicCreation: false,
      sessionTimeout: 10_000,
      heartbeatInterval: 1000,
      maxWaitTimeInMs: 500,
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({ eachMessage: async () => undefined });
  }

  beforeAll(async () => {
    await client.createTopics([topic], 2);
    exporter = new LagExporter(loadSettings({ ...process.env, LAG_EXPORTER_PORT: '0', LAG_EXPORTER_GROUP_FILTER: `^${group}$` }));
    const exporterPort = await exporter.start();
    prometheus = await startTestPrometheus({
      targets: { 'kafka-lag': [{ targets: [`127.0.0.1:${exporterPort}`] }] },
      ruleFiles: [lagRulesForTest(dir)],
    });
    await startConsumer();
    // Records keep arriving for the whole test: five a second, over both partitions.
    producing = setInterval(() => void client.send(topic, [{ value: `r${sent++}` }]).catch(() => undefined), 200);
  }, 120_000);

  afterAll(async () => {
    if (producing) clearInterval(producing);
    await consumer?.disconnect().catch(() => undefined);
    await prometheus?.stop();
    await exporter?.stop();
    await client.removeGroupsAndTopics([group], [topic]);
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lag grows and the alert fires while the consumer is stopped, then both return to normal after its restart', async () => {
    // Running: the group keeps up (a record or two in flight at most) and the alert does not fire.
    await waitUntil(
      async () => (await lag()) <= 2,
      30_000,
      () => 'the running group did not keep up',
    );
    expect(await alertState()).not.toBe('firing');

    // Stopped while records arrive: the lag grows from scrape to scrape, and the alert goes pending, then firing.
    await consumer!.disconnect();
    const atStop = await lag();
    const grown = await waitUntil(
      async () => ((await lag()) >= atStop + 10 ? lag() : undefined),
      30_000,
      () => 'lag did not grow',
    );
    expect(grown).toBeGreaterThan(atStop);
    await waitUntil(
      async () => (await alertState()) === 'firing',
      60_000,
      () => `${ALERT} did not fire`,
    );
    const firing = await prometheus.query(`ALERTS{alertname="${ALERT}",alertstate="firing",consumergroup="${group}"}`);
    expect(firing.map((s) => s.metric)).toEqual([expect.objectContaining({ topic, severity: 'warning' })]);
    expect(await lag()).toBeGreaterThan(grown - 1);

    // Restarted: it catches up while records still arrive (a record or two in flight at most), is back at 0 once
    // they stop, and the alert resolves.
    await startConsumer();
    await waitUntil(
      async () => (await lag()) <= 2,
      60_000,
      () => 'the restarted group did not catch up',
    );
    clearInterval(producing);
    await waitUntil(
      async () => (await lag()) === 0,
      30_000,
      () => 'lag did not return to 0 after the restart',
    );
    await waitUntil(
      async () => (await alertState()) === 'inactive',
      60_000,
      () => `${ALERT} did not resolve`,
    );
    expect(await prometheus.query(`ALERTS{alertname="${ALERT}",consumergroup="${group}"}`)).toEqual([]);
  });
});
