import { Alert, Badge, Button, Checkbox, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiError, intake, read, withQuery } from '../../api/client';
import { ProblemWords } from '../../components/RuleWords';
import { ListTable } from '../../components/ListTable';
import { Section } from '../../components/Section';
import { ErrorNotice } from '../../components/common';
import { articleOf } from '../../lib/rule-text';
import { formatDateTime } from '../../lib/time';

const PARTNERS = ['DE', 'AT', 'FR', 'NL', 'NO', 'CH', 'ME'];
const EVIDENCE_TYPES = [
  'passport',
  'identity-card',
  'driving-licence',
  'birth-certificate',
  'visa',
  'residence-permit',
  'entry-exit-stamp',
  'travel-ticket',
  'hotel-bill',
];

interface Draft {
  partner: string;
  procedure: 'normal' | 'accelerated';
  category: 'national' | 'third-country-national' | 'stateless';
  knowledgeDate: string;
  surname: string;
  givenNames: string;
  sex: 'male' | 'female' | 'unknown';
  dateOfBirth: string;
  nationality: string;
  evidence: EvidenceDraft[];
  family: FamilyDraft[];
  apprehensionAt: string;
  apprehensionPlace: string;
  nearBorder: boolean;
  interviewRequested: boolean;
}

interface EvidenceDraft {
  type: string;
  form: 'original' | 'copy';
  number: string;
  issuingCountry: string;
  issuedOn: string;
  expiresOn: string;
}

interface FamilyDraft {
  relation: 'spouse' | 'child';
  surname: string;
  givenNames: string;
  sex: 'male' | 'female' | 'unknown';
  dateOfBirth: string;
  nationality: string;
}

const NEW_EVIDENCE: EvidenceDraft = { type: 'passport', form: 'original', number: '', issuingCountry: '', issuedOn: '', expiresOn: '' };
const NEW_FAMILY: FamilyDraft = { relation: 'child', surname: '', givenNames: '', sex: 'unknown', dateOfBirth: '', nationality: '' };
const given = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '')) as Partial<T>;

/** One reason the platform refuses to send: the field, the rule in words and the article (from the rulebook). */
interface Problem {
  field: string;
  code: string;
  message: string;
  article: string;
}

interface RequestSummary {
  _id: string;
  partnerCode: string;
  agreement: string;
  status: string;
  sentAt: string;
  replyDueBy?: string;
  alertsRaised?: number[];
  decision?: { decision: string; deemed: boolean; grounds?: string };
  transferDueBy?: string;
}

/** The body of POST /outgoing-requests(/check): the application as the partner will receive it. */
function body(d: Draft) {
  return {
    partner: d.partner,
    requestingAuthority: { name: 'State Migration Service of the Republic of Azerbaijan' },
    procedure: d.procedure,
    category: d.category,
    ...(d.category !== 'national' && d.knowledgeDate ? { knowledgeDate: d.knowledgeDate } : {}),
    person: { surname: d.surname, givenNames: d.givenNames, sex: d.sex, dateOfBirth: d.dateOfBirth, nationality: d.nationality },
    evidence: d.evidence.filter((e) => e.type).map((e) => given({ ...e })),
    ...(d.family.length ? { family: d.family.map((f) => given({ ...f })) } : {}),
    ...(d.procedure === 'accelerated' || d.apprehensionAt
      ? { apprehension: { at: d.apprehensionAt, place: d.apprehensionPlace, nearBorder: d.nearBorder } }
      : {}),
    interviewRequested: d.interviewRequested,
  };
}

