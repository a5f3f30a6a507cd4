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
    await stopAfter(timer, 400);
    expect(mostAtOnce).toBe(1);
    expect(runs).toBe(2);
  });

  it(`rests ${REST_PER_RUN} times as long as a slow run took before the next (a fifth of the time at most), and never holds back a fast one`, async () => {
    const slowStarts: number[] = [];
    const slow = repeatWithoutOverlap(async () => {
      slowStarts.push(Date.now());
      await sleep(40);
    }, 10);
    let fastRuns = 0;
    const fast = repeatWithoutOverlap(async () => void fastRuns++, 10);
    try {
      await sleep(520);
    } finally {
      clearInterval(slow);
      clearInterval(fast);
    }
    // Runs of 40 ms every 10 ms would be back to back: here each start comes 40 + 4 x 40 ms after the previous one.
    expect(slowStarts.length).toBeGreaterThanOrEqual(2);
    expect(slowStarts.length).toBeLessThanOrEqual(3);
    for (let i = 1; i < slowStarts.length; i++)
      expect(slowStarts[i] - slowStarts[i - 1]).toBeGreaterThanOrEqual((1 + REST_PER_RUN) * 40 - 5);
    expect(fastRuns).toBeGreaterThanOrEqual(20);
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
