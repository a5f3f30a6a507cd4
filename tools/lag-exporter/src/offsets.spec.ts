import { Admin } from 'kafkajs';
import { readOffsets } from './offsets';

function gone(type: string): Error {
  return Object.assign(new Error('This server does not host this topic-partition'), { type });
}

/** The admin API stubbed: what the broker answers, including a topic and a group deleted in between. */
function admin(overrides: Partial<Record<keyof Admin, unknown>> = {}): Admin {
  return {
    describeCluster: async () => ({ brokers: [{ nodeId: 1, host: 'h', port: 9092 }], controller: 1, clusterId: 'c' }),
    listTopics: async () => ['__consumer_offsets', 'orders', 'deleted', 'skipped'],
    fetchTopicOffsets: async (topic: string) => {
      if (topic === 'deleted') throw gone('UNKNOWN_TOPIC_OR_PARTITION');
      return [
        { partition: 1, offset: '9', high: '9', low: '2' },
        { partition: 0, offset: '5', high: '5', low: '0' },
      ];
    },
    listGroups: async () => ({
      groups: [
        { groupId: 'intake', protocolType: 'consumer' },
        { groupId: 'vanished', protocolType: 'consumer' },
        { groupId: 'test-x', protocolType: 'consumer' },
      ],
    }),
    describeGroups: async (ids: string[]) => ({
      groups: ids.map((groupId) => ({ groupId, members: groupId === 'intake' ? [{}, {}] : [] })),
    }),
    fetchOffsets: async ({ groupId }: { groupId: string }) => {
      if (groupId === 'vanished') throw gone('GROUP_ID_NOT_FOUND');
      return [
        {
          topic: 'orders',
          partitions: [
            { partition: 0, offset: '3' },
            { partition: 1, offset: '-1' },
          ],
        },
      ];
    },
    ...overrides,
  } as unknown as Admin;
}

describe('readOffsets', () => {
  const filters = { groupFilter: /^(intake|vanished)$/, topicFilter: /^(?!skipped$)/ };

  it('reads end offsets per topic and committed offsets per group, without internal or filtered names', async () => {
    expect(await readOffsets(admin(), filters)).toEqual({
      brokers: 1,
      topics: [
        {
          topic: 'orders',
          partitions: [
            { partition: 0, newest: 5, oldest: 0 },
            { partition: 1, newest: 9, oldest: 2 },
          ],
        },
      ],
      groups: [{ group: 'intake', members: 2, committed: [{ topic: 'orders', partition: 0, offset: 3 }] }],
    });
  });

  it('leaves out a topic or group deleted meanwhile, but fails on any other error', async () => {
    const broken = admin({ fetchOffsets: async () => Promise.reject(new Error('Connection error')) });
    await expect(readOffsets(broken, filters)).rejects.toThrow('Connection error');
  });
});
