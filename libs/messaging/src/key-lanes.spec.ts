import { KafkaMessage } from 'kafkajs';
import { runInKeyLanes } from './key-lanes';

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

describe('runInKeyLanes with a time to start records by', () => {
  it('starts no record after that time, resolves the done prefix and leaves the rest to be fetched again', async () => {
    const started: string[] = [];
    const resolved: string[] = [];
    let now = 0;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    try {
      const whole = await runInKeyLanes({
        messages: messages(['a', 'a', 'a', 'a']),
        concurrency: 4,
        startBy: 100,
        mayContinue: () => true,
        handle: async (message) => {
          started.push(message.offset);
          now += 60; // each record takes 60 ms: the third would start at 120
          return 'done';
        },
        resolved: async (offset) => void resolved.push(offset),
      });
      expect(whole).toBe(false);
      expect(started).toEqual(['0', '1']);
      expect(resolved.at(-1)).toBe('1');
    } finally {
      jest.restoreAllMocks();
    }
  });

  it("always starts the batch's first record, even when the time has passed before it", async () => {
    const started: string[] = [];
    const whole = await runInKeyLanes({
      messages: messages(['a', 'b']),
      concurrency: 1,
      startBy: Date.now() - 1,
      mayContinue: () => true,
      handle: async (message) => {
        started.push(message.offset);
        return 'done';
      },
      resolved: async () => undefined,
    });
    expect(started).toEqual(['0']);
    expect(whole).toBe(false);
  });

  it('works through the whole batch without a time limit', async () => {
    const started: string[] = [];
    const whole = await runInKeyLanes({
      messages: messages(['a', 'b', 'a', 'c']),
      concurrency: 2,
      mayContinue: () => true,
      handle: async (message) => {
        started.push(message.offset);
        return 'done';
      },
      resolved: async () => undefined,
    });
    expect(whole).toBe(true);
    expect([...started].sort()).toEqual(['0', '1', '2', '3']);
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

describe('runInKeyLanes filling the gaps once the time to start records by has passed', () => {
  let now = 0;
  beforeEach(() => {
    now = 0;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterEach(() => jest.restoreAllMocks());

  it('still starts a record that waited for its key before the last one started, and ends on the whole prefix', async () => {
    const started: string[] = [];
    const resolved: string[] = [];
    const whole = await runInKeyLanes({
      messages: messages(['a', 'a', 'b', 'c']),
      concurrency: 2,
      startBy: 100,
      mayContinue: () => true,
      handle: async (message) => {
        started.push(message.offset);
        await Promise.resolve();
        now += 150; // the time has passed once the first record is done
        return 'done';
      },
      resolved: async (offset) => void resolved.push(offset),
    });
    // 0 (a) and 2 (b) start at once, 1 (a) waits for 0 and is started after the time as a gap; 3 is left.
    expect(started).toEqual(['0', '2', '1']);
    expect(resolved.at(-1)).toBe('2');
    expect(whole).toBe(false);
  });

  it('does not run a long lane of one key to its end because a later record of another key was started', async () => {
    const started: string[] = [];
    const keys = [...Array.from({ length: 199 }, () => 'a'), 'b'];
    const whole = await runInKeyLanes({
      messages: messages(keys),
      concurrency: 2,
      startBy: 100,
      mayContinue: () => true,
      handle: async (message) => {
        started.push(message.offset);
        await Promise.resolve();
        now += 50;
        return 'done';
      },
      resolved: async () => undefined,
    });
    expect(whole).toBe(false);
    expect(started.length).toBeLessThanOrEqual(4);
    expect(started).not.toContain('199');
  });
});