/** What the platform refused, by field, rule (in the interface's language, by its code) and article. */
function Problems({ problems, title }: { problems: Problem[]; title: string }) {
  const { t } = useTranslation();
  return (
    <Stack mt="sm" role="alert" aria-label={title}>
      <Text fw={600}>{title}</Text>
      <Table data-testid="request-problems">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('outgoing.field')}</Table.Th>
            <Table.Th scope="col">{t('outgoing.rule')}</Table.Th>
            <Table.Th scope="col">{t('outgoing.article')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {problems.map((p, i) => (
            <Table.Tr key={i}>
              <Table.Td ff="monospace">{p.field}</Table.Td>
              <Table.Td>
                <ProblemWords problem={p} />
              </Table.Td>
              <Table.Td>{p.article.split('; ').map(articleOf).join('; ')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

interface Notice {
  plannedDeparture: string;
  plannedArrival: string;
  borderCrossingPoint: string;
  departureCrossingPoint: string;
  mode: 'air' | 'land' | 'sea';
}

/** The advance notice of the transfer of a person the partner accepted (POST /outgoing-requests/:n/transfer-notice). */
function TransferNoticeForm({ requestNumber, onDone }: { requestNumber: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [problems, setProblems] = useState<Problem[] | undefined>();
  const { register, handleSubmit, control } = useForm<Notice>({
    defaultValues: { plannedDeparture: '', plannedArrival: '', borderCrossingPoint: '', departureCrossingPoint: 'GYD', mode: 'air' },
  });
  const notify = useMutation({
    mutationFn: async (n: Notice) =>
      read<{ transferReference: string }>(
        await intake.POST(`/outgoing-requests/{requestNumber}/transfer-notice`, {
          params: { path: { requestNumber } },
          body: {
            plannedDeparture: n.plannedDeparture,
            plannedArrival: n.plannedArrival,
            borderCrossingPoint: n.borderCrossingPoint,
            departureCrossingPoint: n.departureCrossingPoint,
            transport: { mode: n.mode },
          } as never,
        } as never),
      ),
    onSuccess: () => {
      setProblems(undefined);
      onDone();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 422 && Array.isArray(error.details)) setProblems(error.details as Problem[]);
    },
  });
  const refused = notify.error instanceof ApiError && notify.error.status === 422;
  return (
    <Section title={t('outgoing.noticeTitle', { requestNumber })}>
      <form aria-label={t('outgoing.noticeTitle', { requestNumber })} onSubmit={handleSubmit((n) => notify.mutate(n))}>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('outgoing.plannedDeparture')}
              placeholder="2026-12-21T06:30:00+04:00"
              required
              {...register('plannedDeparture', { required: true })}
            />
            <TextInput
              label={t('outgoing.plannedArrival')}
              placeholder="2026-12-21T09:45:00+01:00"
              required
              {...register('plannedArrival', { required: true })}
            />
            <TextInput label={t('outgoing.partnerCrossingPoint')} required {...register('borderCrossingPoint', { required: true })} />
            <TextInput label={t('outgoing.departureCrossingPoint')} required {...register('departureCrossingPoint', { required: true })} />
            <Controller
              name="mode"
              control={control}
              render={({ field }) => (
                <Select
                  label={t('outgoing.transport')}
                  data={['air', 'land', 'sea'].map((m) => ({ value: m, label: t(`transport.${m}`) }))}
                  value={field.value}
                  onChange={(v) => field.onChange(v ?? 'air')}
                  allowDeselect={false}
                />
              )}
            />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={notify.isPending}>
              {t('outgoing.notify')}
            </Button>
          </Group>
        </Stack>
      </form>
      <ErrorNotice error={refused ? undefined : notify.error} />
      {problems && problems.length > 0 && <Problems problems={problems} title={t('outgoing.noticeProblems')} />}
    </Section>
  );
}

/**
 * Azerbaijan as the requesting state: the officer builds an application to a partner, has it checked against the
 * rulebook (every problem named by field and article) and sends it; below, the applications sent and where each
 * stands (acknowledged, decided, deemed accepted, overdue, transfer notified, handed over).
 */
export function OutgoingPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [problems, setProblems] = useState<Problem[] | undefined>();
  const [sent, setSent] = useState<string | undefined>();
  const [noticeFor, setNoticeFor] = useState<string | undefined>();
  const { register, handleSubmit, control, watch } = useForm<Draft>({
    defaultValues: {
      partner: 'DE',
      procedure: 'normal',
      category: 'national',
      knowledgeDate: '',
      surname: '',
      givenNames: '',
      sex: 'male',
      dateOfBirth: '',
      nationality: 'DE',
      evidence: [{ ...NEW_EVIDENCE, issuingCountry: 'DE' }],
      family: [],
      apprehensionAt: '',
      apprehensionPlace: '',
      nearBorder: true,
      interviewRequested: false,
    },
  });
  const requests = useQuery({
    queryKey: ['outgoing-requests'],
    queryFn: async () => read<RequestSummary[]>(await intake.GET('/outgoing-requests', withQuery({ limit: 50 }))),
  });
  const check = useMutation({
    mutationFn: async (d: Draft) =>
      read<{ ok: boolean; problems?: Problem[] }>(await intake.POST('/outgoing-requests/check', { body: body(d) as never })),
    onSuccess: (result) => {
      setSent(undefined);
      setProblems(result.ok ? [] : (result.problems ?? []));
    },
  });
  const send = useMutation({
    mutationFn: async (d: Draft) => read<{ requestNumber: string }>(await intake.POST('/outgoing-requests', { body: body(d) as never })),
    onSuccess: (result) => {
      setProblems(undefined);
      setSent(result.requestNumber);
      void queryClient.invalidateQueries({ queryKey: ['outgoing-requests'] });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 422 && Array.isArray(error.details)) setProblems(error.details as Problem[]);
    },
  });
  const category = watch('category');
  const procedure = watch('procedure');
  const evidence = useFieldArray({ control, name: 'evidence' });
  const family = useFieldArray({ control, name: 'family' });
  const refused = send.error instanceof ApiError && send.error.status === 422;
  const select = (name: Parameters<typeof register>[0], label: string, data: { value: string; label: string }[]) => (
    <Controller
      name={name}
      control={control}
      render={({ field }) => (
        <Select label={label} data={data} value={String(field.value)} onChange={(v) => field.onChange(v ?? '')} allowDeselect={false} />
      )}
    />
  );

  return (
    <Stack>
      <Title order={2}>{t('outgoing.title')}</Title>
      <Section title={t('outgoing.newTitle')}>
        <form aria-label={t('outgoing.newTitle')} onSubmit={handleSubmit((d) => send.mutate(d))}>
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {select(
                'partner',
                t('outgoing.partner'),
                PARTNERS.map((p) => ({ value: p, label: p })),
              )}
              {select(
                'procedure',
                t('outgoing.procedure'),
                ['normal', 'accelerated'].map((p) => ({ value: p, label: t(`procedure.${p}`) })),
              )}
              {select(
                'category',
                t('outgoing.category'),
                ['national', 'third-country-national', 'stateless'].map((c) => ({ value: c, label: t(`category.${c}`) })),
              )}
              {category !== 'national' && (
                <TextInput label={t('outgoing.knowledgeDate')} placeholder="2026-11-20" {...register('knowledgeDate')} />
              )}
              <TextInput label={t('outgoing.surname')} required {...register('surname', { required: true })} />
              <TextInput label={t('outgoing.givenNames')} required {...register('givenNames', { required: true })} />
              {select(
                'sex',
                t('outgoing.sex'),
                ['male', 'female', 'unknown'].map((s) => ({ value: s, label: t(`sex.${s}`) })),
              )}
              <TextInput
                label={t('outgoing.dateOfBirth')}
                placeholder="1990-02-11"
                required
                {...register('dateOfBirth', { required: true })}
              />
              <TextInput label={t('outgoing.nationality')} description={t('outgoing.countryCode')} {...register('nationality')} />
            </SimpleGrid>
            {evidence.fields.map((field, i) => (
              <fieldset key={field.id} style={{ border: 0, padding: 0, margin: 0 }}>
                <Text component="legend" fw={600} size="sm">
                  {t('outgoingMore.evidenceItem', { n: i + 1 })}
                </Text>
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  {select(
                    `evidence.${i}.type`,
                    `${t('outgoing.evidenceType')} ${i + 1}`,
                    EVIDENCE_TYPES.map((e) => ({ value: e, label: t(`evidenceType.${e}`) })),
                  )}
                  {select(
                    `evidence.${i}.form`,
                    `${t('outgoing.evidenceForm')} ${i + 1}`,
                    ['original', 'copy'].map((f) => ({ value: f, label: t(`evidenceForm.${f}`) })),
                  )}
                  <TextInput label={`${t('outgoing.evidenceNumber')} ${i + 1}`} {...register(`evidence.${i}.number`)} />
                  <TextInput
                    label={`${t('outgoing.issuingCountry')} ${i + 1}`}
                    description={t('outgoing.countryCode')}
                    {...register(`evidence.${i}.issuingCountry`)}
                  />
                  <TextInput label={`${t('outgoingMore.issuedOn')} ${i + 1}`} type="date" {...register(`evidence.${i}.issuedOn`)} />
                  <TextInput label={`${t('outgoingMore.expiresOn')} ${i + 1}`} type="date" {...register(`evidence.${i}.expiresOn`)} />
                </SimpleGrid>
                {evidence.fields.length > 1 && (
                  <Button variant="subtle" size="xs" mt="xs" onClick={() => evidence.remove(i)}>
                    {t('outgoingMore.removeEvidence', { n: i + 1 })}
                  </Button>
                )}
              </fieldset>
            ))}
            <Group>
              <Button variant="default" size="xs" onClick={() => evidence.append({ ...NEW_EVIDENCE })}>
                {t('outgoingMore.addEvidence')}
              </Button>
            </Group>
            <Text fw={600} size="sm">
              {t('outgoingMore.family')}
            </Text>
            {family.fields.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('outgoingMore.noFamily')}
              </Text>
            )}
            {family.fields.map((field, i) => {
              const who = t('outgoingMore.familyMember', { n: i + 1 });
              return (
                <fieldset key={field.id} style={{ border: 0, padding: 0, margin: 0 }}>
                  <Text component="legend" fw={600} size="sm">
                    {who}
                  </Text>
                  <SimpleGrid cols={{ base: 1, sm: 3 }}>
                    {select(
                      `family.${i}.relation`,
                      `${t('outgoingMore.relation')} (${who})`,
                      ['spouse', 'child'].map((r) => ({ value: r, label: t(`relation.${r}`) })),
                    )}
                    <TextInput
                      label={`${t('outgoing.surname')} (${who})`}
                      required
                      {...register(`family.${i}.surname`, { required: true })}
                    />
                    <TextInput
                      label={`${t('outgoing.givenNames')} (${who})`}
                      required
                      {...register(`family.${i}.givenNames`, { required: true })}
                    />
                    {select(
                      `family.${i}.sex`,
                      `${t('outgoing.sex')} (${who})`,
                      ['male', 'female', 'unknown'].map((x) => ({ value: x, label: t(`sex.${x}`) })),
                    )}
                    <TextInput
                      label={`${t('outgoing.dateOfBirth')} (${who})`}
                      placeholder="2015-06-01"
                      required
                      {...register(`family.${i}.dateOfBirth`, { required: true })}
                    />
                    <TextInput
                      label={`${t('outgoing.nationality')} (${who})`}
                      description={t('outgoing.countryCode')}
                      required
                      {...register(`family.${i}.nationality`, { required: true })}
                    />
                  </SimpleGrid>
                  <Button variant="subtle" size="xs" mt="xs" onClick={() => family.remove(i)}>
                    {t('outgoingMore.removeFamily', { n: i + 1 })}
                  </Button>
                </fieldset>
              );
            })}
            <Group>
              <Button variant="default" size="xs" onClick={() => family.append({ ...NEW_FAMILY })}>
                {t('outgoingMore.addFamily')}
              </Button>
            </Group>
            {procedure === 'accelerated' && (
              <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
                <Text component="legend" fw={600} size="sm">
                  {t('outgoingMore.apprehension')}
                </Text>
                <Text size="sm" c="dimmed">
                  {t('outgoingMore.apprehensionExplain')}
                </Text>
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  <TextInput
                    label={t('outgoingMore.apprehendedAt')}
                    placeholder="2026-11-29T08:15:00+04:00"
                    required
                    {...register('apprehensionAt', { required: true })}
                  />
                  <TextInput label={t('outgoingMore.apprehensionPlace')} required {...register('apprehensionPlace', { required: true })} />
                </SimpleGrid>
                <Checkbox mt="xs" label={t('outgoingMore.nearBorder')} {...register('nearBorder')} />
              </fieldset>
            )}
            <Checkbox label={t('outgoing.interviewRequested')} {...register('interviewRequested')} />
            <Group>
              <Button variant="default" loading={check.isPending} onClick={handleSubmit((d) => check.mutate(d))}>
                {t('outgoing.check')}
              </Button>
              <Button type="submit" loading={send.isPending}>
                {t('outgoing.send')}
              </Button>
            </Group>
          </Stack>
        </form>
        <ErrorNotice error={check.error ?? (refused ? undefined : send.error)} />
        {problems && problems.length === 0 && (
          <Alert color="green" role="status" mt="sm">
            {t('outgoing.checkedOk')}
          </Alert>
        )}
        {problems && problems.length > 0 && <Problems problems={problems} title={t('outgoing.problems')} />}
        {sent && (
          <Alert color="green" role="status" mt="sm" data-testid="request-sent">
            {t('outgoing.sent', { requestNumber: sent })}
          </Alert>
        )}
      </Section>
      <Section title={t('outgoing.listTitle')}>
        <ListTable
          query={requests}
          empty={t('outgoing.empty')}
          minWidth={800}
          headers={[
            t('outgoing.number'),
            t('outgoing.partner'),
            t('case.agreement'),
            t('outgoing.sentAt'),
            t('outgoing.replyDueBy'),
            t('outgoing.status'),
            t('outgoing.transferDueBy'),
            t('outgoing.actions'),
          ]}
        >
          {() =>
            requests.data?.map((r) => (
              <Table.Tr key={r._id} data-testid={`request-${r._id}`}>
                <Table.Td ff="monospace">{r._id}</Table.Td>
                <Table.Td>{r.partnerCode}</Table.Td>
                <Table.Td>{r.agreement}</Table.Td>
                <Table.Td>{formatDateTime(r.sentAt, i18n.language)}</Table.Td>
                <Table.Td>
                  {r.replyDueBy ? formatDateTime(r.replyDueBy, i18n.language) : t('outgoing.noClock')}
                  {(r.alertsRaised?.length ?? 0) > 0 && r.status !== 'accepted' && (
                    <Badge color="orange" ml="xs">
                      {t('outgoing.alert')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {t(`requestStatus.${r.status}`)}
                  {r.decision?.deemed && ` (${t('outgoing.deemed')})`}
                </Table.Td>
                <Table.Td>{r.transferDueBy ? formatDateTime(r.transferDueBy, i18n.language) : '–'}</Table.Td>
                <Table.Td>
                  {r.status === 'accepted' && (
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => setNoticeFor(r._id)}
                      aria-label={t('outgoing.notifyFor', { requestNumber: r._id })}
                    >
                      {t('outgoing.notify')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))
          }
        </ListTable>
      </Section>
      {noticeFor && (
        <TransferNoticeForm
          key={noticeFor}
          requestNumber={noticeFor}
          onDone={() => {
            setNoticeFor(undefined);
            void queryClient.invalidateQueries({ queryKey: ['outgoing-requests'] });
          }}
        />
      )}
    </Stack>
  );
}
