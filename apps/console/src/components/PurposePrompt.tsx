import { Button, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useSession } from '../session/session';

/**
 * The purpose of reading a page of personal records, for a reader whose work it is not (auditor, oversight): the
 * services refuse such a read without one and record it in the audit trail (`personal-data-read`). The purpose is
 * kept in the address (`?purpose=`), so a reload keeps it; `workRoles` read without one (their work is the purpose).
 */
export function useReadPurpose(workRoles: string[]): { purpose?: string; needed: boolean; give: (purpose: string) => void } {
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const purpose = params.get('purpose')?.trim() || undefined;
  const needed = !session?.roles.some((r) => workRoles.includes(r)) && !purpose;
  const give = (p: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('purpose', p);
        return next;
      },
      { replace: true },
    );
  return { purpose, needed, give };
}

/** Asks why the page is opened before any personal record is read (docs/security.md: read audit with purpose). */
export function PurposePrompt({ title, onPurpose }: { title: string; onPurpose: (purpose: string) => void }) {
  const { t } = useTranslation();
  const { register, handleSubmit, formState } = useForm<{ purpose: string }>({ defaultValues: { purpose: '' } });
  return (
    <Stack maw={720}>
      <Title order={1} size="h2">
        {title}
      </Title>
      <Text size="sm">{t('purpose.explanation')}</Text>
      <form aria-label={t('purpose.label')} onSubmit={handleSubmit((v) => onPurpose(v.purpose.trim()))}>
        <Stack>
          <Textarea
            label={t('purpose.label')}
            autosize
            minRows={2}
            error={formState.errors.purpose && t('actions.reasonRequired', { min: 3 })}
            {...register('purpose', { validate: (v) => v.trim().length >= 3 })}
          />
          <Group>
            <Button type="submit">{t('purpose.open')}</Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
