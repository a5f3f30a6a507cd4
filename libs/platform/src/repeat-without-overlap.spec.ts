import { REST_PER_RUN, repeatWithoutOverlap } from './repeat-without-overlap';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Lets the timer run for `ms`, then stops it. */
async function stopAfter(timer: NodeJS.Timeout, ms: number): Promise<void> {
  try {
    await sleep(ms);
  } finally {
    clearInterval(timer);
  }
}

/** Lets the timer run until `done` (however slow the machine; at most 10 s), then stops it. */
async function stopWhen(timer: NodeJS.Timeout, done: () => boolean): Promise<void> {
  const started = Date.now();
  try {
    while (!done() && Date.now() - started < 10_000) await sleep(5);
  } finally {
    clearInterval(timer);
  }
}

describe('repeatWithoutOverlap', () => {
  it('skips the ticks that come while the previous run is still going, then runs again', async () => {
    let running = 0;
    let mostAtOnce = 0;
    let runs = 0;
    // Each run takes five intervals, as a scan of a slow store would.
    const timer = repeatWithoutOverlap(async () => {
      running++;
      runs++;
      mostAtOnce = Math.max(mostAtOnce, running);
      await sleep(50);
      running--;
    }, 10);
    await stopWhen(timer, () => runs >= 2);
    expect(mostAtOnce).toBe(1);
    expect(runs).toBe(2);
  });

  it(`rests ${REST_PER_RUN} times as long as a slow run took before the next (a fifth of the time at most), and never holds back a fast one`, async () => {
    const slowRuns: { start: number; end: number }[] = [];
    const slow = repeatWithoutOverlap(async () => {
      const run = { start: Date.now(), end: 0 };
      slowRuns.push(run);
      await sleep(40);
      run.end = Date.now();
    }, 10);
    let fastRuns = 0;
    const fast = repeatWithoutOverlap(async () => void fastRuns++, 10);
    await stopWhen(fast, () => slowRuns.length >= 3);
    clearInterval(slow);
    // Runs of 40 ms every 10 ms would be back to back: here each starts only after a rest of four times the last one.
    for (let i = 1; i < slowRuns.length; i++) {
      const took = slowRuns[i - 1].end - slowRuns[i - 1].start;
      expect(slowRuns[i].start - slowRuns[i - 1].end).toBeGreaterThanOrEqual(REST_PER_RUN * took - 2);
    }
    // Meanwhile the fast job ran on (nearly) every tick of its own: far more often than the slow one.
    expect(fastRuns).toBeGreaterThan(3 * slowRuns.length);
  });

  it('runs again after a run that failed', async () => {
    let runs = 0;
    const timer = repeatWithoutOverlap(async () => {
      runs++;
      throw new Error('store away');
    }, 10);
    await stopAfter(timer, 80);
    expect(runs).toBeGreaterThanOrEqual(3);
  });

  it('starts at once with startNow', async () => {
    let runs = 0;
    const timer = repeatWithoutOverlap(async () => void runs++, 10_000, true);
    clearInterval(timer);
    await sleep(0);
    expect(runs).toBe(1);
  });
});
