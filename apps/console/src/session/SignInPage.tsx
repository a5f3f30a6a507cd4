import { Alert, Badge, Button, Card, Center, Divider, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useAuth } from 'react-oidc-context';
import { LanguageSwitch } from '../components/Layout';
import { ConsoleConfig } from './config';
import { ROLES, Role } from './roles';
import { rememberLocation, useSession } from './session';

function ProviderSignIn() {
  const { t } = useTranslation();
  const auth = useAuth();
  return (
    <Button
      fullWidth
      onClick={() => {
        rememberLocation();
        void auth.signinRedirect();
      }}
      loading={auth.isLoading}
    >
      {t('signIn.provider')}
    </Button>
  );
}

function DevSignIn() {
  const { t } = useTranslation();
  const { signInDev } = useSession();
  const [error, setError] = useState<string>();
  const { control, register, handleSubmit, formState } = useForm<{ role: Role; name: string }>({
    defaultValues: { role: 'officer', name: '' },
  });
  const submit = handleSubmit(async ({ role, name }) => {
    setError(undefined);
    try {
      await signInDev(role, name.trim());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  });
  return (
    <form onSubmit={submit} aria-labelledby="dev-sign-in-title" noValidate>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h5" id="dev-sign-in-title">
            {t('signIn.devTitle')}
          </Title>
          <Badge color="orange" variant="filled" autoContrast>
            {t('signIn.devBadge')}
          </Badge>
        </Group>
        <Text size="sm">{t('signIn.devExplain')}</Text>
        <Controller
          control={control}
          name="role"
          render={({ field }) => (
            <Select
              label={t('signIn.role')}
              data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              allowDeselect={false}
              {...field}
            />
          )}
        />
        <TextInput
          label={t('signIn.name')}
          withAsterisk
          error={formState.errors.name && t('signIn.nameRequired')}
          {...register('name', { required: true, validate: (v) => v.trim().length > 0 })}
        />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Button type="submit" color="orange" loading={formState.isSubmitting}>
          {t('signIn.devSubmit')}
        </Button>
      </Stack>
    </form>
  );
}

export function SignInPage({ config }: { config: ConsoleConfig }) {
  const { t } = useTranslation();
  const { expired } = useSession();
  return (
    <Center mih="100vh" p="md" component="main">
      <Card withBorder shadow="sm" w={420} maw="100%" padding="lg">
        <Stack>
          <Group justify="space-between">
            <Title order={1} size="h3">
              {t('app.title')}
            </Title>
            <LanguageSwitch />
          </Group>
          <Text>{t('signIn.intro')}</Text>
          {expired && (
            <Alert color="yellow" role="alert">
              {t('signIn.expired')}
            </Alert>
          )}
          {config.oidc && <ProviderSignIn />}
          {config.oidc && config.devSignIn && <Divider label={t('signIn.or')} />}
          {config.devSignIn && <DevSignIn />}
          {!config.oidc && !config.devSignIn && <Alert color="red">{t('signIn.noMethod')}</Alert>}
        </Stack>
      </Card>
    </Center>
  );
}
