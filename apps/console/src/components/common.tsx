import { Alert, Badge, Center, List, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { errorInWords } from '../lib/rule-text';

/**
 * A failed call in words: what it means in the interface's language (by the rule's code when the service named one, by
 * the error's kind otherwise), the service's own message as the detail, and each problem by path when it gave them.
 */
export function ErrorNotice({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const api = error instanceof ApiError ? error : undefined;
  const details = Array.isArray(api?.details) ? (api?.details as { path?: string; message?: string }[]) : [];
  const words = api && errorInWords(i18n, api);
  return (
    <Alert color="red" title={words ? t(`errors.kind.${words.kind}`, { status: api.status }) : t('errors.failed')} role="alert">
      {words ? (
        <>
          <Text size="sm" data-testid="error-words">
            {words.text}
          </Text>
          <Text size="xs" mt={4}>
            {t('errors.serviceSaid')}:{' '}
            <Text span size="xs" lang="en" data-testid="error-service-message">
              {api.message}
            </Text>
          </Text>
        </>
      ) : (
        <Text size="sm">{error instanceof Error ? error.message : String(error)}</Text>
      )}
      {details.length > 0 && (
        <List size="sm" mt="xs" data-testid="error-details">
          {details.map((d, i) => (
            <List.Item key={i}>
              <Text span ff="monospace" size="sm">
                {d.path || '/'}
              </Text>
              : {d.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Loader size="sm" aria-hidden />
      <Text ml="sm">{t('common.loading')}</Text>
    </Center>
  );
}

export function Empty({ children }: { children?: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <Text c="dimmed" py="md" role="status">
      {children ?? t('common.empty')}
    </Text>
  );
}

const STATUS_COLOURS: Record<string, string> = { verified: 'green', comparable: 'yellow', assumed: 'red' };
/** A rule value's status: verified, comparable or assumed (unconfirmed values stand out). */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOURS[status] ?? 'gray'} variant="filled" autoContrast>
      {t(`valueStatus.${status}`)}
    </Badge>
  );
}

const ALERT_COLOURS: Record<string, string> = { none: 'gray', '72h': 'yellow', '24h': 'orange', overdue: 'red' };
export function AlertBadge({ alert }: { alert: string }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={ALERT_COLOURS[alert] ?? (alert === 'none' ? 'gray' : 'orange')}
      variant={alert === 'none' ? 'outline' : 'filled'}
      autoContrast
    >
      {/^\d+h$/.test(alert) ? t('alert.within', { count: parseInt(alert, 10), hours: parseInt(alert, 10) }) : t(`alert.${alert}`)}
    </Badge>
  );
}
