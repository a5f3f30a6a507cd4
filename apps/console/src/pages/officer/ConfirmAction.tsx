import { Alert, Button, Code, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { intake, read } from '../../api/client';
import { IntakeCase } from '../../api/types';
import { ErrorNotice } from '../../components/common';

export interface PartnerPreview {
  type: string;
  payload: Record<string, unknown>;
}

/**
 * Every officer action is confirmed first, showing what the partner will receive; once done, it shows the message
 * intake actually sent (read back from the case's partner message history).
 */
export function ConfirmAction(props: {
  opened: boolean;
  title: string;
  summary: ReactNode;
  preview: PartnerPreview | null;
  caseNumber: string;
  onClose(): void;
  onConfirm(): Promise<void>;
  /** Message types the action makes intake send to the partner. */
  expects: string[];
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [doneAt, setDoneAt] = useState<number>();
  const sent = useQuery({
    queryKey: ['sent', props.caseNumber, doneAt],
    enabled: doneAt !== undefined && props.expects.length > 0,
    queryFn: async () => {
      const c = read<IntakeCase>(await intake.GET('/cases/{caseNumber}', { params: { path: { caseNumber: props.caseNumber } } }));
      return (c.history ?? []).filter(
        (m) => m.direction === 'outbound' && props.expects.includes(m.type) && new Date(m.at).getTime() >= (doneAt ?? 0) - 5_000,
      );
    },
    refetchInterval: (q) => (q.state.data?.length ? false : 1_500),
  });
  const close = () => {
    setError(undefined);
    setDoneAt(undefined);
    props.onClose();
  };
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await props.onConfirm();
      setDoneAt(Date.now());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={props.opened} onClose={close} title={props.title} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack>
        {doneAt === undefined ? (
          <>
            <Text fw={500}>{t('actions.confirmQuestion')}</Text>
            {props.summary}
            <Title order={3} size="h5">
              {t('actions.partnerWillReceive')}
            </Title>
            {props.preview ? (
              <>
                <Text size="sm">{props.preview.type}</Text>
                <Code block data-testid="partner-preview" tabIndex={0}>
                  {JSON.stringify(props.preview.payload, null, 2)}
                </Code>
              </>
            ) : (
              <Text size="sm">{t('actions.nothingSent')}</Text>
            )}
            <ErrorNotice error={error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button onClick={() => void confirm()} loading={busy} data-autofocus>
                {t('actions.confirm')}
              </Button>
            </Group>
          </>
        ) : (
          <>
            <Alert color="green" role="status" title={t('actions.done')} />
            {props.expects.length > 0 && (
              <>
                <Title order={3} size="h5">
                  {t('actions.partnerReceived')}
                </Title>
                {sent.data?.length ? (
                  sent.data.map((m) => (
                    <Stack key={m.ceId} gap={4}>
                      <Text size="sm">{m.type}</Text>
                      <Code block data-testid="partner-sent" tabIndex={0}>
                        {JSON.stringify(m.payload, null, 2)}
                      </Code>
                    </Stack>
                  ))
                ) : (
                  <Text size="sm" role="status">
                    {t('actions.waitingForPartnerMessage')}
                  </Text>
                )}
              </>
            )}
            <Group justify="flex-end">
              <Button onClick={close}>{t('common.close')}</Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
