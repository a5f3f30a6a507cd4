import { Inject, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { repeatWithoutOverlap } from './repeat-without-overlap';
import { PlatformSettings } from './settings/platform-settings';

/**
 * A job that sweeps the store for time limits every DEADLINE_SWEEP_MS of the service's settings (default 30 s; 0
 * turns the timer off, and tests call `sweep()` themselves with their clock). State lives in the store, so a
 * restart loses nothing, and what a sweep does must be claimed once so that several instances can sweep.
 */
export abstract class PeriodicSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  protected abstract readonly logger: Logger;
  /** Injected into the property, so that subclasses keep their own constructors. */
  @Optional() @Inject(PlatformSettings) private readonly platformSettings?: PlatformSettings;
  private timer?: NodeJS.Timeout;

  abstract sweep(): Promise<unknown>;

  /** Milliseconds between sweeps; 0 = no timer. */
  get intervalMs(): number {
    return this.platformSettings?.DEADLINE_SWEEP_MS ?? new PlatformSettings().DEADLINE_SWEEP_MS;
  }

  onApplicationBootstrap(): void {
    const every = this.intervalMs;
    if (every > 0) {
      // A sweep still running when the next one is due is not joined by another (see repeat-without-overlap.ts).
      this.timer = repeatWithoutOverlap(
        () => this.sweep().catch((error: Error) => this.logger.error(`sweep failed: ${error.message}`)),
        every,
      );
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
