import { Injectable, Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { PeriodicSweep } from './periodic-sweep';
import { PlatformSettings } from './settings/platform-settings';
import { settingsForTest } from './settings/settings-for-test';

@Injectable()
class CountingSweep extends PeriodicSweep {
  protected readonly logger = new Logger(CountingSweep.name);
  sweeps = 0;
  async sweep(): Promise<void> {
    this.sweeps++;
  }
}

/** A sweep that takes five intervals, as a scan of a slow store would. */
@Injectable()
class SlowSweep extends PeriodicSweep {
  protected readonly logger = new Logger(SlowSweep.name);
  sweeps = 0;
  running = 0;
  mostAtOnce = 0;
  async sweep(): Promise<void> {
    this.sweeps++;
    this.mostAtOnce = Math.max(this.mostAtOnce, ++this.running);
    await new Promise((r) => setTimeout(r, 100));
    this.running--;
  }
}

async function started(settings?: PlatformSettings) {
  const moduleRef = await Test.createTestingModule({
    providers: [CountingSweep, SlowSweep, ...(settings ? [{ provide: PlatformSettings, useValue: settings }] : [])],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return { app, sweep: app.get(CountingSweep), slow: app.get(SlowSweep) };
}

describe('PeriodicSweep', () => {
  it('sweeps every DEADLINE_SWEEP_MS of the injected settings', async () => {
    const { app, sweep } = await started(settingsForTest(PlatformSettings, { DEADLINE_SWEEP_MS: '20' }));
    try {
      expect(sweep.intervalMs).toBe(20);
      await new Promise((r) => setTimeout(r, 150));
      expect(sweep.sweeps).toBeGreaterThanOrEqual(2);
    } finally {
      await app.close();
    }
    const after = sweep.sweeps;
    await new Promise((r) => setTimeout(r, 60));
    expect(sweep.sweeps).toBe(after); // stopped with the application
  });

  it('starts no sweep while the previous one is still running (slow store: scans must not pile up)', async () => {
    const { app, slow } = await started(settingsForTest(PlatformSettings, { DEADLINE_SWEEP_MS: '20' }));
    const startedAt = Date.now();
    try {
      // Until a second sweep has run (however slow the machine), at most 10 s.
      while (slow.sweeps < 2 && Date.now() - startedAt < 10_000) await new Promise((r) => setTimeout(r, 20));
    } finally {
      await app.close();
    }
    expect(slow.mostAtOnce).toBe(1);
    expect(slow.sweeps).toBe(2);
    // 100 ms runs on a 20 ms interval: each is followed by a rest of four times its duration (repeatWithoutOverlap),
    // so the second started at least 500 ms after the first, not on the next tick.
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(500);
  });

  it('does not sweep on its own with DEADLINE_SWEEP_MS=0 (tests sweep by hand)', async () => {
    const { app, sweep } = await started(settingsForTest(PlatformSettings, { DEADLINE_SWEEP_MS: '0' }));
    await new Promise((r) => setTimeout(r, 80));
    await app.close();
    expect(sweep.sweeps).toBe(0);
  });

  it('ignores the process environment and keeps the 30 s default without settings', async () => {
    const saved = process.env.DEADLINE_SWEEP_MS;
    process.env.DEADLINE_SWEEP_MS = '5';
    try {
      const { app, sweep } = await started();
      expect(sweep.intervalMs).toBe(30_000);
      await app.close();
    } finally {
      if (saved === undefined) delete process.env.DEADLINE_SWEEP_MS;
      else process.env.DEADLINE_SWEEP_MS = saved;
    }
  });
});
