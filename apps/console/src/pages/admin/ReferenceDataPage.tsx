import { Badge, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { intake, read } from '../../api/client';
import { ErrorNotice, Loading, StatusBadge } from '../../components/common';
import { LoadFromFile } from '../../components/LoadFromFile';
import { Section } from '../../components/Section';
import { formatDateTime } from '../../lib/time';

interface Version {
  version: string;
  effectiveFrom: string;
  loadedAt: string;
  loadedBy: string;
  inEffect: boolean;
}
type Kind = 'crossing-points' | 'referral-bodies';
interface RuleValue {
  value: unknown;
  unit?: string;
  status: string;
  source: string;
}

function Kind({ kind }: { kind: Kind }) {
  const { t, i18n } = useTranslation();
  const versions = useQuery({ queryKey: [kind], queryFn: async () => read<Version[]>(await intake.GET(`/${kind}` as '/crossing-points')) });
  const [chosen, setChosen] = useState<string | null>(null);
  const version = chosen ?? versions.data?.find((v) => v.inEffect)?.version ?? null;
  const detail = useQuery({
    queryKey: [kind, version],
    enabled: Boolean(version),
    queryFn: async () =>
      read<{ data?: unknown; points?: unknown; bodies?: unknown } & Record<string, unknown>>(
        await intake.GET(`/${kind}/{version}` as '/crossing-points/{version}', { params: { path: { version: version as string } } }),
      ),
  });
  const raw = detail.data ? (detail.data.points ?? detail.data.bodies ?? detail.data.data ?? []) : [];
  const items = (Array.isArray(raw) ? raw : Object.entries(raw as Record<string, object>).map(([code, v]) => ({ code, ...v }))) as ({
    code: string;
    name: string;
  } & Record<string, unknown>)[];
  const figure = (x: Record<string, unknown>): RuleValue | undefined => (x.dailyCapacity ?? x.deadline) as RuleValue | undefined;
  return (
    <Section title={t(`reference.${kind}`)}>
      <ErrorNotice error={versions.error ?? detail.error} />
      <Select
        label={t('rulebooks.version')}
        data={(versions.data ?? []).map((v) => ({
          value: v.version,
          label: `${v.version}${v.inEffect ? ` (${t('rulebooks.inEffect')})` : ''} · ${formatDateTime(v.effectiveFrom, i18n.language)}`,
        }))}
        value={version}
        onChange={setChosen}
        allowDeselect={false}
        w={420}
      />
      {detail.isLoading ? (
        <Loading />
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('reference.code')}</Table.Th>
              <Table.Th scope="col">{t('reference.name')}</Table.Th>
              <Table.Th scope="col">{t(kind === 'crossing-points' ? 'reference.capacity' : 'reference.deadline')}</Table.Th>
              <Table.Th scope="col">{t('rulebooks.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((x) => {
              const f = figure(x);
              return (
                <Table.Tr key={x.code}>
                  <Table.Td>{x.code}</Table.Td>
                  <Table.Td>
                    {x.name}
                    {x.type ? (
                      <Badge ml="xs" variant="outline" color="indigo.9">
                        {i18n.exists(`bodyType.${String(x.type)}`) ? t(`bodyType.${String(x.type)}`) : String(x.type)}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{f ? `${String(f.value)}${f.unit ? ` ${t(`unit.${f.unit}`)}` : ''}` : String(x.personsPerDay ?? '—')}</Table.Td>
                  <Table.Td>
                    {f ? (
                      <>
                        <StatusBadge status={f.status} />
                        <Text size="xs">{f.source}</Text>
                      </>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <LoadFromFile
        label={t('reference.load')}
        post={async (body) => intake.POST(`/${kind}` as '/crossing-points', { body: body as never })}
      />
    </Section>
  );
}

export function ReferenceDataPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('reference.title')}</Title>
      <Kind kind="crossing-points" />
      <Kind kind="referral-bodies" />
    </Stack>
  );
}
