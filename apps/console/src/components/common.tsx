import { Alert, Badge, Center, List, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** A failed call in words: the service's message, and each problem by path when it gave them. */
export function ErrorNotice({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const api = error instanceof ApiError ? error : undefined;
  const details = Array.isArray(api?.details) ? (api?.details as { path?: string; message?: string }[]) : [];
  return (
    <Alert color="red" title={api ? t(`errors.kind.${api.kind ?? 'http'}`, { status: api.status }) : t('errors.failed')} role="alert">
      <Text size="sm">{error instanceof Error ? error.message : String(error)}</Text>
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
