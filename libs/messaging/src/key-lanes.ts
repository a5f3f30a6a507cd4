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
  /** How many keys are worked on at the same time. */
  concurrency: number;
}

/**
 * Works through one partition's batch with per-key ordering: the records of one key run one after another in
 * offset order, different keys run side by side (at most `concurrency` at a time), so that the store round trips of
 * independent records overlap instead of queueing. A record without a key is a key of its own.
 *
 * Offsets are resolved as a prefix: the highest offset below which every record is done. A batch that stops
 * (a record answered 'stop', the consumer closing, a rebalance) lets the records already running finish, starts no
 * other, and leaves every record after the first one not done unresolved: they are fetched again, and a record that
 * was done after that point is delivered again (handlers are idempotent: the inbox finds it done).
 *
 * Returns whether the whole batch was done.
 */
export async function runInKeyLanes(options: KeyLanesOptions): Promise<boolean> {
  const { messages, handle, resolved, mayContinue } = options;
  const lanes = new Map<string, number[]>();
  messages.forEach((message, index) => {
    const key = message.key ? `k:${message.key.toString('base64')}` : `o:${message.offset}`;
    const lane = lanes.get(key);
    if (lane) lane.push(index);
    else lanes.set(key, [index]);
  });
  const done: boolean[] = messages.map(() => false);
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

  const queue = [...lanes.values()];
  const worker = async () => {
    for (let lane = queue.shift(); lane; lane = queue.shift()) {
      for (const index of lane) {
        if (stopped || !mayContinue()) {
          stopped = true;
          return;
        }
        let outcome: RecordOutcome;
        try {
          outcome = await handle(messages[index]);
        } catch (error) {
          failure ??= { error }; // e.g. the dead-letter publish failed: the record is fetched again
          outcome = 'stop';
        }
        if (outcome === 'stop') {
          stopped = true;
          return;
        }
        done[index] = true;
        advance();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, lanes.size)) }, worker));
  await resolving;
  if (failure) throw failure.error;
  return prefix === messages.length;
}
