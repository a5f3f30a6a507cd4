import { Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { intake, read, reintegration, transfer, verification, withQuery } from '../../api/client';
import { AuditEntry } from '../../api/types';
import { Empty, ErrorNotice, Loading } from '../../components/common';
import { downloadCsv } from '../../lib/csv';
import { bakuDate, formatDateTime } from '../../lib/time';

// Every service serves the same /audit-trail; one client type reads them all.
const SOURCES = { intake, verification, transfer, reintegration } as unknown as Record<string, typeof verification>;
type Filters = { subject: string; actor: string; from: string; to: string };

/** The audit trail of every service, searched by case and officer (server) and date (Baku days). */
export function AuditTrailPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters: Filters = {
    subject: params.get('subject') ?? '',
    actor: params.get('actor') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
  const { register, handleSubmit } = useForm<Filters>({ defaultValues: filters });
  const searched = Boolean(filters.subject || filters.actor);
  const trail = useQuery({
    queryKey: ['audit', filters.subject, filters.actor],
    enabled: searched,
    queryFn: async () => {
      const all = await Promise.all(
        Object.entries(SOURCES).map(async ([service, client]) =>
          read<AuditEntry[]>(
            await client.GET('/audit-trail', withQuery({ subject: filters.subject || undefined, actor: filters.actor || undefined })),
          ).map((e) => ({ ...e, service })),
        ),
      );
      return all.flat().sort((a, b) => a.at.localeCompare(b.at));
    },
  });
  const day = (at: string) => bakuDate(0, new Date(at));
  const rows = (trail.data ?? []).filter((e) => (!filters.from || day(e.at) >= filters.from) && (!filters.to || day(e.at) <= filters.to));
  return (
    <Stack>
      <Title order={2}>{t('audit.title')}</Title>
      <form
        role="search"
        aria-label={t('audit.title')}
        onSubmit={handleSubmit((v) => setParams(Object.fromEntries(Object.entries(v).filter(([, x]) => x))))}
      >
        <Group align="end" wrap="wrap">
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
                  actor: r.actor ?? r.by,
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
      {!searched ? null : trail.isLoading ? (
        <Loading />
      ) : !rows.length ? (
        <Empty>{t('audit.empty')}</Empty>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('history.at')}</Table.Th>
                <Table.Th scope="col">{t('audit.service')}</Table.Th>
                <Table.Th scope="col">{t('audit.subject')}</Table.Th>
                <Table.Th scope="col">{t('audit.actor')}</Table.Th>
                <Table.Th scope="col">{t('audit.action')}</Table.Th>
                <Table.Th scope="col">{t('actions.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((e, i) => (
                <Table.Tr key={`${e.service}-${e._id ?? i}`}>
                  <Table.Td>{formatDateTime(e.at, i18n.language)}</Table.Td>
                  <Table.Td>{t(`service.${e.service}`)}</Table.Td>
                  <Table.Td>{e.subject}</Table.Td>
                  <Table.Td>{e.actor ?? e.by}</Table.Td>
                  <Table.Td>{i18n.exists(`auditAction.${e.action}`) ? t(`auditAction.${e.action}`) : e.action}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{e.reason ?? '—'}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
