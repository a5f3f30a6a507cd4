import { BarChart } from '@mantine/charts';
import { Alert, Button, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { read, transfer, withQuery } from '../../api/client';
import type { components } from '../../api/generated/transfer';
import { HeadedTable, ListTable } from '../../components/ListTable';
import { Section } from '../../components/Section';
import { Empty, ErrorNotice, Loading, StatusBadge } from '../../components/common';
import { articleOf } from '../../lib/rule-text';
import { bakuDate, formatDate } from '../../lib/time';
import { useAction } from '../../lib/use-action';
import { useSession } from '../../session/session';

type CostEntry = components['schemas']['CostEntryView'];
type CostStatistics = components['schemas']['CostStatisticsView'];
type CostKind = CostEntry['referenceKind'];

const KINDS: CostKind[] = ['readmission', 'transit', 'outgoing-transfer', 'mistake-return'];
const BEARERS = ['requesting-state', 'requested-state'];
const PARTNERS = ['DE', 'AT', 'FR', 'NL', 'NO', 'CH', 'ME'];
const COLOURS = ['indigo.8', 'teal.8', 'orange.8', 'grape.8', 'red.8', 'cyan.8', 'lime.9'];

interface Draft {
  leg: string;
  incurredOn: string;
  amount: string;
  currency: string;
  bearer: string;
  departureReason: string;
  advancedBy: string;
  invoiceNumber: string;
  invoiceIssuedOn: string;
}

/**
 * The cost ledger (docs/rules.md#transport-costs): the transport costs of one readmission or transit, recorded by an
 * officer (amount, currency, bearer by the rule or a departure with its reason, the state that advanced it), and the
 * statistics per partner, year and currency as a chart and a table. Officers record; auditors and administrators read.
 */
export function CostsPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const kind = params.get('kind') ?? 'readmission';
  const reference = params.get('reference') ?? '';
  const [draftRef, setDraftRef] = useState(reference);
  const [draftKind, setDraftKind] = useState(kind);
  const canRecord = session?.roles.includes('officer') ?? false;
  return (
    <Stack>
      <Title order={2}>{t('costs.title')}</Title>
      {session?.roles.some((r) => r === 'officer' || r === 'auditor') && (
        <Section title={t('costs.ledgerTitle')}>
          <form
            role="search"
            aria-label={t('costs.ledgerTitle')}
            onSubmit={(e) => {
              e.preventDefault();
              setParams({ kind: draftKind, reference: draftRef.trim() });
            }}
          >
            <Group align="end" wrap="wrap">
              <Select
                label={t('costs.kind')}
                data={KINDS.map((k) => ({ value: k, label: t(`costKind.${k}`) }))}
                value={draftKind}
                onChange={(v) => setDraftKind(v ?? 'readmission')}
                allowDeselect={false}
                w={300}
              />
              <TextInput
                label={t('costs.reference')}
                placeholder="DE:TR-2026-001"
                value={draftRef}
                onChange={(e) => setDraftRef(e.currentTarget.value)}
                w={320}
              />
              <Button type="submit">{t('costs.show')}</Button>
            </Group>
          </form>
          {reference && <Ledger kind={kind} reference={reference} canRecord={canRecord} />}
        </Section>
      )}
      <Statistics />
    </Stack>
  );
}

function Ledger({ kind, reference, canRecord }: { kind: string; reference: string; canRecord: boolean }) {
  const { t, i18n } = useTranslation();
  const entries = useQuery({
    queryKey: ['cost-entries', kind, reference],
    queryFn: async () => read<CostEntry[]>(await transfer.GET('/cost-entries', withQuery({ referenceKind: kind, reference }))),
  });
  return (
    <Stack>
      <ListTable
        query={entries}
        empty={t('costs.noEntries')}
        minWidth={900}
        testId="cost-entries"
        headers={[t('costs.incurredOn'), t('costs.leg'), t('costs.amount'), t('costs.bearer'), t('costs.rule'), t('costs.invoice')]}
      >
        {() =>
          entries.data?.map((e) => (
            <Table.Tr key={e._id}>
              <Table.Td>{formatDate(e.incurredOn, i18n.language)}</Table.Td>
              <Table.Td>{e.leg}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {e.amount} {e.currency}
              </Table.Td>
              <Table.Td>
                {t(`costBearer.${e.bearer}`)} ({e.borneBy}){e.departureReason ? ` · ${e.departureReason}` : ''}
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <Text size="sm">{articleOf(e.rule.source)}</Text>
                  <StatusBadge status={e.rule.status} />
                </Group>
              </Table.Td>
              <Table.Td>
                {e.invoice
                  ? `${e.invoice.number} · ${formatDate(e.invoice.issuedOn, i18n.language)}${
                      e.invoice.repaymentDue
                        ? ` · ${t('costs.repaymentDue', { date: formatDate(e.invoice.repaymentDue.dueDate, i18n.language) })}`
                        : ''
                    }`
                  : '—'}
              </Table.Td>
            </Table.Tr>
          ))
        }
      </ListTable>
      {canRecord && <RecordCost kind={kind} reference={reference} />}
    </Stack>
  );
}

