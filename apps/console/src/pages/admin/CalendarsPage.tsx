import { Anchor, Badge, List, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { intake, read } from '../../api/client';
import { ErrorNotice, Loading } from '../../components/common';
import { LoadFromFile } from '../../components/LoadFromFile';
import { Section } from '../../components/Section';
import { formatDate } from '../../lib/time';

interface CalendarSummary {
  country: string;
  year: number;
  status: string;
  source: string;
  nonWorkingDays: number;
  version?: string;
}
interface Calendar {
  country: string;
  year: number;
  status: string;
  source: string;
  nonWorkingDays: ({ date: string; name?: string } | string)[];
}

export function CalendarsPage() {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<{ country: string; year: number } | null>(null);
  const list = useQuery({ queryKey: ['calendars'], queryFn: async () => read<CalendarSummary[]>(await intake.GET('/calendars')) });
  const one = useQuery({
    queryKey: ['calendar', open?.country, open?.year],
    enabled: Boolean(open),
    queryFn: async () =>
      read<Calendar>(
        await intake.GET('/calendars/{country}/{year}', {
          params: { path: { country: open?.country as string, year: String(open?.year) } },
        }),
      ),
  });
  return (
    <Stack>
      <Title order={2}>{t('calendars.title')}</Title>
      <ErrorNotice error={list.error} />
      <Section title={t('calendars.years')}>
        {list.isLoading ? (
          <Loading />
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('calendars.year')}</Table.Th>
                <Table.Th scope="col">{t('calendars.status')}</Table.Th>
                <Table.Th scope="col">{t('calendars.nonWorkingDays')}</Table.Th>
                <Table.Th scope="col">{t('calendars.source')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(list.data ?? []).map((c) => (
                <Table.Tr key={`${c.country}-${c.year}`}>
                  <Table.Td>
                    <Anchor component="button" type="button" onClick={() => setOpen({ country: c.country, year: c.year })}>
                      {c.country} {c.year}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={c.status === 'official' ? 'green' : 'yellow'} autoContrast>
                      {t(`calendarStatus.${c.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{c.nonWorkingDays}</Table.Td>
                  <Table.Td>
                    <Text size="xs">{c.source}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <LoadFromFile label={t('calendars.load')} post={async (body) => intake.POST('/calendars', { body: body as never })} />
      </Section>
      {open && (
        <Section title={t('calendars.one', { country: open.country, year: open.year })}>
          <ErrorNotice error={one.error} />
          {one.isLoading ? (
            <Loading />
          ) : (
            <List size="sm">
              {(one.data?.nonWorkingDays ?? []).map((d) => {
                const day = typeof d === 'string' ? { date: d } : d;
                return (
                  <List.Item key={day.date}>
                    {formatDate(day.date, i18n.language)}
                    {day.name ? ` · ${day.name}` : ''}
                  </List.Item>
                );
              })}
            </List>
          )}
        </Section>
      )}
    </Stack>
  );
}
