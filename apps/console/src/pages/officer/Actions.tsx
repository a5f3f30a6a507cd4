import { Button, Checkbox, Group, List, NumberInput, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { ReactNode, useState } from 'react';
import { Controller, FieldValues, UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { verification } from '../../api/client';
import type { components } from '../../api/generated/verification';
import { VerificationCase } from '../../api/types';
import { useDraftForm } from '../../lib/draft-form';
import { formatDate, formatDateTime } from '../../lib/time';
import { ConfirmAction, PartnerPreview } from './ConfirmAction';

type Schemas = components['schemas'];
/** The request bodies the generated types name; their fields are not described in the OpenAPI yet (see README). */
type Body<K extends keyof Schemas> = Schemas[K] & Record<string, unknown>;

const DECIDED = 'readmission.application.decided.v1';
const EXTENDED = 'readmission.reply.extended.v1';

interface ActionProps {
  c: VerificationCase;
}

/** A form whose values go through a confirmation that shows the partner's message before anything is sent. */
function useConfirmed<T extends FieldValues>(c: VerificationCase, id: string, defaults: T) {
  const draft = useDraftForm<T>(`${c.caseNumber}.${id}`, defaults);
  const [pending, setPending] = useState<T | null>(null);
  const queryClient = useQueryClient();
  const finish = () => {
    setPending(null);
    void queryClient.invalidateQueries();
  };
  return { ...draft, pending, setPending, finish };
}

/**
 * The frame of every action: its title, its fields, "review", and the confirmation that shows the partner's message
 * before `send` posts it (the draft is discarded once sent).
 */
function ActionForm<T extends FieldValues>({
  c,
  id,
  title,
  confirmed,
  expects,
  preview,
  summary,
  send,
  children,
}: {
  c: VerificationCase;
  id: string;
  title: string;
  confirmed: ReturnType<typeof useConfirmed<T>>;
  expects: string[];
  preview: PartnerPreview | null;
  summary: ReactNode;
  send: (values: T) => Promise<unknown>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { form, discard, pending, setPending, finish } = confirmed;
  return (
    <form onSubmit={form.handleSubmit((v) => setPending(v))} aria-labelledby={`${id}-title`} noValidate>
      <Stack gap="sm">
        <Title order={3} size="h5" id={`${id}-title`}>
          {title}
        </Title>
        {children}
        <Group justify="flex-end">
          <Button type="submit">{t('actions.review')}</Button>
        </Group>
      </Stack>
      <ConfirmAction
        opened={pending !== null}
        title={title}
        caseNumber={c.caseNumber}
        expects={expects}
        preview={preview}
        summary={summary}
        onClose={finish}
        onConfirm={async () => {
          if (!pending) return;
          await send(pending);
          discard();
        }}
      />
    </form>
  );
}

function Reason<T extends FieldValues>({
  form,
  label,
  name,
  min = 3,
}: {
  form: UseFormReturn<T>;
  label: string;
  name: string;
  min?: number;
}) {
  const { t } = useTranslation();
  const error = form.formState.errors[name];
  return (
    <Textarea
      label={label}
      withAsterisk
      autosize
      minRows={2}
      error={error && t('actions.reasonRequired', { min })}
      {...form.register(name as never, { required: true, validate: (v: string) => (v ?? '').trim().length >= min })}
    />
  );
}

export function DecideAction({ c }: ActionProps) {
  const { t } = useTranslation();
  const proposal = c.proposal;
  const confirmed = useConfirmed(c, 'decide', {
    decision: proposal?.action === 'refuse' || (proposal?.action === 'review' && proposal.grounds) ? 'refused' : 'accepted',
    basis: proposal?.basis ?? 'proof',
    grounds: proposal?.grounds ?? '',
    reason: '',
  });
  const { form, pending } = confirmed;
  const decision = form.watch('decision');
  const preview: PartnerPreview | null = pending && {
    type: DECIDED,
    payload: {
      partnerReference: c.partnerReference,
      caseNumber: c.caseNumber,
      decision: pending.decision,
      basis: pending.basis,
      ...(pending.decision === 'refused' ? { grounds: pending.grounds } : {}),
      decidedAt: t('actions.atConfirmation'),
      deemed: false,
    },
  };
  const overrides =
    proposal && ((proposal.action === 'accept' && decision === 'refused') || (proposal.action === 'refuse' && decision === 'accepted'));
  return (
    <ActionForm
      c={c}
      id="decide"
      title={t('actions.decide')}
      confirmed={confirmed}
      expects={[DECIDED]}
      preview={preview}
      summary={
        <List size="sm">
          <List.Item>
            {t('decision.label')}: {pending && t(`decision.${pending.decision}`)}
          </List.Item>
          <List.Item>
            {t('decision.basis')}: {pending && t(`basis.${pending.basis}`)}
          </List.Item>
          <List.Item>
            {t('actions.reason')}: {pending?.reason}
          </List.Item>
        </List>
      }
      send={async (v) => {
        const body = {
          decision: v.decision,
          basis: v.basis,
          reason: v.reason.trim(),
          ...(v.decision === 'refused' ? { grounds: v.grounds.trim() } : {}),
        };
        await verification.POST('/verification-cases/{caseNumber}/decision', {
          params: { path: { caseNumber: c.caseNumber } },
          body: body as unknown as Body<'DecisionBody'>,
        });
      }}
    >
      <Group grow align="start">
        <Controller
          control={form.control}
          name="decision"
          render={({ field }) => (
            <Select
              label={t('decision.label')}
              allowDeselect={false}
              data={['accepted', 'refused'].map((d) => ({ value: d, label: t(`decision.${d}`) }))}
              {...field}
            />
          )}
        />
        <Controller
          control={form.control}
          name="basis"
          render={({ field }) => (
            <Select
              label={t('decision.basis')}
              allowDeselect={false}
              data={['proof', 'prima-facie', 'interview', 'registry'].map((b) => ({ value: b, label: t(`basis.${b}`) }))}
              {...field}
            />
          )}
        />
      </Group>
      {overrides && (
        <Text size="sm" c="red.9" role="status">
          {t('actions.overridesProposal')}
        </Text>
      )}
      {decision === 'refused' && (
        <Textarea
          label={t('decision.grounds')}
          description={t('decision.groundsHint')}
          withAsterisk
          autosize
          minRows={2}
          error={form.formState.errors.grounds && t('actions.groundsRequired')}
          {...form.register('grounds', { validate: (v, all) => all.decision !== 'refused' || v.trim().length > 0 })}
        />
      )}
      <Reason form={form} name="reason" label={t('actions.reason')} />
    </ActionForm>
  );
}

export function InterviewAction({ c }: ActionProps) {
  const { t } = useTranslation();
  const confirmed = useConfirmed(c, 'interview', {
    outcome: 'nationality-confirmed',
    notes: '',
    grounds: '',
  });
  const { form, pending } = confirmed;
  const outcome = form.watch('outcome');
  const decides = pending && pending.outcome !== 'did-not-attend';
  const preview: PartnerPreview | null =
    pending && decides
      ? {
          type: DECIDED,
          payload: {
            partnerReference: c.partnerReference,
            caseNumber: c.caseNumber,
            decision: pending.outcome === 'nationality-confirmed' ? 'accepted' : 'refused',
            basis: 'interview',
            ...(pending.outcome === 'nationality-not-confirmed' ? { grounds: pending.grounds } : {}),
            decidedAt: t('actions.atConfirmation'),
            deemed: false,
          },
        }
      : null;
  return (
    <ActionForm
      c={c}
      id="interview"
      title={t('actions.interview')}
      confirmed={confirmed}
      expects={decides ? [DECIDED] : []}
      preview={preview}
      summary={<Text size="sm">{pending && t(`interview.${pending.outcome}`)}</Text>}
      send={async (v) => {
        const body = {
          outcome: v.outcome,
          notes: v.notes.trim(),
          ...(v.outcome === 'nationality-not-confirmed' ? { grounds: v.grounds.trim() } : {}),
        };
        await verification.POST('/verification-cases/{caseNumber}/interview-outcome', {
          params: { path: { caseNumber: c.caseNumber } },
          body: body as unknown as Body<'InterviewOutcomeBody'>,
        });
      }}
    >
      <Controller
        control={form.control}
        name="outcome"
        render={({ field }) => (
          <Select
            label={t('interview.outcome')}
            allowDeselect={false}
            data={['nationality-confirmed', 'nationality-not-confirmed', 'did-not-attend'].map((o) => ({
              value: o,
              label: t(`interview.${o}`),
            }))}
            {...field}
          />
        )}
      />
      <Reason form={form} name="notes" label={t('interview.notes')} min={1} />
      {outcome === 'nationality-not-confirmed' && (
        <Textarea
          label={t('decision.grounds')}
          withAsterisk
          autosize
          error={form.formState.errors.grounds && t('actions.groundsRequired')}
          {...form.register('grounds', { validate: (v, all) => all.outcome !== 'nationality-not-confirmed' || v.trim().length > 0 })}
        />
      )}
    </ActionForm>
  );
}

export function FindingsAction({ c }: ActionProps) {
  const { t } = useTranslation();
  const confirmed = useConfirmed(c, 'findings', { airsideTransitOnly: true, reason: '' });
  const { form } = confirmed;
  return (
    <ActionForm
      c={c}
      id="findings"
      title={t('actions.findings')}
      confirmed={confirmed}
      expects={[DECIDED]}
      preview={null}
      summary={<Text size="sm">{t('findings.consequence')}</Text>}
      send={async (v) => {
        await verification.POST('/verification-cases/{caseNumber}/findings', {
          params: { path: { caseNumber: c.caseNumber } },
          body: { airsideTransitOnly: v.airsideTransitOnly, reason: v.reason.trim() } as unknown as Body<'FindingsBody'>,
        });
      }}
    >
      <Text size="sm">{t('findings.explain')}</Text>
      <Checkbox label={t('findings.airsideTransitOnly')} {...form.register('airsideTransitOnly')} />
      <Reason form={form} name="reason" label={t('actions.reason')} />
    </ActionForm>
  );
}

export function ExtensionAction({ c }: ActionProps) {
  const { t, i18n } = useTranslation();
  const max = c.agreementRules?.timeLimits?.replyExtensionMax;
  const confirmed = useConfirmed(c, 'extension', { days: Math.min(3, max?.value ?? 3), reason: '' });
  const { form, pending } = confirmed;
  const days = form.watch('days');
  // The service counts the extension from the original due date (its calendar); the console shows the same date.
  const dueDate = (n: number) => {
    const d = new Date(new Date(c.originalReplyDueBy).getTime() + 4 * 3600_000 + n * 86_400_000);
    return d.toISOString().slice(0, 10);
  };
  const preview: PartnerPreview | null = pending && {
    type: EXTENDED,
    payload: {
      partnerReference: c.partnerReference,
      caseNumber: c.caseNumber,
      replyDueBy: `${dueDate(pending.days)}T23:59:59+04:00`,
      reason: pending.reason,
    },
  };
  return (
    <ActionForm
      c={c}
      id="extension"
      title={t('actions.extension')}
      confirmed={confirmed}
      expects={[EXTENDED]}
      preview={preview}
      summary={<Text size="sm">{pending && t('extension.summary', { days: pending.days })}</Text>}
      send={async (v) => {
        await verification.POST('/verification-cases/{caseNumber}/extension', {
          params: { path: { caseNumber: c.caseNumber } },
          body: { days: v.days, reason: v.reason.trim() } as unknown as Body<'ExtensionBody'>,
        });
      }}
    >
      <Text size="sm">
        {t('extension.current', { due: formatDateTime(c.replyDueBy, i18n.language) })} {max && t('extension.max', { days: max.value })}
      </Text>
      <Controller
        control={form.control}
        name="days"
        rules={{ validate: (v) => v >= 1 && (!max || v <= max.value) }}
        render={({ field, fieldState }) => (
          <NumberInput
            label={t('extension.days')}
            min={1}
            max={max?.value ?? 60}
            withAsterisk
            error={fieldState.error && t('extension.daysRange', { max: max?.value ?? 60 })}
            description={days ? t('extension.newDue', { date: formatDate(dueDate(Number(days)), i18n.language) }) : undefined}
            {...field}
            onChange={(v) => field.onChange(Number(v))}
          />
        )}
      />
      <Reason form={form} name="reason" label={t('actions.reason')} />
    </ActionForm>
  );
}
