import { Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { intake, reintegration, transfer, verification } from '../../api/client';
import { PageNav } from '../../components/PageNav';
import { Empty, ErrorNotice, Loading } from '../../components/common';
import { HeadedTable } from '../../components/ListTable';
import { downloadCsv } from '../../lib/csv';
import { formatDateTime } from '../../lib/time';

// Every service serves the same /audit-trail/search; one client type reads them all.
const SOURCES = { intake, verification, transfer, reintegration } as unknown as Record<Service, typeof verification>;
type Service = 'intake' | 'verification' | 'transfer' | 'reintegration';
const SERVICES = Object.keys({ intake, verification, transfer, reintegration }) as Service[];
type Filters = { service: string; subject: string; actor: string; from: string; to: string };
const PAGE_SIZE = 50;

/** The first instant of a Baku calendar day (Baku keeps UTC+04:00 all year). */
const startOfBakuDay = (day: string) => `${day}T00:00:00+04:00`;
const nextDay = (day: string) => new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The audit trail of one service, searched by case, officer and Baku dates on the server, newest first, a page at a time. */
export function AuditTrailPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? 1);
  const filters: Filters = {
    service: params.get('service') ?? 'verification',
    subject: params.get('subject') ?? '',
    actor: params.get('actor') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
  const { register, handleSubmit, watch, setValue } = useForm<Filters>({ defaultValues: filters });
  const service = (SERVICES.includes(filters.service as Service) ? filters.service : 'verification') as Service;
  const trail = useQuery({
    queryKey: ['audit', filters, page],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      (
        await SOURCES[service].GET('/audit-trail/search', {
          params: {
            query: {
              subject: filters.subject || undefined,
              actor: filters.actor || undefined,
              from: filters.from ? startOfBakuDay(filters.from) : undefined,
              to: filters.to ? startOfBakuDay(nextDay(filters.to)) : undefined,
              page,
              pageSize: PAGE_SIZE,
            },
          },
        })
      ).data,
  });
  const rows = (trail.data?.items ?? []).map((e) => ({ ...e, service }));
  return (
    <Stack>
      <Title order={2}>{t('audit.title')}</Title>
      <form
        role="search"
        aria-label={t('audit.title')}
        onSubmit={handleSubmit((v) => setParams(Object.fromEntries(Object.entries({ ...v, page: '1' }).filter(([, x]) => x))))}
      >
        <Group align="end" wrap="wrap">
          <Select
            label={t('audit.service')}
            allowDeselect={false}
            data={SERVICES.map((v) => ({ value: v, label: t(`service.${v}`) }))}
            value={watch('service')}
            onChange={(v) => setValue('service', v ?? 'verification')}
            w={170}
          />
          <TextInput label={t('audit.subject')} placeholder="RA-2026-000123" {...register('subject')} />
          <TextInput label={t('audit.actor')} {...register('actor')} />
          <TextInput type="date" label={t('audit.from')} {...register('from')} />
          <TextInput type="date" label={t('audit.to')} {...register('to')} />
          <Button type="submit">{t('search.submit')}</Button>
          <Button
            variant="outline"
            disabled={!rows.length}
            onClick={() =>
              downloadCsv(
                'audit-trail.csv',
                rows.map((r) => ({
                  at: r.at,
                  service: r.service,
                  subject: r.subject,
                  actor: r.actor,
                  action: r.action,
                  reason: r.reason ?? '',
                })),
              )
            }
          >
            {t('stats.csv', { name: 'audit-trail.csv' })}
          </Button>
        </Group>
      </form>
      <Text size="sm" c="dimmed">
        {t('audit.hint')}
      </Text>
      <ErrorNotice error={trail.error} />
      {trail.isLoading ? (
        <Loading />
      ) : !rows.length ? (
        <Empty>{t('audit.empty')}</Empty>
      ) : (
        <>
          <Text size="sm" role="status">
            {t('audit.total', { count: trail.data?.total ?? 0 })}
          </Text>
          <HeadedTable
            minWidth={900}
            headers={[t('history.at'), t('audit.service'), t('audit.subject'), t('audit.actor'), t('audit.action'), t('actions.reason')]}
          >
            {rows.map((e, i) => (
              <Table.Tr key={`${e.service}-${e._id ?? i}`}>
                <Table.Td>{formatDateTime(e.at, i18n.language)}</Table.Td>
                <Table.Td>{t(`service.${e.service}`)}</Table.Td>
                <Table.Td>{e.subject}</Table.Td>
                <Table.Td>{e.actor}</Table.Td>
                <Table.Td>{i18n.exists(`auditAction.${e.action}`) ? t(`auditAction.${e.action}`) : e.action}</Table.Td>
                <Table.Td>
                  <Text size="sm">{e.reason ?? '—'}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </HeadedTable>
          <PageNav total={trail.data?.total ?? 0} pageSize={PAGE_SIZE} />
        </>
      )}
    </Stack>
  );
}
