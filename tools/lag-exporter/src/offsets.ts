import { Admin } from 'kafkajs';

/** What one scrape reads from the cluster: end offsets of every topic, committed offsets of every group. */
export interface OffsetSnapshot {
  brokers: number;
  topics: TopicOffsets[];
  groups: GroupOffsets[];
}
export interface TopicOffsets {
  topic: string;
  /** newest = the log end offset (next offset to be written), oldest = the log start offset */
  partitions: { partition: number; newest: number; oldest: number }[];
}
export interface GroupOffsets {
  group: string;
  members: number;
  /** committed offsets only (partitions the group never committed are absent) */
  committed: { topic: string; partition: number; offset: number }[];
}

export interface Filters {
  groupFilter: RegExp;
  topicFilter: RegExp;
}

/** Reads the snapshot through the admin API (ListOffsets, ListGroups, DescribeGroups, OffsetFetch). */
export async function readOffsets(admin: Admin, filters: Filters): Promise<OffsetSnapshot> {
  const cluster = await admin.describeCluster();
  // Internal topics (__consumer_offsets, ...) are left out, as their lag means nothing to an operator.
  const names = (await admin.listTopics()).filter((t) => !t.startsWith('__') && filters.topicFilter.test(t)).sort();
  const topics = (
    await Promise.all(
      names.map(async (topic) => {
        const offsets = await skipIfGone(() => admin.fetchTopicOffsets(topic));
        if (!offsets) return undefined;
        const partitions = offsets.map((p) => ({ partition: p.partition, newest: Number(p.high), oldest: Number(p.low) }));
        return { topic, partitions: partitions.sort((a, b) => a.partition - b.partition) };
      }),
    )
  ).filter((t): t is TopicOffsets => t !== undefined);
  const groupIds = (await admin.listGroups()).groups
    .map((g) => g.groupId)
    .filter((g) => filters.groupFilter.test(g))
    .sort();
  const described = groupIds.length > 0 ? (await admin.describeGroups(groupIds)).groups : [];
  const members = new Map(described.map((g) => [g.groupId, g.members.length]));
  const groups = (
    await Promise.all(
      groupIds.map(async (group) => {
        const offsets = await skipIfGone(() => admin.fetchOffsets({ groupId: group }));
        if (!offsets) return undefined;
        const committed = offsets.flatMap((t) =>
          t.partitions.map((p) => ({ topic: t.topic, partition: p.partition, offset: Number(p.offset) })),
        );
        return { group, members: members.get(group) ?? 0, committed: committed.filter((c) => c.offset >= 0) };
      }),
    )
  ).filter((g): g is GroupOffsets => g !== undefined);
  return { brokers: cluster.brokers.length, topics, groups };
}

/**
 * A topic or group deleted between listing it and reading its offsets (or whose group coordinator is moving) is
 * left out of this scrape instead of failing the scrape (which would blank every series and read as an
 * unreachable broker).
 */
async function skipIfGone<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    const type = (error as { type?: string }).type ?? '';
    if (['UNKNOWN_TOPIC_OR_PARTITION', 'GROUP_ID_NOT_FOUND', 'COORDINATOR_NOT_AVAILABLE', 'NOT_COORDINATOR'].includes(type))
      return undefined;
    if (/does not host this topic-partition|group id not found/i.test((error as Error).message)) return undefined;
    throw error;
  }
}
