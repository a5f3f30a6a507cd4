import { KafkaMessage } from 'kafkajs';

/** What became of one record of a batch. `stop`: it was not done (e.g. the store is unreachable); start nothing more. */
export type RecordOutcome = 'done' | 'stop';

export interface KeyLanesOptions {
  /** The batch's records, in offset order (one partition). */
  messages: KafkaMessage[];
  /** Handles one record to the end (handled or dead-lettered: 'done'), or says the batch must stop. */
  handle: (message: KafkaMessage) => Promise<RecordOutcome>;
  /** Called with the highest offset up to which every record is done, each time it advances. */
  resolved: (offset: string) => Promise<void>;
  /** Checked before each record is started: false stops the batch (consumer closing, partition revoked or sought). */
  mayContinue: () => boolean;
  /** How many keys are worked on at the same time, at most (reached as lanes open: see below). */
  concurrency: number;
  /**
   * Time (epoch ms) after which no record is started, as if the batch had stopped; the batch's first record is
   * always started, so that every batch makes progress. Default: no limit.
   */
  startBy?: number;
  /**
   * One more lane also opens every this many milliseconds, whether or not a record is done, so that a batch whose
   * records take long (longer than the time to start records by) still works on `concurrency` keys. Default: lanes
   * open only as records are done.
   */
  laneOpeningMs?: number;
}

/**
 * Works through one partition's batch with per-key ordering: the records of one key run one after another in
 * offset order, different keys run side by side (at most `concurrency` at a time), so that the store round trips of
 * independent records overlap instead of queueing. A record without a key is a key of its own. Records are started
 * in offset order, a record waiting for the one before it of its key letting later records of other keys go first.
 *
 * Offsets are resolved as a prefix: the highest offset below which every record is done. A batch that stops
 * (a record answered 'stop', the consumer closing, a rebalance) lets the records already running finish, starts no
 * other, and leaves every record after the first one not done unresolved: they are fetched again, and a record that
 * was done after that point is delivered again (handlers are idempotent: the inbox finds it done).
 *
 * A batch may be given a time to start records by (`startBy`). After it, only the records before the last one
 * started are still started (those that waited for their key, at most twice `concurrency` records, since records
 * are started at most that far ahead of the first not started), so that the batch ends with a whole prefix done and
 * nothing done is delivered again; the rest are fetched again.
 *
 * A batch starts one record, and one more lane opens each time a record is done or `laneOpeningMs` has passed, up
 * to `concurrency`. Records started together share the event loop and the store and finish together: with every
 * lane started at once, a batch's first outcome came as late as its last (0.3 to 0.8 s under a hostile backlog), and a
 * partition waited a whole batch between two outcomes. Opened one by one, the first is done in a few tens of
 * milliseconds and the outcomes are spread over the batch. Lanes opened only as records are done cost a fifth of the
 * throughput when records take longer than the batch's time to start them: hence the clock as well (README,
 * Reliability: "Lanes opened one by one").
 *
 * Returns whether the whole batch was done.
 */
export async function runInKeyLanes(options: KeyLanesOptions): Promise<boolean> {
  const { messages, handle, resolved, mayContinue, startBy = Infinity } = options;
  const keys = messages.map((message) => (message.key ? `k:${message.key.toString('base64')}` : `o:${message.offset}`));
  /** Per key, the indexes of its records not started yet, in offset order. */
  const waiting = new Map<string, number[]>();
  keys.forEach((key, index) => {
    const lane = waiting.get(key);
    if (lane) lane.push(index);
    else waiting.set(key, [index]);
  });
  const busy = new Set<string>(); // keys with a record running
  const started: boolean[] = messages.map(() => false);
  const done: boolean[] = messages.map(() => false);
  let lowestNotStarted = 0;
  let highestStarted = -1;
  let running = 0;
  let prefix = 0; // records [0, prefix) are done
  let stopped = false;
  let resolving = Promise.resolve();
  let failure: { error: unknown } | undefined;

  const advance = () => {
    const before = prefix;
    while (prefix < messages.length && done[prefix]) prefix++;
    if (prefix === before) return;
    const offset = messages[prefix - 1].offset;
    resolving = resolving
      .then(() => (failure ? undefined : resolved(offset)))
      .catch((error: unknown) => {
        failure ??= { error }; // e.g. a commit refused during a rebalance: stop, and let kafkajs rejoin
        stopped = true;
      });
  };

  /**
   * The next record to start: the first in offset order whose key is free and that is next of its key, looking at
   * most `lookAhead` records past the first not started (so that a scan is short, and the gaps left behind when the
   * time to start records by has passed are few); after that time, only records before the last one started.
   */
  const lookAhead = 2 * Math.max(1, options.concurrency);
  let lanesOpen = 1;
  const next = (): number | undefined => {
    while (lowestNotStarted < messages.length && started[lowestNotStarted]) lowestNotStarted++;
    let limit = Math.min(messages.length, lowestNotStarted + lookAhead);
    if (highestStarted >= 0 && Date.now() >= startBy) limit = Math.min(limit, highestStarted);
    for (let index = lowestNotStarted; index < limit; index++) {
      if (!started[index] && !busy.has(keys[index]) && waiting.get(keys[index])?.[0] === index) return index;
    }
    return undefined;
  };

  await new Promise<void>((finished) => {
    let over = false;
    const opener = options.laneOpeningMs
      ? setInterval(() => {
          lanesOpen += 1;
          if (lanesOpen >= options.concurrency) clearInterval(opener);
          startMore();
        }, options.laneOpeningMs)
      : undefined;
    const startMore = () => {
      if (over) return;
      while (!stopped && running < Math.min(lanesOpen, Math.max(1, options.concurrency))) {
        if (!mayContinue()) {
          stopped = true;
          break;
        }
        const index = next();
        if (index === undefined) break;
        start(index);
      }
      if (running === 0) {
        over = true;
        clearInterval(opener);
        finished();
      }
    };
    const start = (index: number) => {
      const key = keys[index];
      started[index] = true;
      highestStarted = Math.max(highestStarted, index);
      waiting.get(key)?.shift();
      busy.add(key);
      running += 1;
      Promise.resolve()
        .then(() => handle(messages[index])) // a handler that throws at once fails like one that rejects
        .catch((error: unknown) => {
          failure ??= { error }; // e.g. the dead-letter publish failed: the record is fetched again
          return 'stop' as const;
        })
        .then((outcome) => {
          running -= 1;
          busy.delete(key);
          if (outcome === 'stop') stopped = true;
          else {
            done[index] = true;
            lanesOpen += 1;
            advance();
          }
          startMore();
        });
    };
    startMore();
  });
  await resolving;
  if (failure) throw failure.error;
  return prefix === messages.length;
}
