// What a service's resident memory is made of at its peak under the load: every few seconds the services' own
// /metrics (prom-client's default process and Node.js series) are read, and for each service the sample with the
// highest resident memory is kept, with the V8 heap (reserved and used); the rest of RSS is code, native memory
// and Buffers (`externalMb`: ArrayBuffers and Buffers, e.g. fetched records). RSS far above the used heap means garbage not yet collected or
// fragmentation; a used heap close to RSS means live objects (records and documents in flight).
import { now, sleep } from './kafka';

export interface MemoryAtPeak {
  /** Seconds from the sampler's start. */
  atSeconds: number;
  rssMb: number;
  heapTotalMb: number;
  heapUsedMb: number;
  externalMb: number;
}

const SERIES = {
  rss: 'process_resident_memory_bytes',
  heapTotal: 'nodejs_heap_size_total_bytes',
  heapUsed: 'nodejs_heap_size_used_bytes',
  external: 'nodejs_external_memory_bytes',
} as const;

const mb = (bytes: number) => Math.round(bytes / 104_857.6) / 10;

/** The value of an unlabelled series in Prometheus text; NaN when absent. */
function valueOf(text: string, name: string): number {
  const line = new RegExp(`^${name} ([0-9.eE+-]+)`, 'm').exec(text);
  return line ? Number(line[1]) : Number.NaN;
}

export class MemorySampler {
  private readonly peaks = new Map<string, MemoryAtPeak>();
  private running?: Promise<void>;
  private stopped = false;
  private start = 0;

  /** `urls`: each service's base URL (its /metrics is open, as for Prometheus). */
  constructor(
    private readonly urls: Record<string, string>,
    private readonly everyMs = 2_000,
  ) {}

  begin(): void {
    this.start = now();
    this.running = (async () => {
      while (!this.stopped) {
        const at = now();
        await Promise.all(Object.entries(this.urls).map(([service, url]) => this.sample(service, url).catch(() => undefined)));
        await sleep(Math.max(0, this.everyMs - (now() - at)));
      }
    })();
  }

  async stop(): Promise<Record<string, MemoryAtPeak>> {
    this.stopped = true;
    await this.running;
    return Object.fromEntries(this.peaks);
  }

  private async sample(service: string, url: string): Promise<void> {
    const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5_000) })).text();
    const rss = valueOf(text, SERIES.rss);
    if (!Number.isFinite(rss) || rss <= (this.peaks.get(service)?.rssMb ?? 0) * 1_048_576) return;
    this.peaks.set(service, {
      atSeconds: Math.round((now() - this.start) / 100) / 10,
      rssMb: mb(rss),
      heapTotalMb: mb(valueOf(text, SERIES.heapTotal)),
      heapUsedMb: mb(valueOf(text, SERIES.heapUsed)),
      externalMb: mb(valueOf(text, SERIES.external)),
    });
  }
}
