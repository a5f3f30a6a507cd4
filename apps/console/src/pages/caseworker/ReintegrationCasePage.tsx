import { Button, Checkbox, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Timeline, Title } from '@mantine/core';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { read, reintegration } from '../../api/client';
import type { components } from '../../api/generated/reintegration';
import { ReferralBody, ReintegrationCase } from '../../api/types';
import { CaseHeader } from '../../components/CaseHeader';
import { Empty, ErrorNotice, Loading, StatusBadge } from '../../components/common';
import { Facts, Section } from '../../components/Section';
import { useDraftForm } from '../../lib/draft-form';
import { formatDate, formatDateTime } from '../../lib/time';
import { useAction } from '../../lib/use-action';
import { useRequiredSession } from '../../session/session';

type S = components['schemas'];
type Body<K extends keyof S> = S[K] & Record<string, unknown>;
const NEED_AREAS = [
  'housing',
  'employment-skills',
  'vocational-training',
  'health',
  'psychosocial',
  'documents',
  'children-education',
  'financial',
];
const NEED_LEVELS = ['none', 'low', 'medium', 'high', 'urgent'];
const SERVICE_STATUSES = ['planned', 'in-progress', 'delivered', 'cancelled'];
const REFERRAL_STATUSES = ['sent', 'accepted', 'in-progress', 'done', 'declined'];
const FINAL = ['done', 'declined'];
const OUTCOMES = [
  'sustainably-reintegrated',
  'partially-reintegrated',
  're-migrated',
  'lost-contact',
  'declined-support',
  'deceased',
  'other',
];
const SCALE = ['1', '2', '3', '4', '5'];
const path = (caseNumber: string) => ({ params: { path: { caseNumber } } });

