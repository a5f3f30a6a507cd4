import { Badge, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { intake, read } from '../../api/client';
import { Empty, ErrorNotice, Loading, StatusBadge } from '../../components/common';
import { LoadFromFile } from '../../components/LoadFromFile';
import { Section } from '../../components/Section';
import { formatDateTime } from '../../lib/time';

interface Version {
  version: string;
  effectiveFrom: string;
  description?: string;
  loadedAt: string;
  loadedBy: string;
  inEffect: boolean;
}
interface RuleValue {
  value: unknown;
  unit?: string;
  from?: string;
  status: string;
  source: string;
}
type Rulebook = { version: string; agreements: ({ code: string } & Record<string, unknown>)[] };

const isRuleValue = (x: unknown): x is RuleValue => typeof x === 'object' && x !== null && 'status' in x && 'source' in x && 'value' in x;

/** Every rule value of a rulebook, by agreement and path (e.g. EU-AZ · timeLimits.replyNormal). */
export function ruleValues(book: Rulebook): Map<string, RuleValue> {
  const out = new Map<string, RuleValue>();
  const walk = (prefix: string, node: unknown) => {
    if (isRuleValue(node)) return void out.set(prefix, node);
    if (node && typeof node === 'object' && !Array.isArray(node))
      for (const [k, v] of Object.entries(node)) walk(prefix ? `${prefix}.${k}` : k, v);
  };
  for (const a of book.agreements ?? [])
    walk(`${a.code} ·`, Object.fromEntries(Object.entries(a).filter(([k]) => k !== 'code' && k !== 'title')));
  return out;
}

const show = (v?: RuleValue) =>
  v
    ? `${Array.isArray(v.value) ? (v.value as unknown[]).join(', ') : String(v.value)}${v.unit ? ` ${v.unit}` : ''}${v.from ? ` (${v.from})` : ''}`
    : '—';

export function RulebooksPage() {
  const { t, i18n } = useTranslation();
  const versions = useQuery({ queryKey: ['rulebooks'], queryFn: async () => read<Version[]>(await intake.GET('/rulebooks')) });
  const list = versions.data ?? [];
  const current = list.find((v) => v.inEffect)?.version ?? list[0]?.version ?? null;
  const [left, setLeft] = useState<string | null>(null);
  const [right, setRight] = useState<string | null>(null);
  const chosen = [left ?? current, right ?? list[list.length - 1]?.version ?? null];
  const books = useQueries({
    queries: chosen.map((v) => ({
      queryKey: ['rulebook', v],
      enabled: Boolean(v),
      queryFn: async () => read<Rulebook>(await intake.GET('/rulebooks/{version}', { params: { path: { version: v as string } } })),
    })),
  });
  const [a, b] = books.map((q) => (q.data ? ruleValues(q.data) : new Map<string, RuleValue>()));
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  return (
    <Stack>
      <Title order={2}>{t('rulebooks.title')}</Title>
      <ErrorNotice error={versions.error} />
      <Section title={t('rulebooks.versions')}>
        {versions.isLoading ? (
          <Loading />
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('rulebooks.version')}</Table.Th>
                <Table.Th scope="col">{t('rulebooks.effectiveFrom')}</Table.Th>
                <Table.Th scope="col">{t('rulebooks.loaded')}</Table.Th>
                <Table.Th scope="col">{t('rulebooks.description')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((v) => (
                <Table.Tr key={v.version}>
                  <Table.Td>
                    {v.version}{' '}
                    {v.inEffect && (
                      <Badge color="green" autoContrast>
                        {t('rulebooks.inEffect')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{formatDateTime(v.effectiveFrom, i18n.language)}</Table.Td>
                  <Table.Td>
                    {v.loadedBy} · {formatDateTime(v.loadedAt, i18n.language)}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{v.description}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <LoadFromFile label={t('rulebooks.load')} post={async (body) => intake.POST('/rulebooks', { body: body as never })} />
      </Section>
      <Section title={t('rulebooks.compare')}>
        <Group>
          {[0, 1].map((i) => (
            <Select
              key={i}
              label={t(i === 0 ? 'rulebooks.left' : 'rulebooks.right')}
              data={list.map((v) => v.version)}
              value={chosen[i]}
              onChange={i === 0 ? setLeft : setRight}
              allowDeselect={false}
            />
          ))}
        </Group>
        <Text size="sm">{t('rulebooks.legend')}</Text>
        {books.some((q) => q.isLoading) ? (
          <Loading />
        ) : !keys.length ? (
          <Empty />
        ) : (
          <Table.ScrollContainer minWidth={1000}>
            <Table withColumnBorders>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('rulebooks.rule')}</Table.Th>
                  <Table.Th scope="col">{chosen[0]}</Table.Th>
                  <Table.Th scope="col">{chosen[1]}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {keys.map((k) => {
                  const [x, y] = [a.get(k), b.get(k)];
                  const differs = show(x) !== show(y) || x?.status !== y?.status;
                  return (
                    <Table.Tr key={k} bg={differs ? 'var(--mantine-color-yellow-0)' : undefined}>
                      <Table.Th scope="row">
                        <Text size="sm" ff="monospace">
                          {k}
                        </Text>
                      </Table.Th>
                      {[x, y].map((v, i) => (
                        <Table.Td key={i} bg={v && v.status !== 'verified' ? 'var(--mantine-color-red-0)' : undefined}>
                          <Group gap="xs">
                            <Text size="sm" fw={600}>
                              {show(v)}
                            </Text>
                            {v && <StatusBadge status={v.status} />}
                          </Group>
                          <Text size="xs">{v?.source}</Text>
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>
    </Stack>
  );
}
