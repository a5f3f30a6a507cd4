import { ChildProcess, spawn } from 'child_process';
import { createWriteStream, mkdirSync } from 'fs';
import { join } from 'path';
import { loadOrCreateDevKey } from '@readmission/auth';
import { waitUntil } from './kafka-test-client';

export const SERVICES = ['intake', 'verification', 'transfer', 'reintegration'] as const;
export type ServiceName = (typeof SERVICES)[number];
const REPO_ROOT = join(__dirname, '..', '..', '..');

/**
 * V8's old-space limit of a service process, in MB, as the service image sets it (Dockerfile's CMD). A service's
 * live heap under a backlog is about 70 MB; without a limit V8 lets garbage pile up to twice that before a full
 * collection, and the resident memory passed 200 MB (README, "Where the performance targets stand").
 */
export const SERVICE_MAX_OLD_SPACE_MB = 128;

export interface LaunchOptions {
  kafkaBrokers: string;
  mongodbUri: string;
  /** First HTTP port; the services take it and the next three. */
  basePort: number;
  devKeyFile: string;
  /**
   * Separate databases and consumer groups, and with `namespace` (PLATFORM_NAMESPACE) internal topics and
   * dead-letter topics of its own too, so that this copy of the platform never meets another on the same broker.
   */
  isolation?: { dbPrefix: string; groupPrefix: string; namespace?: string };
  logDir: string;
  partners?: string[];
  extraEnv?: Record<string, string>;
  /** How long each service may take to become healthy (default 180 s: a start on a loaded 2-CPU machine has taken over a minute). */
  startTimeoutMs?: number;
  /** Another build than the repository's dist/ (same layout), e.g. a benchmark's own. */
  distDir?: string;
  /** V8's old-space limit of each service in MB (default SERVICE_MAX_OLD_SPACE_MB, as in production; 0: V8's own). */
  maxOldSpaceMb?: number;
}

export interface LaunchedPlatform {
  urls: Record<ServiceName, string>;
  /** Process id of each service (e.g. to read its memory from /proc). */
  pids: Record<ServiceName, number>;
  stop(): Promise<void>;
  /** Kills one service with SIGKILL (no shutdown hook runs: a crash) and waits until the process is gone. */
  kill(service: ServiceName): Promise<void>;
  /** Starts one service again (after `kill`, or a crash) with the same settings, and waits until it is healthy. */
  restart(service: ServiceName, timeoutMs?: number): Promise<void>;
}

/** Starts the four built services (dist/) as separate processes, like production, and waits until all are healthy. */
export async function launchPlatform(options: LaunchOptions): Promise<LaunchedPlatform> {
  mkdirSync(options.logDir, { recursive: true });
  loadOrCreateDevKey(options.devKeyFile); // before the services start, so they all read one finished key
  const children = {} as Record<ServiceName, ChildProcess>;
  const urls = {} as Record<ServiceName, string>;
  const pids = {} as Record<ServiceName, number>;
  const heapMb = options.maxOldSpaceMb ?? SERVICE_MAX_OLD_SPACE_MB;
  const spawnService = (service: ServiceName) => {
    const port = options.basePort + SERVICES.indexOf(service);
    urls[service] = `http://127.0.0.1:${port}`;
    const log = createWriteStream(join(options.logDir, `${service}.log`), { flags: 'a' });
    const child = spawn(
      process.execPath,
      [
        ...(heapMb > 0 ? [`--max-old-space-size=${heapMb}`] : []),
        join(options.distDir ?? join(REPO_ROOT, 'dist'), 'services', service, 'services', service, 'src', 'main.js'),
      ],
      {
        env: {
          ...process.env,
          KAFKA_BROKERS: options.kafkaBrokers,
          MONGODB_URI: options.mongodbUri,
          PORT: String(port),
          AUTH_DEV_KEY_FILE: options.devKeyFile,
          ...(options.partners ? { PARTNERS: options.partners.join(',') } : {}),
          ...(options.isolation
            ? { MONGODB_DB_PREFIX: options.isolation.dbPrefix, CONSUMER_GROUP_PREFIX: options.isolation.groupPrefix }
            : {}),
          ...(options.isolation?.namespace ? { PLATFORM_NAMESPACE: options.isolation.namespace } : {}),
          ...options.extraEnv,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    children[service] = child;
    if (child.pid !== undefined) pids[service] = child.pid;
  };
  const healthy = (service: ServiceName, timeoutMs = options.startTimeoutMs ?? 180_000) =>
    waitUntil(
      async () => {
        const exited = children[service].exitCode;
        if (exited !== null) throw new Error(`${service} exited with code ${exited}; see ${join(options.logDir, `${service}.log`)}`);
        const res = await fetch(`${urls[service]}/health`).catch(() => undefined);
        return res?.status === 200;
      },
      timeoutMs,
      () => `${service} did not become healthy; see ${join(options.logDir, `${service}.log`)}`,
    );
  const ended = (child: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
    });
  SERVICES.forEach(spawnService);
  const stop = async () => {
    await Promise.all(
      Object.values(children).map((child) => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
        }
        return ended(child);
      }),
    );
  };
  const kill = async (service: ServiceName) => {
    const child = children[service];
    child.kill('SIGKILL');
    await ended(child);
  };
  const restart = async (service: ServiceName, timeoutMs?: number) => {
    await kill(service); // nothing to do when it is already gone
    spawnService(service);
    await healthy(service, timeoutMs);
  };
  try {
    for (const service of SERVICES) await healthy(service);
  } catch (error) {
    await stop();
    throw error;
  }
  return { urls, pids, stop, kill, restart };
}
