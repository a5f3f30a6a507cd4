import { Consumer, Kafka } from 'kafkajs';
import { inspectTopic } from './kafka';
import { Reply, readReply } from './replies';

export interface FollowTarget {
  topic: string;
  groupId: string;
  /** Read the whole topic; otherwise only what is published after `startFollowing` returns. */
  fromBeginning: boolean;
}

export interface Follower {
  /** Settles only if the consumer fails for good (kafkajs gives up restarting it). */
  readonly failed: Promise<Error>;
  stop(): Promise<void>;
}

/**
 * Starts reading a topic and hands every record to `onReply`. When it resolves, the consumer has joined its group
 * and is positioned at the end offsets taken before joining: a reply published from then on cannot be missed,
 * which "latest" alone does not promise (it is resolved only at the first fetch).
 */
export async function startFollowing(kafka: Kafka, target: FollowTarget, onReply: (reply: Reply) => void): Promise<Follower> {
  const start = await inspectTopic(kafka, target.topic, !target.fromBeginning);
  // A short fetch wait: disconnecting waits for the fetch in flight, and Ctrl-C should end the tool at once.
  const consumer: Consumer = kafka.consumer({ groupId: target.groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 500 });
  let fail: (error: Error) => void = () => undefined;
  const failed = new Promise<Error>((resolve) => (fail = resolve));
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart) fail(payload.error);
  });

  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [target.topic], fromBeginning: target.fromBeginning });
    await consumer.run({
      // Nothing is committed: the group is thrown away after the run, and Kafka forgets an empty group without offsets.
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) => {
        // A fetch begun before the seek below may deliver records from before the start: skip them.
        const from = start.get(partition);
        if (from !== undefined && BigInt(message.offset) < BigInt(from)) return;
        onReply(readReply({ topic, partition, offset: message.offset, key: message.key, value: message.value, headers: message.headers }));
      },
    });
    for (const [partition, offset] of start) consumer.seek({ topic: target.topic, partition, offset });
  } catch (error) {
    await consumer.disconnect();
    throw error;
  }

  return { failed, stop: () => consumer.disconnect() };
}

export type FollowEnd = { reason: 'timeout' } | { reason: 'interrupted' } | { reason: 'failed'; error: Error };

/** Waits for the first of: the timeout (none = wait forever), Ctrl-C (the signal), the consumer failing. */
export function waitForEnd(timeoutMs: number | undefined, signal: AbortSignal, failed: Promise<Error>): Promise<FollowEnd> {
  if (signal.aborted) return Promise.resolve({ reason: 'interrupted' });
  return new Promise<FollowEnd>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const finish = (end: FollowEnd) => {
      // Leave no timer or listener behind, so the process can exit as soon as the consumer is closed.
      if (timer) clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(end);
    };
    const onAbort = () => finish({ reason: 'interrupted' });
    signal.addEventListener('abort', onAbort, { once: true });
    if (timeoutMs !== undefined) timer = setTimeout(() => finish({ reason: 'timeout' }), timeoutMs);
    void failed.then((error) => finish({ reason: 'failed', error }));
  });
}
