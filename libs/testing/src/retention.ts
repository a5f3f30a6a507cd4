/** One kind's result of a retention sweep run (RetentionRun of libs/platform). */
export interface SweepRun {
  kind: string;
  purged: number;
  held: number;
}

/**
 * Runs a retention sweep until it purges nothing more (a run takes a batch per kind), and returns per kind what was
 * purged in all and what the last run found held.
 */
export async function sweepUntilDone(sweep: () => Promise<SweepRun[]>): Promise<Record<string, SweepRun>> {
  const total: Record<string, SweepRun> = {};
  for (;;) {
    const runs = await sweep();
    for (const r of runs) total[r.kind] = { kind: r.kind, purged: (total[r.kind]?.purged ?? 0) + r.purged, held: r.held };
    if (runs.every((r) => r.purged === 0)) return total;
  }
}
