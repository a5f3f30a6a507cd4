import { AppShell, Badge, Burger, Button, Group, NavLink, SegmentedControl, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { useRequiredSession, useSession } from '../session/session';
import { Role } from '../session/roles';
import { LANGUAGES } from '../i18n';

const NAV: { role: Role; to: string; label: string }[] = [
  { role: 'officer', to: '/officer', label: 'nav.queue' },
  { role: 'officer', to: '/officer/confirmations', label: 'nav.confirmations' },
  { role: 'officer', to: '/officer/search', label: 'nav.search' },
  { role: 'officer', to: '/officer/outgoing', label: 'nav.outgoing' },
  { role: 'officer', to: '/officer/transits', label: 'navProcedures.transits' },
  { role: 'officer', to: '/officer/mistake-returns', label: 'navProcedures.mistakes' },
  { role: 'officer', to: '/officer/costs', label: 'navProcedures.costs' },
  { role: 'border-officer', to: '/border', label: 'nav.arrivals' },
  { role: 'border-officer', to: '/border/procedures', label: 'navProcedures.borderProcedures' },
  { role: 'case-worker', to: '/reintegration', label: 'nav.reintegration' },
  { role: 'auditor', to: '/auditor/statistics', label: 'nav.statistics' },
  { role: 'auditor', to: '/auditor/audit', label: 'nav.audit' },
  { role: 'auditor', to: '/officer/costs', label: 'navProcedures.costs' },
  { role: 'oversight', to: '/auditor/statistics', label: 'nav.statistics' },
  { role: 'oversight', to: '/auditor/audit', label: 'nav.audit' },
  { role: 'admin', to: '/admin/rulebooks', label: 'nav.rulebooks' },
  { role: 'admin', to: '/admin/calendars', label: 'nav.calendars' },
  { role: 'admin', to: '/admin/reference', label: 'nav.reference' },
  { role: 'admin', to: '/auditor/statistics', label: 'nav.statistics' },
  { role: 'admin', to: '/officer/costs', label: 'navProcedures.costs' },
];

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Group gap={6} role="group" aria-label={t('common.language')}>
      <SegmentedControl
        size="xs"
        value={i18n.resolvedLanguage ?? 'az'}
        onChange={(lng) => void i18n.changeLanguage(lng)}
        data={LANGUAGES.map((lng) => ({ value: lng, label: t(`languages.${lng}`) }))}
        aria-label={t('common.language')}
      />
    </Group>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useRequiredSession();
  const { signOut } = useSession();
  const [opened, { toggle, close }] = useDisclosure();
  const { pathname } = useLocation();
  const items = NAV.filter((n) => session.roles.includes(n.role)).filter((n, i, all) => all.findIndex((m) => m.to === n.to) === i);
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 240, breakpoint: 'md', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label={t('nav.menu')} />
            <Title order={1} size="h4">
              {t('app.title')}
            </Title>
            {session.development && (
              <Badge color="orange" variant="filled" autoContrast data-testid="dev-badge">
                {t('signIn.devBadge')}
              </Badge>
            )}
          </Group>
          <Group wrap="nowrap" gap="sm">
            <LanguageSwitch />
            <Text size="sm" visibleFrom="sm">
              {session.name} · {session.roles.map((r) => t(`roles.${r}`)).join(', ')}
            </Text>
            <Button variant="default" size="xs" onClick={signOut}>
              {t('signIn.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
        <Stack gap={2} component="nav" aria-label={t('nav.label')}>
          {items.map((n) => (
            <NavLink
              key={n.to}
              component={Link}
              to={n.to}
              label={t(n.label)}
              active={pathname === n.to}
              variant="filled"
              onClick={close}
              aria-current={pathname === n.to ? 'page' : undefined}
            />
          ))}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main>
        <VisuallyHidden>
          <a href="#main">{t('nav.skip')}</a>
        </VisuallyHidden>
        <main id="main">{children}</main>
      </AppShell.Main>
    </AppShell>
  );
}
