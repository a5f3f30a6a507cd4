import { execFile } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { parse, stringify } from 'yaml';

const run = promisify(execFile);
const REPO_ROOT = join(__dirname, '..', '..', '..');

export interface PromSample {
  metric: Record<string, string>;
  value: [number, string];
}

export interface PromAlert {
  labels: Record<string, string>;
  state: 'pending' | 'firing';
  value: string;
}

export interface TestPrometheus {
  url: string;
  /** An instant query; throws with Prometheus's error when the expression does not parse or run. */
  query(expr: string): Promise<PromSample[]>;
  /** The active (pending or firing) alerts, from /api/v1/alerts. */
  alerts(): Promise<PromAlert[]>;
  rules(): Promise<{ name: string; health: string; lastError?: string; lastEvaluation?: string }[]>;
  stop(): Promise<void>;
}

export interface TestPrometheusOptions {
  /** Targets of the committed native configuration's jobs (by job_name: e.g. readmission, kafka-lag); jobs not named are left out. */
  targets: Record<string, { targets: string[]; labels?: Record<string, string> }[]>;
  /** Rule files (absolute paths); default: the committed infra/prometheus/rules/*.rules.yml. */
  ruleFiles?: string[];
  /** Scrape and evaluation interval (default 1s, so that tests see rate() and alerts within seconds). */
  interval?: string;
}

/**
 * The platform's Prometheus for a test: Debian's `prometheus`, started by scripts/infra/prometheus.sh (as
 * `npm run ops:up` starts it) on a free port with the committed native configuration (infra/prometheus/
 * prometheus.native.yml), its targets pointed at the test's services and exporter, scraping every second.
 */
export async function startTestPrometheus(options: TestPrometheusOptions): Promise<TestPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'prometheus-test-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const interval = options.interval ?? '1s';
  const config = parse(readFileSync(join(REPO_ROOT, 'infra/prometheus/prometheus.native.yml'), 'utf8'));
  config.global.scrape_interval = interval;
  config.global.evaluation_interval = interval;
  config.rule_files = options.ruleFiles ?? [join(REPO_ROOT, 'infra/prometheus/rules/*.rules.yml')];
  delete config.alerting;
  const targets: Record<string, unknown> = { ...options.targets, prometheus: [{ targets: [`127.0.0.1:${port}`] }] };
  config.scrape_configs = config.scrape_configs
    .filter((job: { job_name: string }) => targets[job.job_name])
    .map((job: { job_name: string; scrape_timeout?: string }) => ({
      ...job,
      static_configs: targets[job.job_name],
      ...(job.scrape_timeout ? { scrape_timeout: interval } : {}),
    }));
  writeFileSync(join(dir, 'prometheus.yml'), stringify(config));
  const env = { ...process.env, LOCAL_DIR: dir, PROMETHEUS_PORT: String(port), PROMETHEUS_CONFIG: join(dir, 'prometheus.yml') };
  const script = join(REPO_ROOT, 'scripts/infra/prometheus.sh');
  await run('bash', [script, 'start'], { env, timeout: 120_000 });

  const api = async <T>(path: string): Promise<T> => {
    const body = (await (await fetch(`${url}${path}`)).json()) as { status: string; error?: string; data: T };
    if (body.status !== 'success') throw new Error(`${path}: ${body.error}`);
    return body.data;
  };
  return {
    url,
    query: async (expr) => (await api<{ result: PromSample[] }>(`/api/v1/query?query=${encodeURIComponent(expr)}`)).result,
    alerts: async () => (await api<{ alerts: PromAlert[] }>('/api/v1/alerts')).alerts,
    rules: async () => (await api<{ groups: { rules: [] }[] }>('/api/v1/rules')).groups.flatMap((g) => g.rules),
    stop: async () => {
      await run('bash', [script, 'stop'], { env }).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}
