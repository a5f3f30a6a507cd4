import { Alert, Button, FileInput, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from './common';

/** Loads a JSON document from a file through `post`; every validation error the service lists is shown by path. */
export function LoadFromFile({ label, post }: { label: string; post(body: unknown): Promise<unknown> }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [parseError, setParseError] = useState<string>();
  const queryClient = useQueryClient();
  const load = useMutation({
    mutationFn: async (f: File) => {
      let body: unknown;
      try {
        body = JSON.parse(await f.text());
      } catch (e) {
        setParseError(e instanceof Error ? e.message : String(e));
        throw new Error(t('load.notJson'));
      }
      return post(body);
    },
    onSuccess: () => queryClient.invalidateQueries(),
  });
  return (
    <Stack gap="xs">
      <Group align="end">
        <FileInput
          label={label}
          accept="application/json,.json"
          value={file}
          onChange={(f) => {
            setFile(f);
            setParseError(undefined);
            load.reset();
          }}
          placeholder={t('load.choose')}
          w={360}
        />
        <Button disabled={!file} loading={load.isPending} onClick={() => file && load.mutate(file)}>
          {t('load.submit')}
        </Button>
      </Group>
      {parseError && (
        <Text size="sm" c="red.9">
          {parseError}
        </Text>
      )}
      <ErrorNotice error={load.error} />
      {load.isSuccess && (
        <Alert color="green" role="status">
          {t('load.done')}
        </Alert>
      )}
    </Stack>
  );
}
