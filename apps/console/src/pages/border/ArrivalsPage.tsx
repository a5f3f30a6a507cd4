import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { read, transfer, withQuery } from '../../api/client';
import type { components } from '../../api/generated/transfer';
import { ArrivalPerson, ArrivalTransfer, Arrivals, Person } from '../../api/types';
import { Empty, ErrorNotice, Loading } from '../../components/common';
import { CrossingPointSelect, useCrossingPoint } from '../../components/CrossingPoint';
import { Facts } from '../../components/Section';
import { useDraftForm } from '../../lib/draft-form';
import { bakuDate, formatDate, formatDateTime } from '../../lib/time';

type PersonBody = components['schemas']['PersonHandoverRequest'] & Record<string, unknown>;

const nameOf = (p?: Person | { person?: Person }) => {
  const q = (p && 'surname' in p ? p : (p as { person?: Person } | undefined)?.person) as Person | undefined;
  return q ? `${q.surname}, ${q.givenNames}` : '—';
};
/** The photo attached to the application: its attachment id and the start of its SHA-256 (to match the image held). */
const photoOf = (p?: Person) => {
  const photo = p?.photo as { attachmentId?: string; sha256?: string } | null | undefined;
  return photo?.attachmentId ? `${photo.attachmentId}${photo.sha256 ? ` · SHA-256 ${photo.sha256.slice(0, 12)}…` : ''}` : null;
};

/** The border officer's day: expected arrivals at the officer's crossing point, person by person. Tablet-sized targets. */
export function ArrivalsPage() {
  const { t, i18n } = useTranslation();
  const [day, setDay] = useState<string>('today');
  const [otherDate, setOtherDate] = useState<string>(bakuDate(2));
  const date = day === 'today' ? bakuDate(0) : day === 'tomorrow' ? bakuDate(1) : otherDate;
  const { point, choose, list, error: pointsError } = useCrossingPoint(date);
  const arrivals = useQuery({
    queryKey: ['arrivals', point, date],
    enabled: Boolean(point),
    queryFn: async () => read<Arrivals>(await transfer.GET('/border/arrivals', withQuery({ borderCrossingPoint: point ?? '', date }))),
    refetchInterval: 30_000,
  });
  return (
    <Stack>
      <Title order={2}>{t('border.title')}</Title>
      <Group align="end" wrap="wrap">
        <CrossingPointSelect point={point} choose={choose} list={list} />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="day-label">
            {t('border.day')}
          </Text>
          <SegmentedControl
            size="md"
            aria-labelledby="day-label"
            value={day}
            onChange={setDay}
            data={[
              { value: 'today', label: t('border.today') },
              { value: 'tomorrow', label: t('border.tomorrow') },
              { value: 'other', label: t('border.otherDay') },
            ]}
          />
        </Stack>
        {day === 'other' && (
          <TextInput
            size="md"
            type="date"
            label={t('border.date')}
            value={otherDate}
            onChange={(e) => setOtherDate(e.currentTarget.value)}
          />
        )}
      </Group>
      <ErrorNotice error={pointsError ?? arrivals.error} />
      {!point ? (
        <Empty>{t('border.choosePointFirst')}</Empty>
      ) : arrivals.isLoading ? (
        <Loading />
      ) : !arrivals.data?.transfers.length ? (
        <Empty>{t('border.none', { date: formatDate(date, i18n.language) })}</Empty>
      ) : (
        arrivals.data.transfers.map((tr) => <TransferCard key={`${tr.partnerCode}/${tr.transferReference}`} tr={tr} />)
      )}
    </Stack>
  );
}

