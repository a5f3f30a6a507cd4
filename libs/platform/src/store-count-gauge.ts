import { Inject, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { Gauge, register } from 'prom-client';
import { Clock } from './clock';
import { repeatWithoutOverlap } from './repeat-without-overlap';
import { PlatformSettings } from './settings/platform-settings';

/**
 * A business gauge counted in the store, per value of one label (partner, crossing point, body): e.g. the reply
 * time limits falling due in the next 72 hours per partner. The count is an index-backed `$match` + `$group`
 * (Repository.countBy) run every METRICS_REFRESH_MS (default 60 s; 0 = no timer, tests call `refresh()`), once at
 * start, and never at scrape: GET /metrics serves the last counts, so a scrape costs nothing in the store, however
 * many cases it holds. A label value seen once stays on the gauge at 0 when its count falls to nothing, so that
 * dashboards show "0" instead of a gap. A count that fails (store unreachable) keeps the last values.
 */
export abstract class StoreCountGauge implements OnApplicationBootstrap, OnApplicationShutdown {
  protected abstract readonly logger: Logger;
  @Optional() @Inject(PlatformSettings) private readonly platformSettings?: PlatformSettings;
  private timer?: NodeJS.Timeout;
  private readonly seen = new Set<string>();
  private readonly gauge: Gauge<string>;

  /**
   * @param name  the series name (e.g. verification_reply_limits_due_72h)
   * @param label the one label (e.g. partner)
   */
  protected constructor(
    name: string,
    help: string,
    private readonly label: string,
    protected readonly clock: Clock,
  ) {
    this.gauge = (register.getSingleMetric(name) as Gauge<string>) ?? new Gauge({ name, help, labelNames: [label] });
  }

  /** The counts per label value at `now` (a repository's countBy). */
  protected abstract count(now: Date): Promise<Map<string, number>>;

  /** Recounts and sets the gauge; returns the counts set (tests). */
  async refresh(): Promise<Map<string, number>> {
    const counts = await this.count(this.clock.now());
    for (const value of counts.keys()) this.seen.add(value);
    for (const value of this.seen) this.gauge.set({ [this.label]: value }, counts.get(value) ?? 0);
    return counts;
  }

  onApplicationBootstrap(): void {
    const every = this.platformSettings?.METRICS_REFRESH_MS ?? new PlatformSettings().METRICS_REFRESH_MS;
    if (every <= 0) return;
    const recount = () => this.refresh().catch((error: Error) => this.logger.warn(`gauge not recounted now: ${error.message}`));
    // Once at the start, then every interval; a recount still running is not joined by another.
    this.timer = repeatWithoutOverlap(recount, every, true);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
