import { Gauge, Registry } from 'prom-client';
import { OffsetSnapshot } from './offsets';

/**
 * The snapshot as Prometheus series, named and labelled as danielqsj/kafka_exporter publishes them
 * (so that its dashboards, e.g. Grafana 7589, and alert rules written for it work unchanged).
 * A fresh registry per scrape: a deleted topic or group disappears at once instead of going stale.
 */
export function lagRegistry(snapshot: OffsetSnapshot): Registry {
  const registry = new Registry();
  const gauge = <L extends string>(name: string, help: string, labelNames: L[]) =>
    new Gauge<L>({ name, help, labelNames, registers: [registry] });

  gauge('kafka_brokers', 'Number of Brokers in the Kafka Cluster.', []).set(snapshot.brokers);
  const partitions = gauge('kafka_topic_partitions', 'Number of partitions for this Topic', ['topic']);
  const newest = gauge('kafka_topic_partition_current_offset', 'Current Offset of a Broker at Topic/Partition', ['topic', 'partition']);
  const oldest = gauge('kafka_topic_partition_oldest_offset', 'Oldest Offset of a Broker at Topic/Partition', ['topic', 'partition']);
  const members = gauge('kafka_consumergroup_members', 'Amount of members in a consumer group', ['consumergroup']);
  const current = gauge('kafka_consumergroup_current_offset', 'Current Offset of a ConsumerGroup at Topic/Partition', [
    'consumergroup',
    'topic',
    'partition',
  ]);
  const currentSum = gauge('kafka_consumergroup_current_offset_sum', 'Current Offset of a ConsumerGroup at Topic for all partitions', [
    'consumergroup',
    'topic',
  ]);
  const lag = gauge('kafka_consumergroup_lag', 'Current Approximate Lag of a ConsumerGroup at Topic/Partition', [
    'consumergroup',
    'topic',
    'partition',
  ]);
  const lagSum = gauge('kafka_consumergroup_lag_sum', 'Current Approximate Lag of a ConsumerGroup at Topic for all partitions', [
    'consumergroup',
    'topic',
  ]);

  const ends = new Map(snapshot.topics.map((t) => [t.topic, t.partitions]));
  for (const t of snapshot.topics) {
    partitions.set({ topic: t.topic }, t.partitions.length);
    for (const p of t.partitions) {
      newest.set({ topic: t.topic, partition: String(p.partition) }, p.newest);
      oldest.set({ topic: t.topic, partition: String(p.partition) }, p.oldest);
    }
  }
  for (const g of snapshot.groups) {
    members.set({ consumergroup: g.group }, g.members);
    const consumed = new Set(g.committed.map((c) => c.topic));
    for (const topic of [...consumed].sort()) {
      const topicEnds = ends.get(topic);
      if (!topicEnds) continue; // filtered out or deleted since
      let offsets = 0;
      let lagTotal = 0;
      for (const p of topicEnds) {
        const labels = { consumergroup: g.group, topic, partition: String(p.partition) };
        const committed = g.committed.find((c) => c.topic === topic && c.partition === p.partition);
        // As kafka_exporter: a consumed topic's partition with no committed offset has offset and lag -1, so
        // that it can be alerted on; the -1 counts in the offset sum (as there) but not in the lag sum.
        if (!committed) {
          current.set(labels, -1);
          lag.set(labels, -1);
          offsets -= 1;
          continue;
        }
        current.set(labels, committed.offset);
        lag.set(labels, p.newest - committed.offset);
        offsets += committed.offset;
        lagTotal += p.newest - committed.offset;
      }
      currentSum.set({ consumergroup: g.group, topic }, offsets);
      lagSum.set({ consumergroup: g.group, topic }, lagTotal);
    }
  }
  return registry;
}

/** What a scrape shows when the cluster cannot be read: zero brokers, which the BrokerUnreachable alert watches. */
export function unreachableRegistry(): Registry {
  return lagRegistry({ brokers: 0, topics: [], groups: [] });
}
