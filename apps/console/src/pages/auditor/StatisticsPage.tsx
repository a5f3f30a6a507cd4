import { BarChart } from '@mantine/charts';
import { Button, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { read, reintegration } from '../../api/client';
import { Statistics } from '../../api/types';
import { ErrorNotice, Loading } from '../../components/common';
import { Section } from '../../components/Section';
import { downloadCsv } from '../../lib/csv';
import { formatDateTime } from '../../lib/time';

const OUTCOME_COLOURS: Record<string, string> = { accepted: 'teal.8', refused: 'red.8', pending: 'gray.6', deemed: 'yellow.8' };

/** A chart, the same figures as a table (for screen readers and for checking), and its CSV. */
function Figure({ title, rows, csv, chart }: { title: string; rows: Record<string, unknown>[]; csv: string; chart: ReactNode }) {
  const { t } = useTranslation();
  const header = rows.length ? Object.keys(rows[0]) : [];
  return (
    <Section title={title}>
      <div aria-hidden>{chart}</div>
      <details>
        <summary>{t('stats.asTable')}</summary>
        <Table>
          <Table.Thead>
            <Table.Tr>
              {header.map((h) => (
                <Table.Th key={h} scope="col">
                  {t(`stats.column.${h}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              <Table.Tr key={i}>
                {header.map((h) => (
                  <Table.Td key={h}>{String(r[h] ?? '—')}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </details>
      <Group justify="flex-end">
        <Button variant="outline" size="xs" onClick={() => downloadCsv(csv, rows)} disabled={!rows.length}>
          {t('stats.csv', { name: csv })}
        </Button>
      </Group>
    </Section>
  );
}

/** The readmissions by partner, agreement and year: each a chart with its table and CSV. */
const READMISSIONS_BY = [
  ['stats.byPartner', 'partnerCode', 'readmissions-by-partner.csv'],
  ['stats.byAgreement', 'agreement', 'readmissions-by-agreement.csv'],
  ['stats.byYear', 'year', 'readmissions-by-year.csv'],
] as const;

/** Sums counts of `rows` by `key`, one series per outcome. */
function pivot(rows: Statistics['readmissions']['byPartnerAgreementOutcomeYear'], key: 'partnerCode' | 'agreement' | 'year') {
  const out = new Map<string, Record<string, number | string>>();
  for (const r of rows) {
    const k = String(r[key]);
    const row = out.get(k) ?? { [key]: k };
    row[r.outcome] = Number(row[r.outcome] ?? 0) + r.count;
    out.set(k, row);
  }
  return [...out.values()];
}

export function StatisticsPage() {
  const { t, i18n } = useTranslation();
  const stats = useQuery({
    queryKey: ['statistics'],
    queryFn: async () => read<Statistics>(await reintegration.GET('/reintegration-statistics')),
    refetchInterval: 30_000,
  });
  if (stats.isLoading) return <Loading />;
  if (!stats.data) return <ErrorNotice error={stats.error} />;
  const s = stats.data;
  const raw = s.readmissions.byPartnerAgreementOutcomeYear;
  const outcomes = [...new Set(raw.map((r) => r.outcome))].sort();
  const series = outcomes.map((o) => ({ name: o, label: t(`outcome.${o}`), color: OUTCOME_COLOURS[o] ?? 'indigo.7' }));
  const fill = (rows: Record<string, number | string>[]) =>
    rows.map((r) => Object.fromEntries([...Object.entries(r), ...outcomes.filter((o) => !(o in r)).map((o) => [o, 0])]));
  const durations = (['receiptToDecision', 'receiptToTransfer', 'receiptToCaseOpening'] as const).map((k) => ({
    measure: t(`stats.${k}`),
    count: s.readmissions[k].count,
    medianDays: s.readmissions[k].medianDays,
    p90Days: s.readmissions[k].p90Days,
  }));
  const compliance = s.referralCompliance.map((r) => ({
    ...r,
    complianceRate: r.complianceRate === null ? null : Math.round(r.complianceRate * 100),
  }));
  const followUps = s.followUps.map((f) => ({
    ...f,
    completionRate: f.completionRate === null ? null : Math.round(f.completionRate * 100),
  }));
  const bar = (
    data: Record<string, unknown>[],
    dataKey: string,
    chartSeries: { name: string; label?: string; color: string }[],
    stacked = true,
  ) => (
    <BarChart
      h={260}
      data={data}
      dataKey={dataKey}
      series={chartSeries}
      type={stacked ? 'stacked' : 'default'}
      withLegend
      tickLine="y"
      maxBarWidth={64}
      yAxisProps={{ allowDecimals: false }}
      barChartProps={{ accessibilityLayer: false }}
    />
  );
  return (
    <Stack>
      <Title order={2}>{t('stats.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('stats.computedAt', { at: formatDateTime(s.computedAt, i18n.language) })}
      </Text>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {READMISSIONS_BY.map(([title, key, csv]) => (
          <Figure key={key} title={t(title)} csv={csv} rows={fill(pivot(raw, key))} chart={bar(fill(pivot(raw, key)), key, series)} />
        ))}
        <Figure
          title={t('stats.durations')}
          csv="durations.csv"
          rows={durations}
          chart={bar(
            durations,
            'measure',
            [
              { name: 'medianDays', label: t('stats.median'), color: 'indigo.7' },
              { name: 'p90Days', label: t('stats.p90'), color: 'orange.8' },
            ],
            false,
          )}
        />
        <Figure
          title={t('stats.compliance')}
          csv="referral-compliance.csv"
          rows={compliance}
          chart={bar(compliance, 'bodyCode', [
            { name: 'onTime', label: t('stats.onTime'), color: 'teal.8' },
            { name: 'late', label: t('stats.late'), color: 'red.8' },
            { name: 'openOverdue', label: t('stats.openOverdue'), color: 'orange.8' },
            { name: 'openWithinDeadline', label: t('stats.openWithin'), color: 'gray.6' },
          ])}
        />
        <Figure
          title={t('stats.followUps')}
          csv="follow-ups.csv"
          rows={followUps}
          chart={bar(
            followUps.map((f) => ({ ...f, month: t('reintegration.months', { count: f.month }) })),
            'month',
            [
              { name: 'recorded', label: t('stats.recorded'), color: 'teal.8' },
              { name: 'overdue', label: t('stats.overdue'), color: 'red.8' },
              { name: 'meanScore', label: t('stats.meanScore'), color: 'indigo.7' },
            ],
            false,
          )}
        />
      </SimpleGrid>
    </Stack>
  );
}