function RecordCost({ kind, reference }: { kind: string; reference: string }) {
  const { t } = useTranslation();
  const { register, handleSubmit, control, watch, reset } = useForm<Draft>({
    defaultValues: {
      leg: '',
      incurredOn: bakuDate(0),
      amount: '',
      currency: 'EUR',
      bearer: '',
      departureReason: '',
      advancedBy: '',
      invoiceNumber: '',
      invoiceIssuedOn: '',
    },
  });
  const record = useAction(async (d: Draft) => {
    const body = {
      referenceKind: kind,
      reference,
      leg: d.leg,
      incurredOn: d.incurredOn,
      amount: d.amount.trim(),
      currency: d.currency.trim().toUpperCase(),
      ...(d.bearer ? { bearer: d.bearer } : {}),
      ...(d.departureReason.trim() ? { departureReason: d.departureReason.trim() } : {}),
      ...(d.advancedBy ? { advancedBy: d.advancedBy } : {}),
    };
    const created = read<CostEntry>(await transfer.POST('/cost-entries', { body } as never));
    // The invoice of a cost another state advanced: recorded on the new entry (its repayment falls due by the rule).
    if (d.invoiceNumber.trim())
      await transfer.POST('/cost-entries/{id}/invoice', {
        params: { path: { id: created._id } },
        body: { number: d.invoiceNumber.trim(), issuedOn: d.invoiceIssuedOn || d.incurredOn },
      } as never);
    reset();
    return created;
  });
  const select = (name: 'bearer' | 'advancedBy', label: string, empty: string) => (
    <Controller
      name={name}
      control={control}
      render={({ field }) => (
        <Select
          label={label}
          data={[{ value: '', label: empty }, ...BEARERS.map((b) => ({ value: b, label: t(`costBearer.${b}`) }))]}
          value={field.value}
          onChange={(v) => field.onChange(v ?? '')}
          allowDeselect={false}
        />
      )}
    />
  );
  return (
    <form aria-label={t('costs.recordTitle')} onSubmit={handleSubmit((d) => record.mutate(d))}>
      <Stack>
        <Text fw={600}>{t('costs.recordTitle')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t('costs.leg')} placeholder="charter flight MUC-GYD" required {...register('leg', { required: true })} />
          <TextInput label={t('costs.incurredOn')} type="date" required {...register('incurredOn', { required: true })} />
          <TextInput label={t('costs.amount')} placeholder="1840.50" required {...register('amount', { required: true })} />
          <TextInput label={t('costs.currency')} placeholder="EUR" required {...register('currency', { required: true })} />
          {select('bearer', t('costs.bearer'), t('costs.bearerRule'))}
          {select('advancedBy', t('costs.advancedBy'), t('costs.nobody'))}
        </SimpleGrid>
        {watch('advancedBy') && (
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('costs.invoiceNumber')} {...register('invoiceNumber')} />
            <TextInput label={t('costs.invoiceIssuedOn')} type="date" {...register('invoiceIssuedOn')} />
          </SimpleGrid>
        )}
        {watch('bearer') === 'requested-state' && (
          <Textarea label={t('costs.departureReason')} required autosize minRows={2} {...register('departureReason', { required: true })} />
        )}
        <Group>
          <Button type="submit" loading={record.isPending}>
            {t('costs.record')}
          </Button>
        </Group>
      </Stack>
      <ErrorNotice error={record.error} />
      {record.isSuccess && (
        <Alert color="green" role="status" mt="sm">
          {t('costs.recorded')}
        </Alert>
      )}
    </form>
  );
}

