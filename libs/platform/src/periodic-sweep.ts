import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

/**
 * A job that sweeps the store for time limits every DEADLINE_SWEEP_MS (default 30 s; 0 turns the timer off, and
 * tests call `sweep()` themselves with their clock). State lives in the store, so a restart loses nothing, and
 * what a sweep does must be claimed once (libs/persistence insertOnce) so that several instances can sweep.
 */
export abstract class PeriodicSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  protected abstract readonly logger: Logger;
  private timer?: NodeJS.Timeout;

  abstract sweep(): Promise<unknown>;

  onApplicationBootstrap(): void {
    const every = Number(process.env.DEADLINE_SWEEP_MS ?? 30_000);
    if (every > 0) {
      this.timer = setInterval(() => this.sweep().catch((error: Error) => this.logger.error(`sweep failed: ${error.message}`)), every);
      this.timer.unref();
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

/** Alert points from a setting like "72,24": positive numbers, largest first; a bad value stops the service. */
export function alertPointsFrom(env: NodeJS.ProcessEnv, name: string, fallback: string): number[] {
  const points = (env[name] ?? fallback).split(',').map((p) => Number(p.trim()));
  if (points.length === 0 || points.some((p) => !Number.isFinite(p) || p <= 0)) throw new Error(`${name}: a comma-separated list of numbers above 0, e.g. "${fallback}"`);
  return points.sort((a, b) => b - a);
}
