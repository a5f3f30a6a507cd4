import { Alert, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { intake, read, transfer, withQuery } from '../../api/client';
import type { Departure, MistakeReturn, Transit } from '../../api/procedures';
import { CrossingPointSelect, useCrossingPoint } from '../../components/CrossingPoint';
import { Facts, Section } from '../../components/Section';
import { Empty, ErrorNotice, Loading } from '../../components/common';
import { bakuDate, formatDate, formatDateTime } from '../../lib/time';
import { useAction } from '../../lib/use-action';

const TRANSIT_AT_BORDER = ['consented', 'revoked', 'entered'];

/**
 * The border officer's other procedures at a crossing point of theirs (the services refuse any other): transits under
 * escort expected within their consent window (entered, left, not arrived), returns of persons readmitted by mistake
 * that the partner accepted, and Azerbaijan's own transfers to partners departing from here (the handover).
 */
export function ProceduresPage() {
  const { t } = useTranslation();
  const { point, choose, list, error } = useCrossingPoint(bakuDate(0));
  return (
    <Stack>
      <Title order={2}>{t('borderProcedures.title')}</Title>
      <CrossingPointSelect point={point} choose={choose} list={list} />
      <ErrorNotice error={error} />
      {!point ? (
        <Empty>{t('border.choosePointFirst')}</Empty>
      ) : (
        <>
          <Transits point={point} />
          <Returns point={point} />
          <Departures point={point} />
        </>
      )}
    </Stack>
  );
}

function Transits({ point }: { point: string }) {
  const { t, i18n } = useTranslation();
  const transits = useQuery({
    queryKey: ['border-transits'],
    queryFn: async () => read<Transit[]>(await transfer.GET('/transits', withQuery({}))),
    refetchInterval: 30_000,
  });
  const here = (transits.data ?? []).filter((tr) => tr.pointOfEntry === point && TRANSIT_AT_BORDER.includes(tr.status));
  return (
    <Section title={t('borderProcedures.transits', { point })}>
      <Text size="sm">{t('borderProcedures.transitsExplain')}</Text>
      <ErrorNotice error={transits.error} />
      {transits.isLoading ? (
        <Loading />
      ) : here.length === 0 ? (
        <Empty>{t('borderProcedures.noTransits')}</Empty>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {here.map((tr) => (
            <Card key={tr._id} withBorder component="article" aria-label={`${tr.request.person.surname}, ${tr.request.person.givenNames}`}>
              <Stack gap="xs">
                <Text fw={700} size="lg">
                  {tr.request.person.surname}, {tr.request.person.givenNames}
                </Text>
                <Facts
                  items={[
                    [t('transit.reference'), `${tr.partnerCode} · ${tr.transitReference}`],
                    [t('transit.status'), t(`transitStatus.${tr.status}`)],
                    [t('transit.route'), [tr.partnerCode, 'AZ', ...tr.request.otherTransitStates, tr.request.finalDestination].join(' → ')],
                    [t('transit.transferAt'), formatDateTime(tr.transferAt, i18n.language)],
                    [
                      t('borderProcedures.window'),
                      `${formatDateTime(tr.decision?.decidedAt, i18n.language)} – ${formatDateTime(tr.consentValidUntil, i18n.language)}`,
                    ],
                    [t('transit.escorts'), tr.request.escorts.map((e) => `${e.surname}, ${e.givenNames}`).join('; ')],
                  ]}
                />
                {tr.revocation && (
                  <Alert color="orange">
                    {t('transit.revoked', { ground: t(`transitGround.${tr.revocation.ground}`), grounds: tr.revocation.grounds })}
                  </Alert>
                )}
                <BorderEvents tr={tr} point={point} />
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Section>
  );
}

function BorderEvents({ tr, point }: { tr: Transit; point: string }) {
  const { t } = useTranslation();
  const [done, setDone] = useState<string>();
  const record = useAction(async (event: string) => {
    const result = read(
      await transfer.POST('/transits/{partnerCode}/{transitReference}/border', {
        params: { path: { partnerCode: tr.partnerCode, transitReference: tr.transitReference } },
        body: { event, crossingPoint: point },
      } as never),
    );
    setDone(event);
    return result;
  });
  const events = tr.status === 'entered' ? ['left'] : ['entered', 'not-arrived'];
  return (
    <Stack gap="xs">
      <Group>
        {events.map((event) => (
          <Button
            key={event}
            size="md"
            variant={event === 'not-arrived' ? 'default' : 'filled'}
            loading={record.isPending && record.variables === event}
            onClick={() => record.mutate(event)}
            aria-label={t('transitBorder.record', { event: t(`transitBorder.${event}`), reference: tr.transitReference })}
          >
            {t(`transitBorder.${event}`)}
          </Button>
        ))}
      </Group>
      <ErrorNotice error={record.error} />
      {done && !record.error && (
        <Alert color="green" role="status">
          {t('transitBorder.recorded', { event: t(`transitBorder.${done}`) })}
        </Alert>
      )}
    </Stack>
  );
}

function Returns({ point }: { point: string }) {
  const { t, i18n } = useTranslation();
  const returns = useQuery({
    queryKey: ['border-mistake-returns'],
    queryFn: async () => read<MistakeReturn[]>(await transfer.GET('/mistake-returns', withQuery({ status: 'accepted' }))),
    refetchInterval: 30_000,
  });
  return (
    <Section title={t('borderProcedures.returns')}>
      <ErrorNotice error={returns.error} />
      {returns.isLoading ? (
        <Loading />
      ) : !returns.data?.length ? (
        <Empty>{t('borderProcedures.noReturns')}</Empty>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {returns.data.map((m) => (
            <Card key={m._id} withBorder component="article" aria-label={m._id}>
              <Stack gap="xs">
                <Text fw={700} size="lg" ff="monospace">
                  {m._id}
                </Text>
                <Facts
                  items={[
                    [t('mistake.partner'), `${m.partnerCode} · ${m.partnerReference}`],
                    [t('mistake.handedOverOn'), formatDate(m.handedOverOn, i18n.language)],
                    [t('mistake.status'), t(`mistakeStatus.${m.status}`)],
                  ]}
                />
                <ReturnButtons m={m} point={point} />
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Section>
  );
}

function ReturnButtons({ m, point }: { m: MistakeReturn; point: string }) {
  const { t } = useTranslation();
  const record = useAction(async (returned: boolean) =>
    read(
      await transfer.POST('/mistake-returns/{caseNumber}/return', {
        params: { path: { caseNumber: m._id } },
        body: { returned, borderCrossingPoint: point },
      } as never),
    ),
  );
  return (
    <Stack gap="xs">
      <Group>
        <Button size="md" onClick={() => record.mutate(true)} loading={record.isPending && record.variables === true}>
          {t('borderProcedures.returned')}
        </Button>
        <Button size="md" variant="default" onClick={() => record.mutate(false)} loading={record.isPending && record.variables === false}>
          {t('borderProcedures.notReturned')}
        </Button>
      </Group>
      <ErrorNotice error={record.error} />
    </Stack>
  );
}

function Departures({ point }: { point: string }) {
  const { t, i18n } = useTranslation();
  const departures = useQuery({
    queryKey: ['departures'],
    queryFn: async () => read<Departure[]>(await intake.GET('/outgoing-requests/departures')),
    refetchInterval: 30_000,
  });
  const here = (departures.data ?? []).filter((d) => d.transfer.departureCrossingPoint === point);
  return (
    <Section title={t('borderProcedures.departures', { point })}>
      <ErrorNotice error={departures.error} />
      {departures.isLoading ? (
        <Loading />
      ) : here.length === 0 ? (
        <Empty>{t('borderProcedures.noDepartures')}</Empty>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {here.map((d) => (
            <Card key={d.requestNumber} withBorder component="article" aria-label={`${d.person.surname}, ${d.person.givenNames}`}>
              <Stack gap="xs">
                <Text fw={700} size="lg">
                  {d.person.surname}, {d.person.givenNames}
                </Text>
                <Facts
                  items={[
                    [t('outgoing.number'), d.requestNumber],
                    [t('borderProcedures.destination'), `${d.partnerCode} · ${d.transfer.borderCrossingPoint}`],
                    [t('borderProcedures.plannedDeparture'), formatDateTime(d.transfer.plannedDeparture, i18n.language)],
                    [t('transit.dateOfBirth'), formatDate(d.person.dateOfBirth, i18n.language)],
                  ]}
                />
                <HandOver requestNumber={d.requestNumber} />
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Section>
  );
}

function HandOver({ requestNumber }: { requestNumber: string }) {
  const { t } = useTranslation();
  const handOver = useAction(async () =>
    read(await intake.POST('/outgoing-requests/{requestNumber}/handover', { params: { path: { requestNumber } } } as never)),
  );
  return (
    <Stack gap="xs">
      <Group>
        <Button
          size="md"
          onClick={() => handOver.mutate(undefined)}
          loading={handOver.isPending}
          aria-label={t('borderProcedures.handOverFor', { requestNumber })}
        >
          {t('borderProcedures.handOver')}
        </Button>
      </Group>
      <ErrorNotice error={handOver.error} />
    </Stack>
  );
}
