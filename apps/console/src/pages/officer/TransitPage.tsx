import { Alert, Anchor, Badge, Button, Group, Radio, Select, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Controller, UseFormReturn, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { read, transfer } from '../../api/client';
import type { Transit } from '../../api/procedures';
import { RuleWords } from '../../components/RuleWords';
import { Facts, Section } from '../../components/Section';
import { Empty, ErrorNotice, Loading, StatusBadge } from '../../components/common';
import { articleOf } from '../../lib/rule-text';
import { formatDate, formatDateTime } from '../../lib/time';
import { useAction } from '../../lib/use-action';
import { replyOverdue } from './TransitsPage';

type Path = { params: { path: { partnerCode: string; transitReference: string } } };

/** One transit request: the request, the reply time limit, the decision (consent, or refusal on a ground with its article), a revocation, the border's records. */
export function TransitPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const { partnerCode = '', transitReference = '' } = useParams();
  const path: Path = { params: { path: { partnerCode, transitReference } } };
  const found = useQuery({
    queryKey: ['transit', partnerCode, transitReference],
    queryFn: async () => read<Transit>(await transfer.GET('/transits/{partnerCode}/{transitReference}', path as never)),
  });
  const tr = found.data;
  const title = t('transit.detailTitle', { reference: transitReference, partner: partnerCode });
  if (found.isLoading) return <Loading />;
  if (!tr)
    return (
      <Stack>
        <Title order={2}>{title}</Title>
        <ErrorNotice error={found.error} />
      </Stack>
    );
  const r = tr.request;
  const grounds = tr.transitRules.refusalGrounds;
  return (
    <Stack>
      <Anchor component={Link} to="/officer/transits" size="sm">
        {t('transit.back')}
      </Anchor>
      <Group>
        <Title order={2}>{title}</Title>
        <Badge size="lg" variant="light">
          {t(`transitStatus.${tr.status}`)}
        </Badge>
        {replyOverdue(tr) && (
          <Badge size="lg" color="red" variant="filled" autoContrast>
            {t('transit.overdue')}
          </Badge>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Section title={t('transit.request')}>
          <Facts
            items={[
              [t('transit.person'), `${r.person.surname}, ${r.person.givenNames}`],
              [t('transit.dateOfBirth'), formatDate(r.person.dateOfBirth, lng)],
              [t('transit.nationality'), r.person.nationality],
              [t('transit.transitType'), t(`transport.${r.transitType}`)],
              [t('transit.route'), [tr.partnerCode, 'AZ', ...r.otherTransitStates, r.finalDestination].join(' → ')],
              [t('transit.otherStates'), r.otherTransitStates.length ? r.otherTransitStates.join(', ') : t('transit.none')],
              [t('transit.finalDestination'), r.finalDestination],
              [t('transit.pointOfEntry'), tr.pointOfEntry],
              [t('transit.transferAt'), formatDateTime(tr.transferAt, lng)],
              [
                t('transit.transport'),
                r.transport
                  ? [t(`transport.${r.transport.mode}`), r.transport.carrier, r.transport.flightNumber].filter(Boolean).join(' · ')
                  : '—',
              ],
              [t('transit.escorts'), r.escorts.map((e) => `${e.surname}, ${e.givenNames} (${e.role})`).join('; ')],
              [t('transit.authority'), r.requestingAuthority.name],
            ]}
          />
        </Section>
        <Section title={t('transit.replyDueBy')}>
          <Facts
            items={[
              [t('transit.agreement'), `${tr.agreement} · ${tr.rulebookVersion}`],
              [t('transit.receivedAt'), formatDateTime(tr.receivedAt, lng)],
              [t('transit.replyDueBy'), formatDateTime(tr.replyDueBy, lng)],
              [t('transit.replyRule'), <RuleWords key="reply" rule={tr.replyRule} />],
              [
                t('transit.consentRule'),
                <Group key="consent" gap="xs">
                  <Text span size="sm">
                    {tr.transitRules.consentValidity.value} {t(`ruleText.unit.${tr.transitRules.consentValidity.unit ?? 'calendar-days'}`)}{' '}
                    · {articleOf(tr.transitRules.consentValidity.source)}
                  </Text>
                  <StatusBadge status={tr.transitRules.consentValidity.status} />
                </Group>,
              ],
            ]}
          />
          {tr.decision && (
            <Alert color={tr.decision.decision === 'consented' ? 'green' : 'red'} data-testid="transit-decision">
              <Stack gap={4}>
                <Text fw={600}>
                  {tr.decision.decision === 'consented'
                    ? t('transit.consentedUntil', { until: formatDateTime(tr.decision.consentValidUntil, lng) })
                    : t('transit.refusedOn', { ground: t(`transitGround.${tr.decision.refusalGround}`) })}
                </Text>
                {tr.decision.grounds && <Text size="sm">{tr.decision.grounds}</Text>}
                {tr.decision.refusalGround && (
                  <Text size="sm">
                    {t('transit.article')}: {articleOf(grounds.source)}
                  </Text>
                )}
                <Text size="sm">
                  {t('transit.decidedBy')}: {tr.decision.by} · {formatDateTime(tr.decision.decidedAt, lng)}
                </Text>
              </Stack>
            </Alert>
          )}
          {tr.revocation && (
            <Alert color="orange" data-testid="transit-revocation">
              {t('transit.revoked', { ground: t(`transitGround.${tr.revocation.ground}`), grounds: tr.revocation.grounds })} ·{' '}
              {formatDateTime(tr.revocation.at, lng)}
            </Alert>
          )}
        </Section>
      </SimpleGrid>
      {tr.status === 'requested' && <DecideTransit tr={tr} path={path} />}
      {tr.status === 'consented' && <RevokeConsent tr={tr} path={path} />}
      <Section title={t('transit.borderTitle')}>
        {tr.border.length === 0 ? (
          <Empty>{t('transit.noBorder')}</Empty>
        ) : (
          <Table>
            <Table.Tbody>
              {tr.border.map((b, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{t(`transitBorder.${b.event}`)}</Table.Td>
                  <Table.Td>{b.crossingPoint}</Table.Td>
                  <Table.Td>{formatDateTime(b.at, lng)}</Table.Td>
                  <Table.Td>{b.by}</Table.Td>
                  <Table.Td>{b.note ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
      {['consented', 'entered', 'left'].includes(tr.status) && (
        <Anchor component={Link} to={`/officer/costs?kind=transit&reference=${encodeURIComponent(tr._id)}`}>
          {t('transit.costs')}
        </Anchor>
      )}
    </Stack>
  );
}

/** What the officer writes for a refusal or a revocation: the ground (by the agreement) and the words sent to the partner. */
interface GroundDraft {
  decision: 'consent' | 'refuse';
  ground: string;
  grounds: string;
}

/** A ground the agreement allows (each in words), the article that allows them, and the written grounds. */
function GroundFields({ tr, form, wordsLabel }: { tr: Transit; form: UseFormReturn<GroundDraft>; wordsLabel: string }) {
  const { t } = useTranslation();
  const grounds = tr.transitRules.refusalGrounds;
  const { errors } = form.formState;
  return (
    <>
      <Controller
        name="ground"
        control={form.control}
        rules={{ required: true }}
        render={({ field }) => (
          <Select
            label={t('transit.ground')}
            required
            data={grounds.value.map((g) => ({ value: g, label: t(`transitGround.${g}`) }))}
            value={field.value || null}
            onChange={(v) => field.onChange(v ?? '')}
            error={errors.ground && t('transit.ground')}
          />
        )}
      />
      <Group gap="xs">
        <Text size="sm" fw={600}>
          {t('transit.article')}:
        </Text>
        <Text size="sm" data-testid="transit-article">
          {tr.agreement} · {articleOf(grounds.source)}
        </Text>
        <StatusBadge status={grounds.status} />
      </Group>
      <Textarea
        label={wordsLabel}
        required
        autosize
        minRows={2}
        error={errors.grounds && t('transit.groundsRequired', { min: 3 })}
        {...form.register('grounds', { validate: (v) => v.trim().length >= 3 })}
      />
    </>
  );
}

const NO_GROUND: GroundDraft = { decision: 'consent', ground: '', grounds: '' };

function DecideTransit({ tr, path }: { tr: Transit; path: Path }) {
  const { t } = useTranslation();
  const form = useForm<GroundDraft>({ defaultValues: NO_GROUND });
  const decide = useAction(async (body: { decision: string; refusalGround?: string; grounds?: string }) =>
    read(await transfer.POST('/transits/{partnerCode}/{transitReference}/decision', { ...path, body } as never)),
  );
  const refusing = form.watch('decision') === 'refuse';
  return (
    <Section title={t('transit.decisionTitle')}>
      <form
        aria-label={t('transit.decisionTitle')}
        onSubmit={form.handleSubmit((v) =>
          decide.mutate(
            v.decision === 'consent' ? { decision: 'consent' } : { decision: 'refuse', refusalGround: v.ground, grounds: v.grounds },
          ),
        )}
      >
        <Stack>
          <Controller
            name="decision"
            control={form.control}
            render={({ field }) => (
              <Radio.Group label={t('transit.decision')} value={field.value} onChange={field.onChange}>
                <Group mt="xs">
                  <Radio value="consent" label={t('transit.consent')} />
                  <Radio value="refuse" label={t('transit.refuse')} />
                </Group>
              </Radio.Group>
            )}
          />
          {refusing && <GroundFields tr={tr} form={form} wordsLabel={t('transit.grounds')} />}
          <Group>
            <Button type="submit" color={refusing ? 'red.9' : undefined} loading={decide.isPending}>
              {t('transit.submitDecision')}
            </Button>
          </Group>
        </Stack>
      </form>
      <ErrorNotice error={decide.error} />
      {decide.isSuccess && (
        <Alert color="green" role="status">
          {t('transit.decided')}
        </Alert>
      )}
    </Section>
  );
}

function RevokeConsent({ tr, path }: { tr: Transit; path: Path }) {
  const { t } = useTranslation();
  const form = useForm<GroundDraft>({ defaultValues: NO_GROUND });
  const revoke = useAction(async (body: { ground: string; grounds: string }) =>
    read(await transfer.POST('/transits/{partnerCode}/{transitReference}/revocation', { ...path, body } as never)),
  );
  return (
    <Section title={t('transit.revokeTitle')}>
      <Text size="sm">{t('transit.revokeExplain')}</Text>
      <form
        aria-label={t('transit.revokeTitle')}
        onSubmit={form.handleSubmit((v) => revoke.mutate({ ground: v.ground, grounds: v.grounds }))}
      >
        <Stack>
          <GroundFields tr={tr} form={form} wordsLabel={t('transit.revocationReason')} />
          <Group>
            <Button type="submit" color="red.9" loading={revoke.isPending}>
              {t('transit.revoke')}
            </Button>
          </Group>
        </Stack>
      </form>
      <ErrorNotice error={revoke.error} />
    </Section>
  );
}
