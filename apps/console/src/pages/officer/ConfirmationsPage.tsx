import { Anchor, Badge, Button, Card, Group, List, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { verification } from '../../api/client';
import type { components } from '../../api/generated/verification';
import { AlertBadge, Empty, ErrorNotice, Loading } from '../../components/common';
import { useDraftForm } from '../../lib/draft-form';
import { formatDateTime } from '../../lib/time';
import { ConfirmAction, PartnerPreview } from './ConfirmAction';

type Awaiting = components['schemas']['AwaitingConfirmationItem'];
const DECIDED = 'readmission.application.decided.v1';

/**
 * Four eyes: the refusals and overrides a first officer took, waiting for a second, different officer (the reply
 * falling due first, with the time left); each is confirmed (it takes effect and the partner is told) or sent back.
 */
export function ConfirmationsPage() {
  const { t } = useTranslation();
  const awaiting = useQuery({
    queryKey: ['awaiting-confirmation'],
    queryFn: async () => (await verification.GET('/verification-cases/awaiting-confirmation', { params: { query: { limit: 200 } } })).data,
  });
  return (
    <Stack>
      <Title order={2}>{t('fourEyes.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('fourEyes.explain')}
      </Text>
      <ErrorNotice error={awaiting.error} />
      {awaiting.isLoading ? (
        <Loading />
      ) : !awaiting.data?.length ? (
        <Empty>{t('fourEyes.empty')}</Empty>
      ) : (
        awaiting.data.map((item) => <AwaitingCard key={item.caseNumber} item={item} />)
      )}
    </Stack>
  );
}

function AwaitingCard({ item }: { item: Awaiting }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const p = item.pendingDecision;
  const { form, discard } = useDraftForm(`${item.caseNumber}.confirmation`, { reason: '' });
  const [pending, setPending] = useState<{ confirm: boolean; reason: string } | null>(null);
  const titleId = `confirm-${item.caseNumber}`;
  const preview: PartnerPreview | null =
    pending?.confirm && p
      ? {
          type: DECIDED,
          payload: {
            partnerReference: item.partnerReference,
            caseNumber: item.caseNumber,
            decision: p.decision,
            basis: p.basis,
            ...(p.grounds ? { grounds: p.grounds } : {}),
            decidedAt: t('actions.atConfirmation'),
            deemed: false,
          },
        }
      : null;
  const ask = (confirm: boolean) => form.handleSubmit((v) => setPending({ confirm, reason: v.reason.trim() }))();
  return (
    <Card withBorder component="article" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h4" id={titleId}>
            <Anchor component={Link} to={`/officer/cases/${item.caseNumber}`}>
              {item.caseNumber}
            </Anchor>{' '}
            · {item.partnerCode} {item.partnerReference} · {item.agreement}
          </Title>
          <AlertBadge alert={item.alert} />
        </Group>
        <Text size="sm" data-testid="reply-limit">
          {t('fourEyes.replyDue', {
            at: formatDateTime(item.replyDueBy, i18n.language),
            hours: item.hoursLeft.toLocaleString(i18n.language),
          })}
        </Text>
        {p && (
          <List size="sm">
            <List.Item>
              {t('decision.label')}:{' '}
              <Badge color={p.decision === 'refused' ? 'red' : 'green'} variant="filled" autoContrast>
                {t(`decision.${p.decision}`)}
              </Badge>{' '}
              ({t(`fourEyes.kind.${p.kind}`)})
            </List.Item>
            <List.Item>
              {t('decision.basis')}: {t(`basis.${p.basis}`)}
            </List.Item>
            {p.grounds && (
              <List.Item>
                {t('decision.grounds')}: {p.grounds}
              </List.Item>
            )}
            <List.Item>
              {t('fourEyes.proposedBy', { officer: p.proposedBy, at: formatDateTime(p.proposedAt, i18n.language) })}: {p.reason}
            </List.Item>
            {item.proposal && (
              <List.Item>
                {t('case.proposal')}: {t(`proposal.${item.proposal.action}`)} — {item.proposal.why}
              </List.Item>
            )}
          </List>
        )}
        <form onSubmit={(e) => e.preventDefault()} aria-labelledby={titleId} noValidate>
          <Stack gap="xs">
            <Textarea
              label={t('fourEyes.reason')}
              withAsterisk
              autosize
              minRows={2}
              error={form.formState.errors.reason && t('actions.reasonRequired', { min: 3 })}
              {...form.register('reason', { required: true, validate: (v) => v.trim().length >= 3 })}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => void ask(false)}>
                {t('fourEyes.sendBack')}
              </Button>
              <Button onClick={() => void ask(true)}>{t('fourEyes.confirm')}</Button>
            </Group>
          </Stack>
        </form>
      </Stack>
      <ConfirmAction
        opened={pending !== null}
        title={pending?.confirm ? t('fourEyes.confirm') : t('fourEyes.sendBack')}
        caseNumber={item.caseNumber}
        expects={pending?.confirm ? [DECIDED] : []}
        preview={preview}
        summary={<Text size="sm">{pending?.confirm ? t('fourEyes.confirmSummary') : t('fourEyes.sendBackSummary')}</Text>}
        onClose={() => {
          setPending(null);
          void queryClient.invalidateQueries();
        }}
        onConfirm={async () => {
          if (!pending) return;
          await verification.POST('/verification-cases/{caseNumber}/confirmation', {
            params: { path: { caseNumber: item.caseNumber } },
            body: pending,
          });
          discard();
        }}
      />
    </Card>
  );
}