export function ReintegrationCasePage() {
  const { caseNumber = '' } = useParams();
  const { t, i18n } = useTranslation();
  const session = useRequiredSession();
  const lng = i18n.language;
  const rc = useQuery({
    queryKey: ['reintegration-case', caseNumber],
    queryFn: async () => read<ReintegrationCase>(await reintegration.GET('/reintegration-cases/{caseNumber}', path(caseNumber))),
  });
  const assign = useAction(async () =>
    reintegration.POST('/reintegration-cases/{caseNumber}/assignment', { ...path(caseNumber), body: {} as unknown as Body<'AssignBody'> }),
  );
  if (rc.isLoading) return <Loading />;
  if (!rc.data) return <ErrorNotice error={rc.error} />;
  const c = rc.data;
  const open = c.status === 'open';
  const events = [
    { at: c.arrivedAt, label: t('timeline.arrived', { point: c.borderCrossingPoint }) },
    ...c.history.map((h) => ({
      at: h.at,
      label: t(`historyEvent.${h.event}`, { defaultValue: h.event }) + (h.by && h.by !== 'system' ? ` · ${h.by}` : ''),
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Stack>
      <CaseHeader
        back="/reintegration"
        backLabel={t('reintegration.back')}
        title={t('case.title', { caseNumber })}
        status={t(`reintegrationStatus.${c.status}`)}
      />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Section title={t('case.summary')}>
          <Facts
            items={[
              [t('person.name'), c.person ? `${c.person.surname}, ${c.person.givenNames}` : '—'],
              [t('person.dateOfBirth'), formatDate(c.person?.dateOfBirth, lng)],
              [t('case.partner'), `${c.partnerCode} · ${c.partnerReference}`],
              [t('reintegration.arrivedAt'), formatDateTime(c.arrivedAt, lng)],
              [t('border.crossingPoint'), c.borderCrossingPoint],
              [t('reintegration.caseWorker'), c.caseWorker ?? t('reintegration.unassigned')],
            ]}
          />
          {open && c.caseWorker !== session.subject && (
            <Group>
              <Button onClick={() => assign.mutate(undefined)} loading={assign.isPending}>
                {t('reintegration.assignToMe')}
              </Button>
            </Group>
          )}
          <ErrorNotice error={assign.error} />
        </Section>
        <Section title={t('reintegration.timeline')}>
          <Timeline active={events.length - 1} bulletSize={14} lineWidth={2}>
            {events.map((e, i) => (
              <Timeline.Item key={i} title={e.label}>
                <Text size="xs" c="dimmed">
                  {formatDateTime(e.at, lng)}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        </Section>
      </SimpleGrid>
      <AssessmentSection c={c} open={open} />
      <PlanSection c={c} open={open} />
      <ReferralsSection c={c} open={open} />
      <FollowUpsSection c={c} open={open} />
      {open && <ClosureSection c={c} />}
    </Stack>
  );
}

function AssessmentSection({ c, open }: { c: ReintegrationCase; open: boolean }) {
  const { t } = useTranslation();
  const current = new Map((c.assessment?.areas ?? []).map((a) => [a.area, a]));
  const { form, forget } = useDraftForm(`${c.caseNumber}.assessment`, {
    areas: NEED_AREAS.map((area) => ({ area, level: current.get(area)?.level ?? 'none', notes: current.get(area)?.notes ?? '' })),
  });
  const save = useAction(async (v: { areas: { area: string; level: string; notes: string }[] }) => {
    await reintegration.POST('/reintegration-cases/{caseNumber}/assessment', {
      ...path(c.caseNumber),
      body: v as unknown as Body<'AssessmentBody'>,
    });
    forget();
  });
  return (
    <Section title={t('reintegration.assessment')}>
      <form onSubmit={form.handleSubmit((v) => save.mutate(v))} noValidate>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('reintegration.area')}</Table.Th>
              <Table.Th scope="col">{t('reintegration.level')}</Table.Th>
              <Table.Th scope="col">{t('reintegration.notes')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {NEED_AREAS.map((area, i) => (
              <Table.Tr key={area}>
                <Table.Th scope="row">{t(`needArea.${area}`)}</Table.Th>
                <Table.Td>
                  <Controller
                    control={form.control}
                    name={`areas.${i}.level`}
                    render={({ field }) => (
                      <Select
                        aria-label={`${t(`needArea.${area}`)}: ${t('reintegration.level')}`}
                        disabled={!open}
                        allowDeselect={false}
                        data={NEED_LEVELS.map((l) => ({ value: l, label: t(`needLevel.${l}`) }))}
                        {...field}
                      />
                    )}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`${t(`needArea.${area}`)}: ${t('reintegration.notes')}`}
                    disabled={!open}
                    {...form.register(`areas.${i}.notes`)}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <ErrorNotice error={save.error} />
        {open && (
          <Group justify="flex-end" mt="sm">
            <Button type="submit" loading={save.isPending}>
              {t('reintegration.saveAssessment')}
            </Button>
          </Group>
        )}
      </form>
    </Section>
  );
}

function PlanSection({ c, open }: { c: ReintegrationCase; open: boolean }) {
  const { t } = useTranslation();
  const { form, discard } = useDraftForm(`${c.caseNumber}.plan`, { service: '', area: 'employment-skills', provider: '', budgetLine: '' });
  const add = useAction(async (v: { service: string; area: string; provider: string; budgetLine: string }) => {
    await reintegration.POST('/reintegration-cases/{caseNumber}/plan/services', {
      ...path(c.caseNumber),
      body: {
        service: v.service.trim(),
        area: v.area,
        provider: v.provider.trim(),
        ...(v.budgetLine.trim() ? { budgetLine: v.budgetLine.trim() } : {}),
      } as unknown as Body<'PlanServiceBody'>,
    });
    discard();
  });
  const update = useAction(async (v: { id: string; status: string }) =>
    reintegration.PATCH('/reintegration-cases/{caseNumber}/plan/services/{id}', {
      params: { path: { caseNumber: c.caseNumber, id: v.id } },
      body: { status: v.status } as unknown as Body<'PlanServiceUpdateBody'>,
    }),
  );
  return (
    <Section title={t('reintegration.plan')}>
      <ErrorNotice error={update.error} />
      {c.plan.length === 0 ? (
        <Empty>{t('reintegration.noPlan')}</Empty>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('reintegration.service')}</Table.Th>
              <Table.Th scope="col">{t('reintegration.area')}</Table.Th>
              <Table.Th scope="col">{t('reintegration.provider')}</Table.Th>
              <Table.Th scope="col">{t('reintegration.budgetLine')}</Table.Th>
              <Table.Th scope="col">{t('case.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {c.plan.map((p, i) => {
              const id = p.id ?? p._id ?? String(i);
              return (
                <Table.Tr key={id}>
                  <Table.Td>{p.service}</Table.Td>
                  <Table.Td>{p.area ? t(`needArea.${p.area}`) : '—'}</Table.Td>
                  <Table.Td>{p.provider}</Table.Td>
                  <Table.Td>{p.budgetLine ?? '—'}</Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={`${p.service}: ${t('case.status')}`}
                      disabled={!open}
                      allowDeselect={false}
                      data={SERVICE_STATUSES.map((s) => ({ value: s, label: t(`serviceStatus.${s}`) }))}
                      value={p.status}
                      onChange={(s) => s && update.mutate({ id, status: s })}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {open && !c.assessment && <Text size="sm">{t('reintegration.assessFirst')}</Text>}
      {open && c.assessment && (
        <form onSubmit={form.handleSubmit((v) => add.mutate(v))} noValidate aria-labelledby="plan-title">
          <Stack gap="sm">
            <Title order={3} size="h5" id="plan-title">
              {t('reintegration.addService')}
            </Title>
            <SimpleGrid cols={{ base: 1, md: 4 }}>
              <TextInput
                label={t('reintegration.service')}
                withAsterisk
                error={form.formState.errors.service && t('reintegration.required')}
                {...form.register('service', { validate: (v) => v.trim().length > 0 })}
              />
              <Controller
                control={form.control}
                name="area"
                render={({ field }) => (
                  <Select
                    label={t('reintegration.area')}
                    allowDeselect={false}
                    data={NEED_AREAS.map((a) => ({ value: a, label: t(`needArea.${a}`) }))}
                    {...field}
                  />
                )}
              />
              <TextInput
                label={t('reintegration.provider')}
                withAsterisk
                error={form.formState.errors.provider && t('reintegration.required')}
                {...form.register('provider', { validate: (v) => v.trim().length > 0 })}
              />
              <TextInput label={t('reintegration.budgetLine')} {...form.register('budgetLine')} />
            </SimpleGrid>
            <ErrorNotice error={add.error} />
            <Group justify="flex-end">
              <Button type="submit" loading={add.isPending}>
                {t('reintegration.addService')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Section>
  );
}

function ReferralsSection({ c, open }: { c: ReintegrationCase; open: boolean }) {
  const { t, i18n } = useTranslation();
  const session = useRequiredSession();
  const bodies = useQuery({
    queryKey: ['referral-bodies'],
    queryFn: async () => read<{ version: string; bodies: ReferralBody[] }>(await reintegration.GET('/referral-bodies')),
  });
  const consented = new Map(c.consents.map((x) => [x.bodyCode, x.given]));
  const [outcomes, setOutcomes] = useState<Record<string, string>>({});
  const { form, discard } = useDraftForm(`${c.caseNumber}.referral`, {
    bodyCode: '',
    purpose: '',
    owner: session.name,
    withoutPersonalData: false,
  });
  const body = form.watch('bodyCode');
  const consent = useAction(async (v: { bodyCode: string; given: boolean }) =>
    reintegration.POST('/reintegration-cases/{caseNumber}/consents', { ...path(c.caseNumber), body: v as unknown as Body<'ConsentBody'> }),
  );
  const refer = useAction(async (v: { bodyCode: string; purpose: string; owner: string; withoutPersonalData: boolean }) => {
    await reintegration.POST('/reintegration-cases/{caseNumber}/referrals', {
      ...path(c.caseNumber),
      body: {
        bodyCode: v.bodyCode,
        purpose: v.purpose.trim(),
        owner: v.owner.trim() || undefined,
        ...(v.withoutPersonalData ? { withoutPersonalData: true } : {}),
      } as unknown as Body<'ReferralBody'>,
    });
    discard();
  });
  const update = useAction(async (v: { id: string; status: string; outcome?: string }) =>
    reintegration.PATCH('/reintegration-cases/{caseNumber}/referrals/{id}', {
      params: { path: { caseNumber: c.caseNumber, id: v.id } },
      body: { status: v.status, ...(v.outcome ? { outcome: v.outcome } : {}) } as unknown as Body<'ReferralUpdateBody'>,
    }),
  );
  return (
    <Section title={t('reintegration.referrals')}>
      <ErrorNotice error={bodies.error ?? consent.error ?? update.error} />
      {c.referrals.length === 0 ? (
        <Empty>{t('reintegration.noReferrals')}</Empty>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('reintegration.body')}</Table.Th>
                <Table.Th scope="col">{t('reintegration.owner')}</Table.Th>
                <Table.Th scope="col">{t('reintegration.due')}</Table.Th>
                <Table.Th scope="col">{t('reintegration.personalData')}</Table.Th>
                <Table.Th scope="col">{t('case.status')}</Table.Th>
                <Table.Th scope="col">{t('reintegration.outcome')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.referrals.map((r) => (
                <Table.Tr key={r._id}>
                  <Table.Td>
                    {r.bodyName}
                    <Text size="xs" c="dimmed">
                      {r.purpose}
                    </Text>
                  </Table.Td>
                  <Table.Td>{r.owner}</Table.Td>
                  <Table.Td>{formatDate(r.dueOn, i18n.language)}</Table.Td>
                  <Table.Td>{r.shared?.personalData ? t('common.yes') : t('common.no')}</Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={`${r.bodyName}: ${t('case.status')}`}
                      disabled={!open}
                      allowDeselect={false}
                      data={REFERRAL_STATUSES.map((s) => ({ value: s, label: t(`referralStatus.${s}`) }))}
                      value={r.status}
                      onChange={(s) =>
                        s &&
                        update.mutate({
                          id: r._id,
                          status: s,
                          ...(FINAL.includes(s) && outcomes[r._id]?.trim() ? { outcome: outcomes[r._id].trim() } : {}),
                        })
                      }
                    />
                  </Table.Td>
                  <Table.Td>
                    {/* The outcome is recorded with the final status (done or declined): a status is set once. */}
                    <TextInput
                      aria-label={`${r.bodyName}: ${t('reintegration.outcome')}`}
                      description={FINAL.includes(r.status) ? undefined : t('reintegration.outcomeWithFinal')}
                      disabled={!open || FINAL.includes(r.status)}
                      value={FINAL.includes(r.status) ? (r.outcome ?? '') : (outcomes[r._id] ?? '')}
                      onChange={(e) => setOutcomes({ ...outcomes, [r._id]: e.currentTarget.value })}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {open && (
        <form onSubmit={form.handleSubmit((v) => refer.mutate(v))} noValidate aria-labelledby="refer-title">
          <Stack gap="sm">
            <Title order={3} size="h5" id="refer-title">
              {t('reintegration.newReferral')}
            </Title>
            <SimpleGrid cols={{ base: 1, md: 3 }}>
              <Controller
                control={form.control}
                name="bodyCode"
                rules={{ required: true }}
                render={({ field, fieldState }) => (
                  <Select
                    label={t('reintegration.body')}
                    withAsterisk
                    searchable
                    error={fieldState.error && t('reintegration.bodyRequired')}
                    data={(bodies.data?.bodies ?? []).map((b) => ({
                      value: b.code,
                      label: `${b.name} (${t('reintegration.deadline', { value: b.deadline.value, unit: t(`unit.${b.deadline.unit}`) })})`,
                    }))}
                    {...field}
                  />
                )}
              />
              <TextInput
                label={t('reintegration.purpose')}
                withAsterisk
                error={form.formState.errors.purpose && t('actions.reasonRequired', { min: 3 })}
                {...form.register('purpose', { validate: (v) => v.trim().length >= 3 })}
              />
              <TextInput label={t('reintegration.owner')} {...form.register('owner')} />
            </SimpleGrid>
            {body && (
              <Group>
                <Text size="sm" role="status">
                  {consented.get(body) === true
                    ? t('reintegration.consentGiven')
                    : consented.get(body) === false
                      ? t('reintegration.consentWithdrawn')
                      : t('reintegration.consentMissing')}
                </Text>
                {consented.get(body) !== true && (
                  <Button
                    size="xs"
                    variant="outline"
                    onClick={() => consent.mutate({ bodyCode: body, given: true })}
                    loading={consent.isPending}
                  >
                    {t('reintegration.recordConsent')}
                  </Button>
                )}
                {consented.get(body) === true && (
                  <Button size="xs" variant="subtle" color="red.9" onClick={() => consent.mutate({ bodyCode: body, given: false })}>
                    {t('reintegration.withdrawConsent')}
                  </Button>
                )}
              </Group>
            )}
            {body && consented.get(body) !== true && (
              <Checkbox label={t('reintegration.withoutPersonalData')} {...form.register('withoutPersonalData')} />
            )}
            <ErrorNotice error={refer.error} />
            <Group justify="flex-end">
              <Button type="submit" loading={refer.isPending}>
                {t('reintegration.refer')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {bodies.data && (
        <details>
          <summary>{t('reintegration.bodiesVersion', { version: bodies.data.version })}</summary>
          <Table>
            <Table.Tbody>
              {bodies.data.bodies.map((b) => (
                <Table.Tr key={b.code}>
                  <Table.Td>{b.name}</Table.Td>
                  <Table.Td>{t('reintegration.deadline', { value: b.deadline.value, unit: t(`unit.${b.deadline.unit}`) })}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={b.deadline.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </details>
      )}
    </Section>
  );
}

function FollowUpsSection({ c, open }: { c: ReintegrationCase; open: boolean }) {
  const { t, i18n } = useTranslation();
  const next = c.followUps.find((f) => !f.recordedAt);
  const { form, discard } = useDraftForm(`${c.caseNumber}.follow-up`, {
    incomeSource: 'irregular',
    employment: 'informal',
    financialSituation: '3',
    housing: 'stable',
    accessToServices: '3',
    socialNetwork: '3',
    feelsSafe: '3',
    wellbeing: '3',
    intentionToReMigrate: 'none',
    notes: '',
  });
  const record = useAction(async (v: Record<string, string>) => {
    if (!next) return;
    const { notes, ...raw } = v;
    const indicators = Object.fromEntries(Object.entries(raw).map(([k, x]) => [k, /^\d$/.test(x) ? Number(x) : x]));
    await reintegration.POST('/reintegration-cases/{caseNumber}/follow-ups/{month}', {
      params: { path: { caseNumber: c.caseNumber, month: next.month } },
      body: { indicators, ...(notes.trim() ? { notes: notes.trim() } : {}) } as unknown as Body<'FollowUpBody'>,
    });
    discard();
  });
  const choice = (name: string, options: string[], prefix: string) => (
    <Controller
      key={name}
      control={form.control}
      name={name as never}
      render={({ field }) => (
        <Select
          label={t(`indicator.${name}`)}
          allowDeselect={false}
          data={options.map((o) => ({ value: o, label: t(`${prefix}.${o}`) }))}
          {...field}
        />
      )}
    />
  );
  const score = (s: unknown) =>
    typeof s === 'number'
      ? s
      : ((s as { score?: number; total?: number; value?: number })?.score ??
        (s as { total?: number })?.total ??
        (s as { value?: number })?.value ??
        '—');
  return (
    <Section title={t('reintegration.followUps')}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('reintegration.month')}</Table.Th>
            <Table.Th scope="col">{t('reintegration.scheduledOn')}</Table.Th>
            <Table.Th scope="col">{t('reintegration.due')}</Table.Th>
            <Table.Th scope="col">{t('reintegration.recordedAt')}</Table.Th>
            <Table.Th scope="col">{t('reintegration.score')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {c.followUps.map((f) => (
            <Table.Tr key={f._id}>
              <Table.Td>{t('reintegration.months', { count: f.month })}</Table.Td>
              <Table.Td>{formatDate(f.scheduledOn, i18n.language)}</Table.Td>
              <Table.Td>{formatDateTime(f.dueBy, i18n.language)}</Table.Td>
              <Table.Td>{formatDateTime(f.recordedAt, i18n.language)}</Table.Td>
              <Table.Td>{f.recordedAt ? score(f.score) : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {open && next && (
        <form onSubmit={form.handleSubmit((v) => record.mutate(v as Record<string, string>))} noValidate aria-labelledby="follow-up-title">
          <Stack gap="sm">
            <Title order={3} size="h5" id="follow-up-title">
              {t('reintegration.recordFollowUp', { count: next.month })}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
              {choice('incomeSource', ['none', 'irregular', 'regular'], 'incomeSource')}
              {choice('employment', ['unemployed', 'informal', 'employed', 'self-employed'], 'employment')}
              {choice('housing', ['none', 'temporary', 'stable'], 'housing')}
              {choice('intentionToReMigrate', ['planning', 'considering', 'none'], 'remigration')}
              {['financialSituation', 'accessToServices', 'socialNetwork', 'feelsSafe', 'wellbeing'].map((n) => choice(n, SCALE, 'scale'))}
            </SimpleGrid>
            <Textarea label={t('reintegration.notes')} {...form.register('notes')} />
            <ErrorNotice error={record.error} />
            <Group justify="flex-end">
              <Button type="submit" loading={record.isPending}>
                {t('reintegration.saveFollowUp')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Section>
  );
}

function ClosureSection({ c }: { c: ReintegrationCase }) {
  const { t } = useTranslation();
  const { form, discard } = useDraftForm(`${c.caseNumber}.closure`, { outcome: 'sustainably-reintegrated', reason: '', confirm: false });
  const close = useAction(async (v: { outcome: string; reason: string }) => {
    await reintegration.POST('/reintegration-cases/{caseNumber}/closure', {
      ...path(c.caseNumber),
      body: { outcome: v.outcome, reason: v.reason.trim() } as unknown as Body<'CloseBody'>,
    });
    discard();
  });
  return (
    <Section title={t('reintegration.closure')}>
      <form onSubmit={form.handleSubmit((v) => close.mutate(v))} noValidate>
        <Stack gap="sm">
          <Controller
            control={form.control}
            name="outcome"
            render={({ field }) => (
              <Select
                label={t('reintegration.outcome')}
                allowDeselect={false}
                data={OUTCOMES.map((o) => ({ value: o, label: t(`caseOutcome.${o}`) }))}
                {...field}
              />
            )}
          />
          <Textarea
            label={t('actions.reason')}
            withAsterisk
            error={form.formState.errors.reason && t('actions.reasonRequired', { min: 3 })}
            {...form.register('reason', { validate: (v) => v.trim().length >= 3 })}
          />
          <Checkbox
            label={t('reintegration.confirmClosure')}
            error={form.formState.errors.confirm && t('reintegration.confirmRequired')}
            {...form.register('confirm', { validate: (v) => v === true })}
          />
          <ErrorNotice error={close.error} />
          <Group justify="flex-end">
            <Button type="submit" color="red.9" loading={close.isPending}>
              {t('reintegration.close')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
