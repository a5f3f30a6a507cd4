import { lagRegistry, unreachableRegistry } from './lag-metrics';

async function series(registry: ReturnType<typeof lagRegistry>): Promise<string[]> {
  return (await registry.metrics()).split('\n').filter((line) => line && !line.startsWith('#'));
}

describe('lagRegistry', () => {
  const snapshot = {
    brokers: 1,
    topics: [
      {
        topic: 'orders',
        partitions: [
          { partition: 0, newest: 10, oldest: 0 },
          { partition: 1, newest: 4, oldest: 2 },
        ],
      },
      { topic: 'other', partitions: [{ partition: 0, newest: 7, oldest: 0 }] },
    ],
    groups: [
      { group: 'intake', members: 2, committed: [{ topic: 'orders', partition: 0, offset: 6 }] },
      { group: 'idle', members: 0, committed: [] },
    ],
  };

  it('publishes kafka_exporter series names and labels, lag = end offset - committed offset', async () => {
    const lines = await series(lagRegistry(snapshot));
    expect(lines).toEqual(
      expect.arrayContaining([
        'kafka_brokers 1',
        'kafka_topic_partitions{topic="orders"} 2',
        'kafka_topic_partition_current_offset{topic="orders",partition="0"} 10',
        'kafka_topic_partition_oldest_offset{topic="orders",partition="1"} 2',
        'kafka_consumergroup_members{consumergroup="intake"} 2',
        'kafka_consumergroup_members{consumergroup="idle"} 0',
        'kafka_consumergroup_current_offset{consumergroup="intake",topic="orders",partition="0"} 6',
        'kafka_consumergroup_lag{consumergroup="intake",topic="orders",partition="0"} 4',
        'kafka_consumergroup_lag_sum{consumergroup="intake",topic="orders"} 4',
        'kafka_consumergroup_current_offset_sum{consumergroup="intake",topic="orders"} 5', // 6 + (-1), as kafka_exporter
      ]),
    );
  });

  it('marks a partition of a consumed topic without a commit with -1 (as kafka_exporter), outside the sums', async () => {
    const lines = await series(lagRegistry(snapshot));
    expect(lines).toContain('kafka_consumergroup_current_offset{consumergroup="intake",topic="orders",partition="1"} -1');
    expect(lines).toContain('kafka_consumergroup_lag{consumergroup="intake",topic="orders",partition="1"} -1');
  });

  it('leaves out topics a group never committed to, and groups with no commits at all', async () => {
    const lines = await series(lagRegistry(snapshot));
    expect(lines.filter((l) => l.includes('topic="other"') && l.includes('consumergroup'))).toEqual([]);
    expect(lines.filter((l) => l.startsWith('kafka_consumergroup_lag') && l.includes('"idle"'))).toEqual([]);
  });

  it('shows zero brokers and nothing else when the cluster cannot be read', async () => {
    expect(await series(unreachableRegistry())).toEqual(['kafka_brokers 0']);
  });
});
