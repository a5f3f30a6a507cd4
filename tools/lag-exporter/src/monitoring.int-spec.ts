import { execFile } from 'child_process';
import { randomUUID } from 'crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { promisify } from 'util';
import { parse, stringify } from 'yaml';
import { LagExporter } from './exporter';
import { KafkaTestClient, dashboardQueries, freePort, metricNames, substituteVariables } from '@readmission/testing';
import { loadSettings } from './settings';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../../..');
const DASHBOARDS = join(ROOT, 'infra/grafana/dashboards');
/** Metrics this test's Prometheus has (the lag exporter's, the store probe, scrape health); the services' come later. */
const SCRAPED_HERE = (name: string) => name.startsWith('kafka_') || name === 'mongodb_up' || name === 'up';

/**
 * The monitoring as operators get it, on the real broker: the native Prometheus started by
 * scripts/infra/prometheus.sh with the native configuration and the alert rules, scraping the lag exporter.
 * Every dashboard query must parse and run; those on the exporter's series must return data.
 */
describe('Prometheus, alert rules and dashboards on the real broker', () => {
  const id = randomUUID().slice(0, 8);
  // Named like the platform's topics, so that the panels filtering on readmission.* and readmission.dlq.* see them.
  const topic = `readmission.it-monitoring-${id}.v1`;
  const deadLetters = `readmission.dlq.it-monitoring-${id}.v1`;
  const group = `it-monitoring-${id}`;
  const client = new KafkaTestClient();
  const dir = mkdtempSync(join(tmpdir(), 'prometheus-it-'));
  let exporter: LagExporter;
  let env: NodeJS.ProcessEnv;
  let prometheus: string;

  beforeAll(async () => {
    await client.createTopics([topic], 3);
    await client.createTopics([deadLetters], 1);
    await client.send(
      topic,
      [0, 1, 2, 3].map((i) => ({ value: `r${i}`, partition: 0 })),
    );
    await client.send(deadLetters, [{ value: 'dead' }]);
    const admin = client.kafka.admin();
    await admin.connect();
    await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '1' }] });
    await admin.disconnect();

    exporter = new LagExporter(loadSettings({ ...process.env, LAG_EXPORTER_PORT: '0', LAG_EXPORTER_GROUP_FILTER: `^${group}$` }));
    const exporterPort = await exporter.start();
    const port = await freePort();
    prometheus = `http://127.0.0.1:${port}`;

    // The committed native configuration, pointed at this test's exporter and port, scraping every second.
    const config = parse(readFileSync(join(ROOT, 'infra/prometheus/prometheus.native.yml'), 'utf8'));
    config.global.scrape_interval = '1s';
    config.global.evaluation_interval = '1s';
    config.rule_files = [join(ROOT, 'infra/prometheus/rules/*.rules.yml')];
    delete config.alerting;
    for (const job of config.scrape_configs) {
      if (job.job_name === 'kafka-lag') job.static_configs = [{ targets: [`127.0.0.1:${exporterPort}`] }];
      if (job.job_name === 'prometheus') job.static_configs = [{ targets: [`127.0.0.1:${port}`] }];
      if (job.scrape_timeout) job.scrape_timeout = '1s';
    }
    writeFileSync(join(dir, 'prometheus.yml'), stringify(config));
    env = { ...process.env, LOCAL_DIR: dir, PROMETHEUS_PORT: String(port), PROMETHEUS_CONFIG: join(dir, 'prometheus.yml') };
    await run('bash', [join(ROOT, 'scripts/infra/prometheus.sh'), 'start'], { env, timeout: 120_000 });
    // Two scrapes at least, so that rate() and increase() have samples to work on.
    await until(async () => (await query(`rate(kafka_consumergroup_current_offset{consumergroup="${group}"}[1m])`)).length === 3, 30_000);
  });

  afterAll(async () => {
    if (env) await run('bash', [join(ROOT, 'scripts/infra/prometheus.sh'), 'stop'], { env }).catch(() => undefined);
    await exporter?.stop();
    await client.removeGroupsAndTopics([group], [topic, deadLetters]);
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function query(expr: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
    const res = await fetch(`${prometheus}/api/v1/query?query=${encodeURIComponent(expr)}`);
    const body = (await res.json()) as { status: string; error?: string; data?: { result: [] } };
    if (body.status !== 'success') throw new Error(`${expr}: ${body.error}`);
    return body.data?.result ?? [];
  }

  it('scrapes the lag series per group, topic and partition, as kafka_exporter names them', async () => {
    const lag = await query(`kafka_consumergroup_lag{consumergroup="${group}"}`);
    const byPartition = Object.fromEntries(lag.map((s) => [s.metric.partition, Number(s.value[1])]));
    expect(byPartition).toEqual({ '0': 3, '1': -1, '2': -1 });
    expect(lag[0].metric).toMatchObject({ job: 'kafka-lag', topic });
    expect(await query(`kafka_consumergroup_current_offset{consumergroup="${group}",partition="0"}`)).toHaveLength(1);
    expect(await query(`kafka_topic_partition_current_offset{topic="${topic}"}`)).toHaveLength(3);
    expect(Number((await query('mongodb_up'))[0]?.value[1])).toBe(1);
    expect(Number((await query('kafka_brokers'))[0]?.value[1])).toBeGreaterThanOrEqual(1);
  });

  it('loads every alert rule file and evaluates every rule without error', async () => {
    await until(async () => (await rules()).every((r) => r.lastEvaluation && !r.lastEvaluation.startsWith('0001')), 20_000);
    const all = await rules();
    const files = readdirSync(join(ROOT, 'infra/prometheus/rules')).filter((f) => f.endsWith('.rules.yml'));
    expect(files.length).toBeGreaterThan(0);
    expect(all.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        'KafkaConsumerLagGrowing',
        'KafkaConsumerPartitionStuck',
        'DeadLetterRecords',
        'ServiceDown',
        'OutboxPendingTooLong',
        'ReplyTimeLimitOverdue',
        'TransferNotClosed',
        'StoreUnreachable',
        'KafkaBrokerUnreachable',
      ]),
    );
    expect(all.filter((r) => r.health !== 'ok').map((r) => `${r.name}: ${r.lastError}`)).toEqual([]);
  });

  const dashboards = readdirSync(DASHBOARDS).filter((f) => f.endsWith('.json'));
  it.each(dashboards)('%s: every panel query parses and runs; those on the lag exporter return series', async (file) => {
    const queries = dashboardQueries(JSON.parse(readFileSync(join(DASHBOARDS, file), 'utf8')));
    expect(queries.length).toBeGreaterThan(0);
    const failures: string[] = [];
    const empty: string[] = [];
    for (const q of queries) {
      const expr = substituteVariables(q.expr);
      try {
        const result = await query(expr);
        if (metricNames(q.expr).every(SCRAPED_HERE) && result.length === 0) empty.push(`${q.panel}: ${expr}`);
      } catch (error) {
        failures.push(`${q.panel}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
    expect(empty).toEqual([]);
  });

  it("shows the test group's committed-but-unmoving partition in the overview's stuck-partition view", async () => {
    const overview = JSON.parse(readFileSync(join(DASHBOARDS, 'readmission-overview.json'), 'utf8'));
    const stuck = dashboardQueries(overview).find((q) => q.panel === 'Stuck partitions');
    expect(stuck).toBeDefined();
    const rows = await query(substituteVariables(stuck!.expr));
    expect(rows.map((r) => [r.metric.consumergroup, r.metric.partition, r.value[1]])).toEqual([[group, '0', '3']]);
  });

  async function rules(): Promise<{ name: string; health: string; lastError?: string; lastEvaluation?: string }[]> {
    const body = (await (await fetch(`${prometheus}/api/v1/rules`)).json()) as { data: { groups: { rules: [] }[] } };
    return body.data.groups.flatMap((g) => g.rules);
  }
});

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`not true after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