const YEAR = Number(bakuDate(0).slice(0, 4));

function Statistics() {
  const { t } = useTranslation();
  const [from, setFrom] = useState(String(YEAR - 1));
  const [to, setTo] = useState(String(YEAR + 1));
  const [partner, setPartner] = useState('');
  const stats = useQuery({
    queryKey: ['cost-statistics', from, to, partner],
    queryFn: async () =>
      read<CostStatistics>(
        await transfer.GET('/cost-statistics', withQuery({ from: Number(from), to: Number(to), partner: partner || undefined })),
      ),
  });
  const rows = stats.data?.rows ?? [];
  const currencies = [...new Set(rows.map((r) => r.currency))];
  const years = [...new Set(rows.map((r) => r.year))].sort();
  const partners = [...new Set(rows.map((r) => r.partner))];
  return (
    <Section title={t('costs.statsTitle')}>
      <Group align="end" wrap="wrap">
        <TextInput label={t('costs.from')} type="number" value={from} onChange={(e) => setFrom(e.currentTarget.value)} w={140} />
        <TextInput label={t('costs.to')} type="number" value={to} onChange={(e) => setTo(e.currentTarget.value)} w={140} />
        <Select
          label={t('costs.partner')}
          data={[{ value: '', label: t('costs.allPartners') }, ...PARTNERS.map((p) => ({ value: p, label: p }))]}
          value={partner}
          onChange={(v) => setPartner(v ?? '')}
          allowDeselect={false}
          w={200}
        />
      </Group>
      <ErrorNotice error={stats.error} />
      {stats.isLoading ? (
        <Loading />
      ) : rows.length === 0 ? (
        <Empty>{t('costs.noStats')}</Empty>
      ) : (
        <>
          {currencies.map((currency) => (
            <Stack key={currency} gap="xs">
              <Text fw={600} size="sm">
                {t('costs.chart', { currency })}
              </Text>
              <div aria-hidden>
                <BarChart
                  h={240}
                  data={years.map((year) => ({
                    year: String(year),
                    ...Object.fromEntries(
                      rows.filter((r) => r.year === year && r.currency === currency).map((r) => [r.partner, Number(r.total)]),
                    ),
                  }))}
                  dataKey="year"
                  series={partners.map((p, i) => ({ name: p, color: COLOURS[i % COLOURS.length] }))}
                  withLegend
                  tickLine="y"
                  maxBarWidth={64}
                  barChartProps={{ accessibilityLayer: false }}
                />
              </div>
            </Stack>
          ))}
          <HeadedTable
            minWidth={900}
            testId="cost-statistics"
            label={t('costs.table')}
            headers={[
              t('costs.partner'),
              t('costs.year'),
              t('costs.currency'),
              t('costs.entries'),
              t('costs.total'),
              t('costs.borneByRequesting'),
              t('costs.borneByRequested'),
              t('costs.invoiced'),
              t('costs.repaid'),
              t('costs.outstanding'),
              t('costs.byKind'),
            ]}
          >
            {rows.map((r) => (
              <Table.Tr key={`${r.partner}-${r.year}-${r.currency}`}>
                <Table.Td>{r.partner}</Table.Td>
                <Table.Td>{r.year}</Table.Td>
                <Table.Td>{r.currency}</Table.Td>
                <Table.Td>{r.entries}</Table.Td>
                <Table.Td>{r.total}</Table.Td>
                <Table.Td>{r.borneByRequestingState}</Table.Td>
                <Table.Td>{r.borneByRequestedState}</Table.Td>
                <Table.Td>{r.invoiced}</Table.Td>
                <Table.Td>{r.repaid}</Table.Td>
                <Table.Td>{r.outstanding}</Table.Td>
                <Table.Td data-testid="cost-by-kind">
                  {KINDS.filter((k) => r.byKind[k] !== undefined).map((k) => (
                    <Text key={k} size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {t(`costKind.${k}`)}: {r.byKind[k]}
                    </Text>
                  ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </HeadedTable>
        </>
      )}
    </Section>
  );
}
