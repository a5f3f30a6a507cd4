import { Anchor, Badge, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { read, transfer, withQuery } from '../../api/client';
import type { Transit } from '../../api/procedures';
import { ListTable } from '../../components/ListTable';
import { formatDateTime } from '../../lib/time';

export const TRANSIT_STATUSES = ['requested', 'consented', 'refused', 'revoked', 'entered', 'left', 'not-arrived', 'lapsed'];

/** A request still waiting for a decision after its reply time limit (the sweep's flag, or the clock already past it). */
export const replyOverdue = (tr: Transit, now = Date.now()) =>
  tr.status === 'requested' && (tr.replyOverdue || new Date(tr.replyDueBy).getTime() < now);

export const transitPath = (tr: Pick<Transit, 'partnerCode' | 'transitReference'>) =>
  `/officer/transits/${tr.partnerCode}/${encodeURIComponent(tr.transitReference)}`;

/** The officers' list of transit requests (docs/rules.md#transit): the reply falling due first, overdue ones marked. */
export function TransitsPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'requested';
  const transits = useQuery({
    queryKey: ['transits', status],
    queryFn: async () => read<Transit[]>(await transfer.GET('/transits', withQuery({ status: status === 'all' ? undefined : status }))),
    refetchInterval: 15_000,
  });
  return (
    <Stack>
      <Title order={2}>{t('transit.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('transit.explain')}
      </Text>
      <Select
        label={t('transit.status')}
        w={280}
        allowDeselect={false}
        value={status}
        onChange={(v) => setParams({ status: v ?? 'requested' })}
        data={[{ value: 'all', label: t('transit.all') }, ...TRANSIT_STATUSES.map((s) => ({ value: s, label: t(`transitStatus.${s}`) }))]}
      />
      <ListTable
        query={transits}
        empty={t('transit.empty')}
        minWidth={900}
        headers={[
          t('transit.reference'),
          t('transit.partner'),
          t('transit.person'),
          t('transit.route'),
          t('transit.pointOfEntry'),
          t('transit.transferAt'),
          t('transit.replyDueBy'),
          t('transit.status'),
        ]}
      >
        {() =>
          transits.data?.map((tr) => (
            <Table.Tr key={tr._id} data-testid={`transit-${tr.transitReference}`}>
              <Table.Td>
                <Anchor
                  component={Link}
                  to={transitPath(tr)}
                  ff="monospace"
                  aria-label={t('transit.open', { reference: tr.transitReference })}
                >
                  {tr.transitReference}
                </Anchor>
              </Table.Td>
              <Table.Td>{tr.partnerCode}</Table.Td>
              <Table.Td>{tr.request?.person ? `${tr.request.person.surname}, ${tr.request.person.givenNames}` : '—'}</Table.Td>
              <Table.Td>
                {[tr.partnerCode, 'AZ', ...(tr.request?.otherTransitStates ?? []), tr.request?.finalDestination].join(' → ')}
              </Table.Td>
              <Table.Td>{tr.pointOfEntry}</Table.Td>
              <Table.Td>{formatDateTime(tr.transferAt, i18n.language)}</Table.Td>
              <Table.Td>
                {formatDateTime(tr.replyDueBy, i18n.language)}
                {replyOverdue(tr) && (
                  <Badge color="red" variant="filled" ml="xs" autoContrast>
                    {t('transit.overdue')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{t(`transitStatus.${tr.status}`)}</Table.Td>
            </Table.Tr>
          ))
        }
      </ListTable>
    </Stack>
  );
}