function TransferCard({ tr }: { tr: ArrivalTransfer }) {
  const { t, i18n } = useTranslation();
  const [closing, setClosing] = useState(false);
  const [error, setError] = useState<unknown>();
  const queryClient = useQueryClient();
  const open = tr.status === 'confirmed';
  const unrecorded = tr.persons.filter((p) => !p.recorded);
  const close = async () => {
    setError(undefined);
    try {
      await transfer.POST('/transfers/{partnerCode}/{transferReference}/close', {
        params: { path: { partnerCode: tr.partnerCode, transferReference: tr.transferReference } },
      });
      setClosing(false);
      await queryClient.invalidateQueries({ queryKey: ['arrivals'] });
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Card withBorder component="section" aria-label={t('border.transfer', { reference: tr.transferReference })} padding="lg">
      <Stack>
        <Group justify="space-between" wrap="wrap">
          <Title order={3} size="h4">
            {t('border.transfer', { reference: tr.transferReference })}
          </Title>
          <Badge size="lg" variant="filled" color={open ? 'indigo' : 'green'} autoContrast>
            {t(`transferStatus.${tr.status}`)}
          </Badge>
        </Group>
        <Text>
          {t('border.plannedArrival', { at: formatDateTime(tr.plannedArrival, i18n.language) })} · {tr.partnerCode}
          {tr.transport
            ? ` · ${[tr.transport.mode && t(`transport.${tr.transport.mode}`), tr.transport.carrier, tr.transport.flightNumber].filter(Boolean).join(' ')}`
            : ''}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {tr.persons.map((p) => (
            <PersonCard key={p.partnerReference} tr={tr} p={p} />
          ))}
        </SimpleGrid>
        {open && (
          <Group justify="flex-end">
            <Button size="lg" color="green.9" onClick={() => setClosing(true)}>
              {t('border.close')}
            </Button>
          </Group>
        )}
      </Stack>
      <Modal
        opened={closing}
        onClose={() => setClosing(false)}
        title={t('border.close')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack>
          <Text>{t('border.closeQuestion', { reference: tr.transferReference })}</Text>
          {unrecorded.length > 0 && (
            <Alert color="yellow">{t('border.unrecordedNotArrived', { names: unrecorded.map((p) => nameOf(p.person)).join('; ') })}</Alert>
          )}
          <ErrorNotice error={error} />
          <Group justify="flex-end">
            <Button variant="default" size="md" onClick={() => setClosing(false)}>
              {t('common.cancel')}
            </Button>
            <Button size="md" onClick={() => void close()} data-autofocus>
              {t('actions.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

function PersonCard({ tr, p }: { tr: ArrivalTransfer; p: ArrivalPerson }) {
  const { t, i18n } = useTranslation();
  const [mode, setMode] = useState<'arrived' | 'not-arrived' | null>(null);
  const [error, setError] = useState<unknown>();
  const queryClient = useQueryClient();
  const { form, discard } = useDraftForm(`handover.${tr.transferReference}.${p.partnerReference}`, {
    identityChecked: false,
    documentChecked: false,
    note: '',
  });
  const checks = form.watch();
  const record = async () => {
    setError(undefined);
    const body =
      mode === 'arrived'
        ? {
            arrived: true,
            identityChecked: checks.identityChecked,
            documentChecked: checks.documentChecked,
            ...(checks.note.trim() ? { note: checks.note.trim() } : {}),
          }
        : { arrived: false, ...(checks.note.trim() ? { note: checks.note.trim() } : {}) };
    try {
      await transfer.POST('/transfers/{partnerCode}/{transferReference}/persons/{partnerReference}', {
        params: { path: { partnerCode: tr.partnerCode, transferReference: tr.transferReference, partnerReference: p.partnerReference } },
        body: body as unknown as PersonBody,
      });
      discard();
      setMode(null);
      await queryClient.invalidateQueries({ queryKey: ['arrivals'] });
    } catch (e) {
      setError(e);
    }
  };
  const photo = photoOf(p.person);
  return (
    <Card withBorder padding="md" component="article" aria-label={nameOf(p.person)}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4} size="h5">
            {nameOf(p.person)}
          </Title>
          {p.recorded && (
            <Badge color={p.recorded.outcome === 'arrived' ? 'green' : 'red'} autoContrast size="lg">
              {t(`handover.${p.recorded.outcome}`)}
            </Badge>
          )}
        </Group>
        <Facts
          items={[
            [t('case.number'), p.caseNumber],
            [t('case.partnerReference'), p.partnerReference],
            [t('person.dateOfBirth'), formatDate(p.person?.dateOfBirth, i18n.language)],
            [t('border.photo'), photo ?? t('border.noPhoto')],
            [
              t('border.document'),
              p.travelDocument
                ? t('border.documentValid', {
                    number: p.travelDocument.documentNumber,
                    date: formatDate(p.travelDocument.validUntil, i18n.language),
                  })
                : '—',
            ],
            [t('case.family'), p.family.length ? p.family.map((f) => nameOf(f)).join('; ') : '—'],
            ...(p.unaccompaniedMinor ? ([[t('border.minor'), t('common.yes')]] as [string, string][]) : []),
          ]}
        />
        {!p.recorded && tr.status === 'confirmed' && (
          <Group grow>
            <Button size="lg" onClick={() => setMode('arrived')}>
              {t('border.recordArrival')}
            </Button>
            <Button size="lg" variant="outline" color="red.9" onClick={() => setMode('not-arrived')}>
              {t('border.notArrived')}
            </Button>
          </Group>
        )}
      </Stack>
      <Modal
        opened={mode !== null}
        onClose={() => setMode(null)}
        title={mode === 'arrived' ? t('border.recordArrival') : t('border.notArrived')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void record();
          }}
        >
          <Stack>
            <Text fw={600}>
              {nameOf(p.person)} · {p.travelDocument?.documentNumber}
            </Text>
            {mode === 'arrived' && (
              <>
                <Checkbox size="md" label={t('border.identityChecked')} {...form.register('identityChecked')} />
                <Checkbox size="md" label={t('border.documentChecked')} {...form.register('documentChecked')} />
              </>
            )}
            <Textarea label={t('border.note')} {...form.register('note')} />
            <ErrorNotice error={error} />
            <Group justify="flex-end">
              <Button variant="default" size="md" onClick={() => setMode(null)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" size="md" disabled={mode === 'arrived' && !(checks.identityChecked && checks.documentChecked)}>
                {t('actions.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Card>
  );
}
