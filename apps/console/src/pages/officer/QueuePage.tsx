import { Anchor, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { verification } from '../../api/client';
import type { operations } from '../../api/generated/verification';
import { PageNav } from '../../components/PageNav';
import { AlertBadge, Empty, ErrorNotice, Loading } from '../../components/common';
import { HeadedTable } from '../../components/ListTable';
import { formatDateTime } from '../../lib/time';

export const VERIFICATION_STATUSES = ['awaiting-review', 'awaiting-interview', 'awaiting-confirmation', 'overdue', 'decided', 'withdrawn'];
const PARTNERS = ['DE', 'CH', 'NO', 'ME'];
const AGREEMENTS = ['EU-AZ', 'CH-AZ', 'NO-AZ', 'ME-AZ'];
const ALERTS = ['overdue', '24h', '72h', 'none'];
const PAGE_SIZE = 25;
const FIELDS = ['name', 'caseNumber', 'partnerReference', 'partner', 'agreement', 'alert', 'status'] as const;
type Filters = Record<(typeof FIELDS)[number], string>;
type QueueQuery = NonNullable<operations['VerificationCasesController_searchQueue']['parameters']['query']>;

/**
 * The officers' work queue, filtered and paginated by verification (index-backed): the reply falling due first, the
 * hours left and alert level, partner, agreement and status; search by name in any spelling, case number or reference.
 */
export function QueuePage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? 1);
  const filters = Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? ''])) as Filters;
  const { register, handleSubmit, setValue, watch, reset } = useForm<Filters>({ defaultValues: filters });
  const queue = useQuery({
    queryKey: ['queue', filters, page],
    queryFn: async () => {
      const query = { ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)), page, pageSize: PAGE_SIZE } as QueueQuery;
      return (await verification.GET('/verification-cases/queue', { params: { query } })).data;
    },
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
  const search = handleSubmit((values) => setParams(Object.fromEntries(Object.entries({ ...values, page: '1' }).filter(([, v]) => v))));
  const select = (field: keyof Filters, label: string, data: { value: string; label: string }[], width?: number) => (
    <Select
      label={label}
      clearable
      data={data}
      value={watch(field) || null}
      onChange={(v) => setValue(field, v ?? '')}
      w={width}
      comboboxProps={{ withinPortal: true }}
    />
  );
  const data = queue.data;
  return (
    <Stack>
      <Title order={2}>{t('queue.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('queue.explain')}
      </Text>
      <form onSubmit={search} role="search" aria-label={t('queue.filters')}>
        <Group align="end" wrap="wrap">
          <TextInput label={t('search.name')} description={t('search.nameHint')} {...register('name')} />
          <TextInput label={t('case.number')} placeholder="RA-2026-000123" {...register('caseNumber')} />
          <TextInput label={t('case.partnerReference')} {...register('partnerReference')} />
          {select(
            'partner',
            t('case.partner'),
            PARTNERS.map((p) => ({ value: p, label: p })),
            110,
          )}
          {select(
            'agreement',
            t('case.agreement'),
            AGREEMENTS.map((a) => ({ value: a, label: a })),
            130,
          )}
          {select(
            'alert',
            t('queue.alert'),
            ALERTS.map((a) => ({
              value: a,
              label: /^\d+h$/.test(a) ? t('alert.within', { count: parseInt(a, 10), hours: parseInt(a, 10) }) : t(`alert.${a}`),
            })),
            170,
          )}
          {select(
            'status',
            t('queue.status'),
            VERIFICATION_STATUSES.map((s) => ({ value: s, label: t(`verificationStatus.${s}`) })),
          )}
          <Button type="submit">{t('search.submit')}</Button>
          <Button
            variant="default"
            onClick={() => {
              reset(Object.fromEntries(FIELDS.map((f) => [f, ''])) as Filters);
              setParams({});
            }}
          >
            {t('queue.clear')}
          </Button>
        </Group>
      </form>
      <ErrorNotice error={queue.error} />
      {queue.isLoading ? (
        <Loading />
      ) : !data?.items.length ? (
        <Empty>{t('queue.empty')}</Empty>
      ) : (
        <>
          <HeadedTable
            minWidth={1000}
            highlightOnHover
            caption={t('queue.caption', { count: data.total })}
            headers={[
              t('case.number'),
              t('queue.person'),
              t('case.replyDueBy'),
              t('queue.hoursLeft'),
              t('queue.alert'),
              t('case.partner'),
              t('case.partnerReference'),
              t('case.agreement'),
              t('case.status'),
              t('case.proposal'),
            ]}
          >
            {data.items.map((c) => (
              <Table.Tr key={c.caseNumber}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Anchor component={Link} to={`/officer/cases/${c.caseNumber}`}>
                    {c.caseNumber}
                  </Anchor>
                </Table.Td>
                <Table.Td>{[c.person.surname, c.person.givenNames].filter(Boolean).join(', ')}</Table.Td>
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
          </HeadedTable>
          <PageNav total={data.total} pageSize={PAGE_SIZE} />
        </>
      )}
    </Stack>
  );
}
