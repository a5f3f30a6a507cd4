import { Alert, Anchor, Badge, Button, Group, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ApiError, read, transfer, withQuery } from '../../api/client';
import type { MistakeReturn } from '../../api/procedures';
import { ProblemWords, RuleWords } from '../../components/RuleWords';
import { Facts, Section } from '../../components/Section';
import { ErrorNotice, Loading } from '../../components/common';
import { ListTable } from '../../components/ListTable';
import { formatDate, formatDateTime } from '../../lib/time';
import { useAction } from '../../lib/use-action';

interface Draft {
  caseNumber: string;
  grounds: string;
  evidence: { kind: string; description: string }[];
}

/** A refusal naming its rule (422 with `details.code`): in the interface's language, with the rule's period and article. */
function Refusal({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  const details = error instanceof ApiError ? (error.details as { code?: string; lastDay?: string; rule?: string } | undefined) : undefined;
  if (!(error instanceof ApiError) || !details || Array.isArray(details) || !details.code) return <ErrorNotice error={error} />;
  return (
    <Alert
      color="red"
      role="alert"
      title={t(`errors.kind.${error.kind ?? 'http'}`, { status: error.status })}
      data-testid="mistake-refusal"
    >
      <Stack gap={4}>
        <ProblemWords
          problem={{ code: details.code, message: error.message, lastDay: details.lastDay && formatDate(details.lastDay, i18n.language) }}
        />
        {details.rule && (
          <Text size="sm">
            {t('mistake.period')}: <RuleWords rule={details.rule} />
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

/**
 * Readmission by mistake (docs/rules.md#readmission-by-mistake): the officer asks the partner to take back a person
 * handed over at a completed transfer, with grounds and evidence; the platform refuses after the period from the
 * handover, naming the rule. Below, the requests with their period, the partner's answer and the return.
 */
export function MistakeReturnsPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [params] = useSearchParams();
  const [sent, setSent] = useState<string>();
  const [open, setOpen] = useState<string>();
  const { register, handleSubmit, control, formState, reset } = useForm<Draft>({
    defaultValues: { caseNumber: params.get('case') ?? '', grounds: '', evidence: [{ kind: '', description: '' }] },
  });
  const evidence = useFieldArray({ control, name: 'evidence' });
  const list = useQuery({
    queryKey: ['mistake-returns'],
    queryFn: async () => read<MistakeReturn[]>(await transfer.GET('/mistake-returns', withQuery({}))),
    refetchInterval: 15_000,
  });
  const ask = useAction(async (d: Draft) => {
    const created = read<MistakeReturn>(await transfer.POST('/mistake-returns', { body: d } as never));
    setSent(created._id);
    reset({ caseNumber: '', grounds: '', evidence: [{ kind: '', description: '' }] });
    return created;
  });
  return (
    <Stack>
      <Title order={2}>{t('mistake.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('mistake.explain')}
      </Text>
      <Section title={t('mistake.newTitle')}>
        <form
          aria-label={t('mistake.newTitle')}
          onSubmit={handleSubmit((d) => {
            setSent(undefined);
            ask.mutate({ ...d, caseNumber: d.caseNumber.trim() });
          })}
        >
          <Stack>
            <TextInput
              label={t('mistake.caseNumber')}
              placeholder="RA-2026-000123"
              required
              w={320}
              {...register('caseNumber', { required: true })}
            />
            <Textarea
              label={t('mistake.grounds')}
              required
              autosize
              minRows={2}
              error={formState.errors.grounds && t('mistake.groundsRequired', { min: 10 })}
              {...register('grounds', { validate: (v) => v.trim().length >= 10 })}
            />
            <Text fw={600} size="sm">
              {t('mistake.evidence')}
            </Text>
            {evidence.fields.map((field, i) => (
              <Group key={field.id} align="end" wrap="wrap">
                <TextInput
                  label={`${t('mistake.evidenceKind')} ${i + 1}`}
                  placeholder="forensic-report"
                  required
                  {...register(`evidence.${i}.kind`, { required: true })}
                />
                <TextInput
                  label={`${t('mistake.evidenceDescription')} ${i + 1}`}
                  required
                  style={{ flex: 1, minWidth: 260 }}
                  {...register(`evidence.${i}.description`, { required: true })}
                />
                {evidence.fields.length > 1 && (
                  <Button variant="default" onClick={() => evidence.remove(i)} aria-label={t('mistake.removeEvidence', { n: i + 1 })}>
                    ×
                  </Button>
                )}
              </Group>
            ))}
            <Group>
              <Button variant="default" onClick={() => evidence.append({ kind: '', description: '' })}>
                {t('mistake.addEvidence')}
              </Button>
              <Button type="submit" loading={ask.isPending}>
                {t('mistake.send')}
              </Button>
            </Group>
          </Stack>
        </form>
        {ask.error ? <Refusal error={ask.error} /> : null}
        {sent && (
          <Alert color="green" role="status" data-testid="mistake-sent">
            {t('mistake.sent', { caseNumber: sent })}
          </Alert>
        )}
      </Section>
      <Section title={t('mistake.listTitle')}>
        <ListTable
          query={list}
          empty={t('mistake.empty')}
          minWidth={800}
          headers={[
            t('mistake.caseNumber'),
            t('mistake.partner'),
            t('mistake.handedOverOn'),
            t('mistake.periodEnds'),
            t('mistake.status'),
            t('mistake.answer'),
          ]}
        >
          {() =>
            list.data?.map((m) => (
              <Table.Tr key={m._id} data-testid={`mistake-${m._id}`}>
                <Table.Td>
                  <Anchor
                    component="button"
                    type="button"
                    ff="monospace"
                    onClick={() => setOpen(m._id)}
                    aria-label={t('mistake.open', { caseNumber: m._id })}
                  >
                    {m._id}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {m.partnerCode} · {m.partnerReference}
                </Table.Td>
                <Table.Td>{formatDate(m.handedOverOn, lng)}</Table.Td>
                <Table.Td>{formatDate(m.period.dueDate, lng)}</Table.Td>
                <Table.Td>
                  <Badge variant="light">{t(`mistakeStatus.${m.status}`)}</Badge>
                </Table.Td>
                <Table.Td>{m.answer ? formatDateTime(m.answer.receivedAt, lng) : t('mistake.noAnswer')}</Table.Td>
              </Table.Tr>
            ))
          }
        </ListTable>
      </Section>
      {open && <MistakeReturnDetail caseNumber={open} />}
    </Stack>
  );
}

function MistakeReturnDetail({ caseNumber }: { caseNumber: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const one = useQuery({
    queryKey: ['mistake-return', caseNumber],
    queryFn: async () =>
      read<MistakeReturn>(await transfer.GET('/mistake-returns/{caseNumber}', { params: { path: { caseNumber } } } as never)),
  });
  const m = one.data;
  return (
    <Section title={t('mistake.detailTitle', { caseNumber })}>
      <ErrorNotice error={one.error} />
      {!m ? (
        <Loading />
      ) : (
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <Facts
            items={[
              [t('mistake.partner'), `${m.partnerCode} · ${m.partnerReference} · ${m.agreement}`],
              [t('mistake.handedOverOn'), formatDate(m.handedOverOn, lng)],
              [t('mistake.period'), <RuleWords key="rule" rule={m.period.rule} />],
              [t('mistake.periodEnds'), formatDate(m.period.dueDate, lng)],
              [t('mistake.status'), t(`mistakeStatus.${m.status}`)],
              [t('mistake.grounds'), m.grounds ?? '—'],
            ]}
          />
          <Facts
            items={[
              [t('mistake.evidence'), (m.evidence ?? []).map((e) => `${e.kind}: ${e.description}`).join('; ') || '—'],
              [
                t('mistake.answer'),
                m.answer
                  ? `${t(`mistakeStatus.${m.answer.answer}`)} · ${formatDateTime(m.answer.receivedAt, lng)}${m.answer.grounds ? ` · ${m.answer.grounds}` : ''}`
                  : t('mistake.noAnswer'),
              ],
              [
                t('mistake.returnAt'),
                m.return
                  ? `${t(`mistakeStatus.${m.return.outcome}`)} · ${m.return.borderCrossingPoint} · ${formatDateTime(m.return.recordedAt, lng)}`
                  : '—',
              ],
            ]}
          />
        </SimpleGrid>
      )}
    </Section>
  );
}
