import { Anchor, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { intake, read, withQuery } from '../../api/client';
import { IntakeCase, Page } from '../../api/types';
import { PageNav } from '../../components/PageNav';
import { Empty, ErrorNotice, Loading } from '../../components/common';
import { HeadedTable } from '../../components/ListTable';
import { formatDateTime } from '../../lib/time';

const PAGE_SIZE = 25;
const FIELDS = ['name', 'caseNumber', 'partnerReference', 'partner', 'status'] as const;
type Filters = Record<(typeof FIELDS)[number], string>;

/** Every registered application, searched and paginated by intake (the name across spellings, previous surnames, aliases). */
export function SearchPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? 1);
  const filters = Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? ''])) as Filters;
  const { register, handleSubmit, setValue, watch } = useForm<Filters>({ defaultValues: filters });
  const results = useQuery({
    queryKey: ['cases', filters, page],
    queryFn: async () =>
      read<Page<IntakeCase>>(
        await intake.GET(
          '/cases',
          withQuery({
            ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)),
            page,
            pageSize: PAGE_SIZE,
            sort: '-receivedAt',
          }),
        ),
      ),
    placeholderData: keepPreviousData,
  });
  const search = handleSubmit((values) => setParams(Object.fromEntries(Object.entries({ ...values, page: '1' }).filter(([, v]) => v))));
  return (
    <Stack>
      <Title order={2}>{t('search.title')}</Title>
      <form onSubmit={search} role="search" aria-label={t('search.title')}>
        <Group align="end" wrap="wrap">
          <TextInput label={t('search.name')} description={t('search.nameHint')} {...register('name')} />
          <TextInput label={t('case.number')} placeholder="RA-2026-000123" {...register('caseNumber')} />
          <TextInput label={t('case.partnerReference')} {...register('partnerReference')} />
          <Select
            label={t('case.partner')}
            clearable
            data={['DE', 'CH', 'NO', 'ME']}
            value={watch('partner') || null}
            onChange={(v) => setValue('partner', v ?? '')}
            w={110}
          />
          <Select
            label={t('case.status')}
            clearable
            data={['registered', 'withdrawn'].map((s) => ({ value: s, label: t(`intakeStatus.${s}`) }))}
            value={watch('status') || null}
            onChange={(v) => setValue('status', v ?? '')}
          />
          <Button type="submit">{t('search.submit')}</Button>
        </Group>
      </form>
      <ErrorNotice error={results.error} />
      {results.isLoading ? (
        <Loading />
      ) : !results.data?.items.length ? (
        <Empty>{t('search.empty')}</Empty>
      ) : (
        <>
          <Text size="sm" role="status">
            {t('search.total', { count: results.data.total })}
          </Text>
          <HeadedTable
            minWidth={800}
            highlightOnHover
            headers={[
              t('case.number'),
              t('case.partner'),
              t('case.partnerReference'),
              t('case.agreement'),
              t('case.receivedAt'),
              t('case.replyDueBy'),
              t('case.status'),
            ]}
          >
            {results.data.items.map((c) => (
              <Table.Tr key={c.caseNumber}>
                <Table.Td>
                  <Anchor component={Link} to={`/officer/cases/${c.caseNumber}`}>
                    {c.caseNumber}
                  </Anchor>
                </Table.Td>
                <Table.Td>{c.partnerCode}</Table.Td>
                <Table.Td>{c.partnerReference}</Table.Td>
                <Table.Td>{c.agreement}</Table.Td>
                <Table.Td>{formatDateTime(c.receivedAt, i18n.language)}</Table.Td>
                <Table.Td>{formatDateTime(c.replyDueBy, i18n.language)}</Table.Td>
                <Table.Td>{t(`intakeStatus.${c.status}`)}</Table.Td>
              </Table.Tr>
            ))}
          </HeadedTable>
          <PageNav total={results.data.total} pageSize={PAGE_SIZE} />
        </>
      )}
    </Stack>
  );
}
