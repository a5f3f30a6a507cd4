import { Anchor, Group, NumberInput, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { read, verification, withQuery } from '../../api/client';
import { QueueItem } from '../../api/types';
import { AlertBadge, Empty, ErrorNotice, Loading } from '../../components/common';
import { formatDateTime } from '../../lib/time';

const STATUSES = ['awaiting-review', 'awaiting-interview', 'awaiting-registry', 'overdue', 'decided', 'withdrawn'];

/** The officers' work queue: undecided cases, the reply falling due first (ordered by the service). */
export function QueuePage() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<string | null>(null);
  const [limit, setLimit] = useState<number>(100);
  const queue = useQuery({
    queryKey: ['queue', status, limit],
    queryFn: async () =>
      read<QueueItem[]>(await verification.GET('/verification-cases', withQuery({ status: status ?? undefined, limit }))),
    refetchInterval: 15_000,
  });
  return (
    <Stack>
      <Title order={2}>{t('queue.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('queue.explain')}
      </Text>
      <Group align="end">
        <Select
          label={t('queue.status')}
          placeholder={t('queue.open')}
          clearable
          data={STATUSES.map((s) => ({ value: s, label: t(`verificationStatus.${s}`) }))}
          value={status}
          onChange={setStatus}
        />
        <NumberInput label={t('queue.limit')} min={1} max={500} value={limit} onChange={(v) => setLimit(Number(v) || 100)} w={140} />
      </Group>
      <ErrorNotice error={queue.error} />
      {queue.isLoading ? (
        <Loading />
      ) : !queue.data?.length ? (
        <Empty>{t('queue.empty')}</Empty>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover captionSide="top">
            <Table.Caption>{t('queue.caption', { count: queue.data.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('case.number')}</Table.Th>
                <Table.Th scope="col">{t('case.replyDueBy')}</Table.Th>
                <Table.Th scope="col">{t('queue.hoursLeft')}</Table.Th>
                <Table.Th scope="col">{t('queue.alert')}</Table.Th>
                <Table.Th scope="col">{t('case.partner')}</Table.Th>
                <Table.Th scope="col">{t('case.partnerReference')}</Table.Th>
                <Table.Th scope="col">{t('case.agreement')}</Table.Th>
                <Table.Th scope="col">{t('case.status')}</Table.Th>
                <Table.Th scope="col">{t('case.proposal')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {queue.data.map((c) => (
                <Table.Tr key={c.caseNumber}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Anchor component={Link} to={`/officer/cases/${c.caseNumber}`}>
                      {c.caseNumber}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{formatDateTime(c.replyDueBy, i18n.language)}</Table.Td>
                  <Table.Td>{t('queue.hours', { count: c.hoursLeft, hours: c.hoursLeft.toLocaleString(i18n.language) })}</Table.Td>
                  <Table.Td>
                    <AlertBadge alert={c.alert} />
                  </Table.Td>
                  <Table.Td>{c.partnerCode}</Table.Td>
                  <Table.Td>{c.partnerReference}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{c.agreement}</Table.Td>
                  <Table.Td>{t(`verificationStatus.${c.status}`)}</Table.Td>
                  <Table.Td>{c.proposal ? t(`proposal.${c.proposal.action}`) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
