// Consumer lag during a benchmark run, sampled through the admin API the way kafka_exporter computes
// kafka_consumergroup_lag (log end offset minus committed offset, per partition), summed per group over the
// partitions its members are assigned: the series an operator's dashboard shows, rising under load and back to 0.
import { Admin, AssignerProtocol } from 'kafkajs';
import { now, sleep } from './kafka';

export interface GroupLag {
  group: string;
  /** Highest lag seen (records), and when (seconds from the sampler's start). */
  maxLag: number;
  maxAtSeconds: number;
  /** First sample at 0 after the highest (seconds from the start); null if the lag never came back to 0. */
  zeroAtSeconds: number | null;
}

export interface LagFigures {
  everyMs: number;
  samples: number;
  groups: GroupLag[];
}

/** Samples the lag of `groups` every `everyMs` until stopped. */
export class LagSampler {
  private readonly assigned = new Map<string, Set<string>>();
  private readonly series = new Map<string, { at: number; lag: number }[]>();
  private running?: Promise<void>;
  private stopped = false;
  private start = 0;
  private samples = 0;

  constructor(
    private readonly admin: Admin,
    private readonly groups: string[],
    private readonly everyMs = 500,
  ) {}

  begin(): void {
    this.start = now();
    this.running = (async () => {
      while (!this.stopped) {
        const at = now();
        await this.sample().catch(() => undefined); // a coordinator moving: the next sample will do
        await sleep(Math.max(0, this.everyMs - (now() - at)));
      }
    })();
  }

  async stop(): Promise<LagFigures> {
    this.stopped = true;
    await this.running;
    return { everyMs: this.everyMs, samples: this.samples, groups: this.groups.map((g) => this.figuresOf(g)) };
  }

  private async sample(): Promise<void> {
    const at = (now() - this.start) / 1000;
    // The topics each group's members are assigned (kept once seen: a rebalance empties the assignment for a moment).
    for (const group of (await this.admin.describeGroups(this.groups)).groups) {
      const topics = this.assigned.get(group.groupId) ?? new Set<string>();
      for (const member of group.members) {
        const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
        for (const topic of Object.keys(decoded?.assignment ?? {})) topics.add(topic);
      }
      this.assigned.set(group.groupId, topics);
    }
    const topics = [...new Set([...this.assigned.values()].flatMap((t) => [...t]))];
    const ends = new Map<string, number>();
    for (const topic of topics)
      for (const p of await this.admin.fetchTopicOffsets(topic)) ends.set(`${topic}:${p.partition}`, Number(p.high));
    for (const group of this.groups) {
      const mine = [...(this.assigned.get(group) ?? [])];
      if (mine.length === 0) continue; // not joined yet (backlog mode: the services start after the publish)
      let lag = 0;
      for (const t of await this.admin.fetchOffsets({ groupId: group, topics: mine }))
        for (const p of t.partitions) {
          const end = ends.get(`${t.topic}:${p.partition}`) ?? 0;
          const committed = Number(p.offset);
          lag += committed >= 0 ? Math.max(0, end - committed) : 0;
        }
      const points = this.series.get(group) ?? [];
      points.push({ at, lag });
      this.series.set(group, points);
    }
    this.samples += 1;
  }

  /** Every group's latest sample is 0 (what it had to consume is consumed and committed). */
  allAtZero(): boolean {
    return this.groups.every((g) => this.series.get(g)?.at(-1)?.lag === 0);
  }

  private figuresOf(group: string): GroupLag {
    const points = this.series.get(group) ?? [];
    const peak = points.reduce((best, p) => (p.lag > best.lag ? p : best), { at: 0, lag: 0 });
    const zero = points.find((p) => p.at >= peak.at && p.lag === 0);
    const round = (s: number) => Math.round(s * 10) / 10;
    return { group, maxLag: peak.lag, maxAtSeconds: round(peak.at), zeroAtSeconds: zero ? round(zero.at) : null };
  }
}
