import { KafkaMessage } from 'kafkajs';
import { RecordOutcome, runInKeyLanes } from './key-lanes';

function messages(keys: string[]): KafkaMessage[] {
  return keys.map((key, offset) => ({
    key: Buffer.from(key),
    value: Buffer.from(`${key}-${offset}`),
    offset: String(offset),
    timestamp: '0',
    attributes: 0,
    headers: {},
  }));
}

/** Runs a batch of records of these keys, each taking `msPerRecord` on a clock that only the records move. */
async function runTimed(keys: string[], options: { concurrency: number; startBy?: number; msPerRecord: number }) {
  let now = 0;
  jest.spyOn(Date, 'now').mockImplementation(() => now);
  const started: string[] = [];
  const resolved: string[] = [];
  try {
    const whole = await runInKeyLanes({
      messages: messages(keys),
      concurrency: options.concurrency,
      startBy: options.startBy,
      mayContinue: () => true,
      handle: async (message): Promise<RecordOutcome> => {
        started.push(message.offset);
        await Promise.resolve();
        now += options.msPerRecord;
        return 'done';
      },
      resolved: async (offset) => void resolved.push(offset),
    });
    return { whole, started, resolved };
  } finally {
    jest.restoreAllMocks();
  }
}

describe('runInKeyLanes with a time to start records by', () => {
  it('starts no record after that time, resolves the done prefix and leaves the rest to be fetched again', async () => {
    // One key: one record after another, 60 ms each; the third would start at 120.
    const { whole, started, resolved } = await runTimed(['a', 'a', 'a', 'a'], { concurrency: 4, startBy: 100, msPerRecord: 60 });
    expect(whole).toBe(false);
    expect(started).toEqual(['0', '1']);
    expect(resolved.at(-1)).toBe('1');
  });

  it("always starts the batch's first record, even when the time has passed before it", async () => {
    const { whole, started } = await runTimed(['a', 'b'], { concurrency: 1, startBy: -1, msPerRecord: 1 });
    expect(started).toEqual(['0']);
    expect(whole).toBe(false);
  });

  it('works through the whole batch without a time limit', async () => {
    const { whole, started } = await runTimed(['a', 'b', 'a', 'c'], { concurrency: 2, msPerRecord: 1_000 });
    expect(whole).toBe(true);
    expect([...started].sort()).toEqual(['0', '1', '2', '3']);
  });

  it('still starts a record that waited for its key before the last one started, and ends on the whole prefix', async () => {
    // 0 (x) alone; then 1 (a) and 3 (b): 2 (a) waits for 1 and is started after the time, as a gap; 4 is left.
    const { whole, started, resolved } = await runTimed(['x', 'a', 'a', 'b', 'c'], { concurrency: 3, startBy: 90, msPerRecord: 50 });
    expect(started).toEqual(['0', '1', '3', '2']);
    expect(resolved.at(-1)).toBe('3');
    expect(whole).toBe(false);
  });

  it('does not run a long lane of one key to its end because a later record of another key was started', async () => {
    const keys = [...Array.from({ length: 199 }, () => 'a'), 'b'];
    const { whole, started } = await runTimed(keys, { concurrency: 2, startBy: 100, msPerRecord: 50 });
    expect(whole).toBe(false);
    expect(started.length).toBeLessThanOrEqual(4);
    expect(started).not.toContain('199');
  });
});

/** Runs distinct keys, each record waiting for `wait`; returns how many were running and done as each started. */
async function runCounting(count: number, options: { concurrency: number; laneOpeningMs?: number; wait: () => Promise<unknown> }) {
  let running = 0;
  let done = 0;
  const atStart: { running: number; done: number }[] = [];
  await runInKeyLanes({
    messages: messages(Array.from({ length: count }, (_, i) => `k${i}`)),
    concurrency: options.concurrency,
    laneOpeningMs: options.laneOpeningMs,
    mayContinue: () => true,
    handle: async (): Promise<RecordOutcome> => {
      running += 1;
      atStart.push({ running, done });
      await options.wait();
      running -= 1;
      done += 1;
      return 'done';
    },
    resolved: async () => undefined,
  });
  return atStart;
}

describe('runInKeyLanes opening its lanes', () => {
  it('starts one record, then one more lane each time a record is done, up to the concurrency', async () => {
    const atStart = await runCounting(12, { concurrency: 4, wait: () => new Promise((resolve) => setImmediate(resolve)) });
    expect(atStart).toHaveLength(12);
    expect(atStart[0]).toEqual({ running: 1, done: 0 });
    for (const start of atStart) expect(start.running).toBeLessThanOrEqual(Math.min(4, start.done + 1));
    expect(Math.max(...atStart.map((start) => start.running))).toBe(4);
  });

  it('on a clock as well, opens every lane while the first records are still running', async () => {
    const atStart = await runCounting(8, {
      concurrency: 4,
      laneOpeningMs: 5,
      wait: () => new Promise((resolve) => setTimeout(resolve, 200)),
    });
    expect(atStart).toHaveLength(8);
    expect(atStart.slice(0, 4)).toEqual([1, 2, 3, 4].map((n) => ({ running: n, done: 0 })));
  });
});

describe('runInKeyLanes when a handler fails', () => {
  it('stops the batch and rethrows, whether the handler rejects or throws at once', async () => {
    for (const fail of [
      async () => Promise.reject(new Error('dead-letter publish failed')),
      () => {
        throw new Error('dead-letter publish failed');
      },
    ]) {
      const started: string[] = [];
      const run = runInKeyLanes({
        messages: messages(['a', 'a', 'b']),
        concurrency: 1,
        mayContinue: () => true,
        handle: (message) => {
          started.push(message.offset);
          return message.offset === '1' ? fail() : Promise.resolve('done' as const);
        },
        resolved: async () => undefined,
      });
      await expect(run).rejects.toThrow('dead-letter publish failed');
      expect(started).toEqual(['0', '1']);
    }
  });
});
