import { repeatWithoutOverlap } from './repeat-without-overlap';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Lets the timer run for `ms`, then stops it. */
async function stopAfter(timer: NodeJS.Timeout, ms: number): Promise<void> {
  try {
    await sleep(ms);
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
    await stopAfter(timer, 230);
    expect(mostAtOnce).toBe(1);
    expect(runs).toBeGreaterThanOrEqual(3);
    expect(runs).toBeLessThanOrEqual(5);
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
