import { Anchor, Badge, Stack, Table, Tabs, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { read, reintegration, withQuery } from '../../api/client';
import { ReintegrationListItem } from '../../api/types';
import { Empty, ErrorNotice, Loading } from '../../components/common';
import { HeadedTable } from '../../components/ListTable';
import { formatDateTime } from '../../lib/time';

const VIEWS = ['mine', 'unassigned', 'overdue-referrals', 'overdue-follow-ups', 'all'] as const;

/** The case worker's lists: mine, unassigned, with overdue referrals or follow-ups, all. */
export function ReintegrationCasesPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const view = (params.get('view') ?? 'mine') as (typeof VIEWS)[number];
  const cases = useQuery({
    queryKey: ['reintegration-cases', view],
    queryFn: async () => read<ReintegrationListItem[]>(await reintegration.GET('/reintegration-cases', withQuery({ view }))),
    refetchInterval: 15_000,
  });
  return (
    <Stack>
      <Title order={2}>{t('reintegration.title')}</Title>
      <Tabs value={view} onChange={(v) => setParams({ view: v ?? 'mine' })} keepMounted={false}>
        <Tabs.List aria-label={t('reintegration.views')}>
          {VIEWS.map((v) => (
            <Tabs.Tab key={v} value={v}>
              {t(`reintegration.view.${v}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value={view} pt="md">
          <ErrorNotice error={cases.error} />
          {cases.isLoading ? (
            <Loading />
          ) : !cases.data?.length ? (
            <Empty>{t('reintegration.empty')}</Empty>
          ) : (
            <HeadedTable
              minWidth={800}
              highlightOnHover
              headers={[
                t('case.number'),
                t('reintegration.arrivedAt'),
                t('border.crossingPoint'),
                t('case.partner'),
                t('reintegration.caseWorker'),
                t('case.status'),
              ]}
            >
              {cases.data.map((c) => (
                <Table.Tr key={c.caseNumber}>
                  <Table.Td>
                    <Anchor component={Link} to={`/reintegration/${c.caseNumber}`}>
                      {c.caseNumber}
                    </Anchor>
                    {c.unaccompaniedMinor && (
                      <Badge ml="xs" color="red" autoContrast>
                        {t('reintegration.minor')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{formatDateTime(c.arrivedAt, i18n.language)}</Table.Td>
                  <Table.Td>{c.borderCrossingPoint}</Table.Td>
                  <Table.Td>{c.partnerCode}</Table.Td>
                  <Table.Td>{c.caseWorker ?? t('reintegration.unassigned')}</Table.Td>
                  <Table.Td>{t(`reintegrationStatus.${c.status}`)}</Table.Td>
                </Table.Tr>
              ))}
            </HeadedTable>
          )}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
