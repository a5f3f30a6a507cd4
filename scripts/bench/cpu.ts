// CPU time of processes from /proc (Linux): the services', and the store's and broker's found by their pid files.
import { existsSync, readFileSync, readdirSync } from 'fs';
import { join } from 'path';

const TICKS_PER_SECOND = 100; // USER_HZ; `getconf CLK_TCK` is 100 on Linux

/** User + system CPU seconds a process has used since it started (undefined when it is gone). */
export function cpuSecondsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Children of `pid` (PostgreSQL's backends are children of its postmaster). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) children.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return children;
}

const pidIn = (file: string): number | undefined => {
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0].trim());
  return Number.isInteger(pid) && pid > 0 && existsSync(`/proc/${pid}`) ? pid : undefined;
};

/**
 * The local infrastructure's processes under `localDir` (scripts/infra's LOCAL_DIR): FerretDB, PostgreSQL (its
 * postmaster and, at each reading, its backends) and Kafka. Absent ones are left out (e.g. a remote store).
 */
export function infrastructurePids(localDir: string): { store: () => number[]; broker: () => number[] } {
  const ferret = pidIn(join(localDir, 'ferretdb', 'ferretdb.pid'));
  const postmaster = pidIn(join(localDir, 'postgres', 'data', 'postmaster.pid'));
  const kafka = pidIn(join(localDir, 'kafka', 'kafka.pid'));
  return {
    store: () => [...(ferret ? [ferret] : []), ...(postmaster ? [postmaster, ...childrenOf(postmaster)] : [])],
    broker: () => (kafka ? [kafka] : []),
  };
}

/** The handler of the FerretDB started under `localDir` (its `-handler` argument), or undefined when none runs there. */
export function ferretHandler(localDir: string): string | undefined {
  const pid = pidIn(join(localDir, 'ferretdb', 'ferretdb.pid'));
  if (!pid) return undefined;
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const at = args.indexOf('-handler');
    return at >= 0 ? args[at + 1] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CPU used by groups of processes between two readings, in CPU seconds and as a share of one core (100% = one
 * core busy). Processes that start between readings (new PostgreSQL backends) count from zero.
 */
export class CpuMeter {
  private readonly start = new Map<number, number>();
  private readonly startedAt = Date.now();

  constructor(private readonly groups: Record<string, () => number[]>) {
    for (const pids of Object.values(groups)) for (const pid of pids()) this.start.set(pid, cpuSecondsOf(pid) ?? 0);
  }

  read(): Record<string, { cpuSeconds: number; percentOfOneCore: number }> {
    const seconds = (Date.now() - this.startedAt) / 1000;
    const out: Record<string, { cpuSeconds: number; percentOfOneCore: number }> = {};
    for (const [name, pids] of Object.entries(this.groups)) {
      let used = 0;
      for (const pid of pids()) used += Math.max(0, (cpuSecondsOf(pid) ?? this.start.get(pid) ?? 0) - (this.start.get(pid) ?? 0));
      out[name] = { cpuSeconds: Math.round(used * 100) / 100, percentOfOneCore: Math.round((used / seconds) * 1000) / 10 };
    }
    return out;
  }
}
