import { OutgoingRecord } from '@readmission/messaging';

/**
 * A publisher that keeps what it is asked to publish, in place of the broker in the persistence layer's tests of the
 * outbox (the store stays real). It fails every publish while `failing` is set, and a publish with a record for a
 * topic in `failingTopics` (a missing topic).
 */
export class RecordingPublisher {
  readonly published: OutgoingRecord[] = [];
  readonly failingTopics = new Set<string>();
  failing = false;

  async publish(records: OutgoingRecord[]): Promise<void> {
    if (this.failing) throw new Error('the broker is not reachable');
    const failing = records.find((r) => this.failingTopics.has(r.topic));
    if (failing) throw new Error(`topic ${failing.topic} does not exist`);
    this.published.push(...records);
  }

  keys(): string[] {
    return this.published.map((r) => r.key);
  }
}
