import { randomUUID } from 'crypto';
import { KafkaTestClient } from '@readmission/testing';
import { LagExporter } from './exporter';
import { loadSettings } from './settings';

/** Against the real broker: a group that committed part of a topic shows the rest as lag, per partition. */
describe('lag exporter on the real broker', () => {
  const id = randomUUID().slice(0, 8);
  const topic = `lag-exporter-it-${id}.v1`;
  const group = `lag-exporter-it-${id}`;
  const client = new KafkaTestClient();
  let exporter: LagExporter;
  let port: number;

  beforeAll(async () => {
    await client.createTopics([topic], 2);
    await client.send(
      topic,
      [0, 1, 2, 3, 4].map((i) => ({ value: `r${i}`, partition: 0 })),
    );
    await client.send(topic, [{ value: 'x', partition: 1 }]);
    const admin = client.kafka.admin();
    await admin.connect();
    await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '2' }] });
    await admin.disconnect();
    exporter = new LagExporter(
      loadSettings({
        ...process.env,
        LAG_EXPORTER_PORT: '0',
        LAG_EXPORTER_GROUP_FILTER: `^${group}$`,
        LAG_EXPORTER_TOPIC_FILTER: `^${topic.replace(/\./g, '\\.')}$`,
      }),
    );
    port = await exporter.start();
  });

  afterAll(async () => {
    await exporter?.stop();
    await client.removeGroupsAndTopics([group], [topic]);
    await client.close();
  });

  async function scrape(): Promise<string[]> {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    return (await res.text()).split('\n');
  }

  it('exports end offsets, committed offsets and lag per group, topic and partition', async () => {
    const lines = await scrape();
    expect(lines).toEqual(
      expect.arrayContaining([
        'kafka_brokers 1',
        `kafka_topic_partition_current_offset{topic="${topic}",partition="0"} 5`,
        `kafka_topic_partition_current_offset{topic="${topic}",partition="1"} 1`,
        `kafka_consumergroup_current_offset{consumergroup="${group}",topic="${topic}",partition="0"} 2`,
        `kafka_consumergroup_lag{consumergroup="${group}",topic="${topic}",partition="0"} 3`,
        `kafka_consumergroup_lag{consumergroup="${group}",topic="${topic}",partition="1"} -1`,
        `kafka_consumergroup_lag_sum{consumergroup="${group}",topic="${topic}"} 3`,
        `kafka_consumergroup_members{consumergroup="${group}"} 0`,
      ]),
    );
    // The filters keep other groups and topics of the shared broker out.
    expect(lines.filter((l) => l.startsWith('kafka_consumergroup_lag{') && !l.includes(group))).toEqual([]);
  });

  it('follows new records and commits on the next scrape', async () => {
    await client.send(topic, [{ value: 'r5', partition: 0 }]);
    const admin = client.kafka.admin();
    await admin.connect();
    await admin.setOffsets({
      groupId: group,
      topic,
      partitions: [
        { partition: 0, offset: '6' },
        { partition: 1, offset: '1' },
      ],
    });
    await admin.disconnect();
    const lines = await scrape();
    expect(lines).toContain(`kafka_consumergroup_lag{consumergroup="${group}",topic="${topic}",partition="0"} 0`);
    expect(lines).toContain(`kafka_consumergroup_lag{consumergroup="${group}",topic="${topic}",partition="1"} 0`);
  });

  it('pings the store when MONGODB_URI is set (mongodb_up), and reports an unreachable broker as zero brokers', async () => {
    const blind = new LagExporter(
      loadSettings({ KAFKA_BROKERS: '127.0.0.1:1', MONGODB_URI: process.env.MONGODB_URI, LAG_EXPORTER_PORT: '0' }),
    );
    const blindPort = await blind.start();
    try {
      const text = await (await fetch(`http://127.0.0.1:${blindPort}/metrics`)).text();
      expect(text).toContain('\nkafka_brokers 0\n');
      expect(text).toContain('\nmongodb_up 1\n');
    } finally {
      await blind.stop();
    }
  });
});
