import { Badge, Code, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { intake, read, verification } from '../../api/client';
import { Deadline, IntakeCase, Person, VerificationCase } from '../../api/types';
import { CaseHeader } from '../../components/CaseHeader';
import { AlertBadge, Empty, ErrorNotice, Loading } from '../../components/common';
import { PurposePrompt, useReadPurpose } from '../../components/PurposePrompt';
import { RuleWords } from '../../components/RuleWords';
import { Facts, Section } from '../../components/Section';
import { useSession } from '../../session/session';
import { formatDate, formatDateTime } from '../../lib/time';
import { DecideAction, ExtensionAction, FindingsAction, InterviewAction } from './Actions';

const STRENGTH_COLOURS: Record<string, string> = { proof: 'green', 'prima-facie': 'yellow', none: 'gray', contested: 'red' };
const OPEN = ['awaiting-review', 'awaiting-interview', 'overdue'];

/** Names as the partner sent them: never transliterated. */
const fullName = (p?: Person) => (p ? `${p.surname}, ${p.givenNames}` : '—');

export function CasePage() {
  const { caseNumber = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const lng = i18n.language;
  // An auditor states why before the case is read (an officer's work is the purpose); the services record it.
  const { purpose, needed, give } = useReadPurpose(['officer']);
  const query = purpose ? { purpose } : undefined;
  const vc = useQuery({
    queryKey: ['verification-case', caseNumber, purpose],
    enabled: !needed,
    queryFn: async () =>
      read<VerificationCase>(await verification.GET('/verification-cases/{caseNumber}', { params: { path: { caseNumber }, query } })),
  });
  const ic = useQuery({
    queryKey: ['intake-case', caseNumber, purpose],
    enabled: !needed,
    queryFn: async () => read<IntakeCase>(await intake.GET('/cases/{caseNumber}', { params: { path: { caseNumber }, query } })),
  });
  if (needed) return <PurposePrompt title={t('case.title', { caseNumber })} onPurpose={give} />;
  if (vc.isLoading) return <Loading />;
  if (vc.error || !vc.data) return <ErrorNotice error={vc.error} />;
  const c = vc.data;
  const person = c.application.person;
  const canAct = session?.roles.includes('officer') && OPEN.includes(c.status);
  const deadlines: Deadline[] = [...(ic.data?.deadlines ?? []), ...(c.interview?.deadline ? [c.interview.deadline] : [])];
  return (
    <Stack>
      <CaseHeader
        back="/officer"
        backLabel={t('case.backToQueue')}
        title={t('case.title', { caseNumber })}
        status={t(`verificationStatus.${c.status}`)}
      >
        <AlertBadge alert={c.alert ?? 'none'} />
      </CaseHeader>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Section title={t('case.summary')}>
          <Facts
            items={[
              [t('case.partner'), c.partnerCode],
              [t('case.partnerReference'), c.partnerReference],
              [t('case.agreement'), `${c.agreement} · ${t('case.rulebook', { version: c.rulebookVersion })}`],
              [t('case.procedure'), t(`procedure.${c.procedure}`)],
              [t('case.category'), t(`category.${c.category}`)],
              [t('case.receivedAt'), formatDateTime(c.receivedAt, lng)],
              [t('case.replyDueBy'), formatDateTime(c.replyDueBy, lng)],
            ]}
          />
        </Section>
        <Section title={t('case.application')}>
          <Facts
            items={[
              [t('person.name'), fullName(person)],
              [t('person.previousSurnames'), person.previousSurnames?.join(', ') || '—'],
              [t('person.aliases'), person.aliases?.join(', ') || '—'],
              [t('person.sex'), person.sex ? t(`sex.${person.sex}`) : '—'],
              [t('person.dateOfBirth'), formatDate(person.dateOfBirth, lng)],
              [t('person.placeOfBirth'), person.placeOfBirth ?? '—'],
              [t('person.lastResidence'), person.lastResidence ?? '—'],
              [t('person.nationality'), person.nationality ?? '—'],
              [t('case.requestingAuthority'), c.application.requestingAuthority?.name ?? '—'],
              [
                t('case.family'),
                c.application.family?.length ? c.application.family.map((f) => fullName(f.person ?? (f as Person))).join('; ') : '—',
              ],
            ]}
          />
        </Section>
      </SimpleGrid>

      <Section title={t('case.evidence')}>
        {c.assessment?.summary && <Text size="sm">{c.assessment.summary}</Text>}
        <Table.ScrollContainer minWidth={700}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">#</Table.Th>
                <Table.Th scope="col">{t('evidence.item')}</Table.Th>
                <Table.Th scope="col">{t('evidence.number')}</Table.Th>
                <Table.Th scope="col">{t('evidence.classification')}</Table.Th>
                <Table.Th scope="col">{t('evidence.ruleAndStatus')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.application.evidence.map((e, i) => {
                const judged = c.assessment?.items.find((a) => a.index === i);
                return (
                  <Table.Tr key={i}>
                    <Table.Td>{i}</Table.Td>
                    <Table.Td>
                      {t(`evidenceType.${e.type}`, { defaultValue: e.type })} · {e.form ? t(`evidenceForm.${e.form}`) : ''}{' '}
                      {e.issuingCountry ?? ''}
                    </Table.Td>
                    <Table.Td>
                      {e.number ?? '—'}
                      {e.expiresOn ? ` (${t('evidence.expires', { date: formatDate(e.expiresOn, lng) })})` : ''}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Badge
                        styles={{ root: { maxWidth: 'none', overflow: 'visible' }, label: { overflow: 'visible' } }}
                        color={STRENGTH_COLOURS[judged?.strength ?? 'none'] ?? 'gray'}
                        autoContrast
                      >
                        {t(`strength.${judged?.strength ?? 'none'}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{judged?.reason ?? '—'}</Text>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Section>

      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Section title={t('case.registry')}>
          {c.registry ? (
            <>
              <Text size="sm">{t('registry.checked', { source: c.registry.source, at: formatDateTime(c.registry.checkedAt, lng) })}</Text>
              {c.registry.candidates.length === 0 ? (
                <Empty>{t('registry.none')}</Empty>
              ) : (
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('registry.candidate')}</Table.Th>
                      <Table.Th scope="col">{t('person.dateOfBirth')}</Table.Th>
                      <Table.Th scope="col">{t('registry.score')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {c.registry.candidates.map((r, i) => (
                      <Table.Tr key={r.personalId ?? i}>
                        <Table.Td>{r.surname ? `${r.surname}, ${r.givenNames ?? ''}` : r.personalId}</Table.Td>
                        <Table.Td>{formatDate(r.dateOfBirth, lng)}</Table.Td>
                        <Table.Td>{Math.round(r.score * 100)}%</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </>
          ) : (
            <Empty>{t('registry.notAsked')}</Empty>
          )}
        </Section>
        <Section title={t('case.proposal')}>
          {c.proposal ? (
            <Facts
              items={[
                [t('proposal.action'), t(`proposal.${c.proposal.action}`)],
                [t('decision.basis'), c.proposal.basis ? t(`basis.${c.proposal.basis}`) : '—'],
                [t('proposal.why'), c.proposal.why ?? '—'],
                [t('decision.grounds'), c.proposal.grounds ?? '—'],
              ]}
            />
          ) : (
            <Empty />
          )}
          {c.interview && (
            <Facts
              items={[
                [t('interview.at'), formatDateTime(c.interview.at, lng)],
                [t('interview.place'), c.interview.place],
              ]}
            />
          )}
          {c.decision && (
            <Facts
              items={[
                [t('decision.label'), t(`decision.${c.decision.decision}`)],
                [t('decision.basis'), t(`basis.${c.decision.basis}`)],
                [t('decision.decidedAt'), formatDateTime(c.decision.decidedAt, lng)],
              ]}
            />
          )}
        </Section>
      </SimpleGrid>

      <Section title={t('case.timeLimits')}>
        {deadlines.length === 0 ? (
          <Empty />
        ) : (
          <Table.ScrollContainer minWidth={700}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('limits.name')}</Table.Th>
                  <Table.Th scope="col">{t('limits.dueBy')}</Table.Th>
                  <Table.Th scope="col">{t('limits.rule')}</Table.Th>
                  <Table.Th scope="col">{t('limits.calendars')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {deadlines.map((d) => (
                  <Table.Tr key={`${d.name}-${d.dueBy}`}>
                    <Table.Td>{t(`limitName.${d.name}`, { defaultValue: d.name })}</Table.Td>
                    <Table.Td>{formatDateTime(d.dueBy, lng)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        <RuleWords rule={d.rule} />
                        {d.rulebookVersion ? ` · ${t('case.rulebook', { version: d.rulebookVersion })}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{d.calendarBasis.length ? d.calendarBasis.join('; ') : t('limits.noCalendar')}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>

      {canAct && (
        <Section title={t('case.actions')}>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl">
            <DecideAction c={c} />
            {c.status === 'awaiting-interview' || c.interview ? <InterviewAction c={c} /> : null}
            {c.category !== 'national' && <FindingsAction c={c} />}
            <ExtensionAction c={c} />
          </SimpleGrid>
        </Section>
      )}

      <Section title={t('case.messages')}>
        <ErrorNotice error={ic.error} />
        {ic.isLoading ? (
          <Loading />
        ) : !ic.data?.history?.length ? (
          <Empty />
        ) : (
          <Stack gap="xs">
            {ic.data.history.map((m) => (
              <details key={m.ceId}>
                <summary>
                  <Text span size="sm" fw={600}>
                    {t(`direction.${m.direction}`)}
                  </Text>{' '}
                  ·{' '}
                  <Text span size="sm">
                    {m.type}
                  </Text>{' '}
                  ·{' '}
                  <Text span size="sm">
                    {formatDateTime(m.at, lng)}
                  </Text>
                </summary>
                <Code block>{JSON.stringify(m.payload, null, 2)}</Code>
              </details>
            ))}
          </Stack>
        )}
      </Section>

      <Section title={t('case.history')}>
        {c.history.length === 0 ? (
          <Empty />
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('history.at')}</Table.Th>
                <Table.Th scope="col">{t('history.event')}</Table.Th>
                <Table.Th scope="col">{t('history.by')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.history.map((h, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{formatDateTime(h.at, lng)}</Table.Td>
                  <Table.Td>{t(`historyEvent.${h.event}`, { defaultValue: h.event })}</Table.Td>
                  <Table.Td>{h.by}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
    </Stack>
  );
}
