// Latency and throughput summaries, and the plain-text table the benchmark prints.

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface FlowFigures {
  /** Records published and records that completed the whole path. */
  published: number;
  completed: number;
  /** Completed records per second, from the first publish to the last completion. */
  throughputPerSecond: number;
  durationMs: number;
  /** Milliseconds from publish to the first reply (1 hop) and to the final reply (3 hops). */
  firstHop: LatencySummary;
  lastHop: LatencySummary;
}

/** Nearest-rank percentile: always a latency that was actually measured. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarise(latenciesMs: number[]): LatencySummary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.length ? sorted[sorted.length - 1] : Number.NaN),
  };
}

/** Figures of one flow from per-record publish and arrival times (ms, same clock). */
export function flowFigures(sentAt: Map<string, number>, firstAt: Map<string, number>, lastAt: Map<string, number>): FlowFigures {
  const latencies = (arrivals: Map<string, number>) =>
    [...arrivals].flatMap(([key, at]) => (sentAt.has(key) ? [at - (sentAt.get(key) as number)] : []));
  // Loops, not Math.min(...values): spreading a very large run would exceed the argument limit.
  let start = Number.POSITIVE_INFINITY;
  for (const at of sentAt.values()) start = Math.min(start, at);
  let end = Number.NaN;
  for (const at of lastAt.values()) end = Number.isNaN(end) ? at : Math.max(end, at);
  const durationMs = end - start;
  return {
    published: sentAt.size,
    completed: lastAt.size,
    throughputPerSecond: Math.round((lastAt.size / (durationMs / 1000)) * 10) / 10,
    durationMs: Math.round(durationMs),
    firstHop: summarise(latencies(firstAt)),
    lastHop: summarise(latencies(lastAt)),
  };
}

/** A fixed-width text table; the first column is left-aligned, the others right-aligned. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? format(c) : c)))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

function format(n: number): string {
  if (Number.isNaN(n)) return '-';
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
