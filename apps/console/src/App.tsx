import { CSSVariablesResolver, MantineProvider, createTheme } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ComponentType, Suspense, lazy, useEffect, useState } from 'react';
import { AuthProvider } from 'react-oidc-context';
import { User, WebStorageStateStore } from 'oidc-client-ts';
import { BrowserRouter, Navigate, Route, Routes, useNavigate } from 'react-router-dom';
import { ApiError } from './api/client';
import { ErrorNotice, Loading } from './components/common';
import { Layout } from './components/Layout';
import { ConsoleConfig, loadConfig } from './session/config';
import { HOME, Role, rolesOf } from './session/roles';
import { SessionProvider, takeReturnLocation, useSession } from './session/session';
import { SignInPage } from './session/SignInPage';

// Each role's pages are a chunk of their own, loaded when a page of that role is first opened (code splitting):
// the sign-in and the shell come with the first load, an officer never downloads the auditor's charts.
const officer = () => import('./pages/officer');
const border = () => import('./pages/border');
const caseWorker = () => import('./pages/caseworker');
const auditor = () => import('./pages/auditor');
const admin = () => import('./pages/admin');
const costs = () => import('./pages/costs');
function page<M, K extends keyof M>(chunk: () => Promise<M>, name: K) {
  return lazy(() => chunk().then((m) => ({ default: m[name] as ComponentType })));
}
const QueuePage = page(officer, 'QueuePage');
const ConfirmationsPage = page(officer, 'ConfirmationsPage');
const SearchPage = page(officer, 'SearchPage');
const OutgoingPage = page(officer, 'OutgoingPage');
const CasePage = page(officer, 'CasePage');
const TransitsPage = page(officer, 'TransitsPage');
const TransitPage = page(officer, 'TransitPage');
const MistakeReturnsPage = page(officer, 'MistakeReturnsPage');
const BorderProceduresPage = page(border, 'ProceduresPage');
const CostsPage = page(costs, 'CostsPage');
const ArrivalsPage = page(border, 'ArrivalsPage');
const ReintegrationCasesPage = page(caseWorker, 'ReintegrationCasesPage');
const ReintegrationCasePage = page(caseWorker, 'ReintegrationCasePage');
const StatisticsPage = page(auditor, 'StatisticsPage');
const AuditTrailPage = page(auditor, 'AuditTrailPage');
const RulebooksPage = page(admin, 'RulebooksPage');
const CalendarsPage = page(admin, 'CalendarsPage');
const ReferenceDataPage = page(admin, 'ReferenceDataPage');

// The default blue fails WCAG AA contrast with white text on filled buttons at small sizes; a darker primary does not.
// Text on a filled colour is black or white, whichever gives at least 4.5:1 (WCAG relative luminance cut at 0.18).
const theme = createTheme({ primaryColor: 'indigo', primaryShade: 8, autoContrast: true, luminanceThreshold: 0.18 });

// Mantine's dimmed text and placeholders are too pale for WCAG 2.1 AA (4.5:1) on white: gray 7 is 7:1.
const resolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: { '--mantine-color-dimmed': t.colors.gray[7], '--mantine-color-placeholder': t.colors.gray[7] },
  dark: {},
});

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2, staleTime: 5_000 },
  },
});

function Guard({ roles, children }: { roles: Role[]; children: React.ReactNode }) {
  const { session } = useSession();
  if (!session) return null;
  if (!roles.some((r) => session.roles.includes(r))) return <Navigate to="/" replace />;
  return (
    <Layout>
      <Suspense fallback={<Loading />}>{children}</Suspense>
    </Layout>
  );
}

function Home() {
  const { session } = useSession();
  const first = session?.roles[0];
  return <Navigate to={first ? HOME[first] : '/'} replace />;
}

function Routed({ config }: { config: ConsoleConfig }) {
  const { session } = useSession();
  const navigate = useNavigate();
  useEffect(() => {
    if (!session) return;
    const back = takeReturnLocation();
    if (back && back !== location.pathname + location.search) navigate(back, { replace: true });
  }, [session, navigate]);
  if (!session) return <SignInPage config={config} />;
  return (
    <Routes>
      <Route path="/" element={<Home />} />
      <Route
        path="/officer"
        element={
          <Guard roles={['officer']}>
            <QueuePage />
          </Guard>
        }
      />
      <Route
        path="/officer/confirmations"
        element={
          <Guard roles={['officer']}>
            <ConfirmationsPage />
          </Guard>
        }
      />
      <Route
        path="/officer/search"
        element={
          <Guard roles={['officer']}>
            <SearchPage />
          </Guard>
        }
      />
      <Route
        path="/officer/outgoing"
        element={
          <Guard roles={['officer']}>
            <OutgoingPage />
          </Guard>
        }
      />
      <Route
        path="/officer/transits"
        element={
          <Guard roles={['officer']}>
            <TransitsPage />
          </Guard>
        }
      />
      <Route
        path="/officer/transits/:partnerCode/:transitReference"
        element={
          <Guard roles={['officer']}>
            <TransitPage />
          </Guard>
        }
      />
      <Route
        path="/officer/mistake-returns"
        element={
          <Guard roles={['officer']}>
            <MistakeReturnsPage />
          </Guard>
        }
      />
      <Route
        path="/officer/costs"
        element={
          <Guard roles={['officer', 'auditor', 'admin']}>
            <CostsPage />
          </Guard>
        }
      />
      <Route
        path="/border/procedures"
        element={
          <Guard roles={['border-officer']}>
            <BorderProceduresPage />
          </Guard>
        }
      />
      <Route
        path="/officer/cases/:caseNumber"
        element={
          <Guard roles={['officer', 'auditor']}>
            <CasePage />
          </Guard>
        }
      />
      <Route
        path="/border"
        element={
          <Guard roles={['border-officer']}>
            <ArrivalsPage />
          </Guard>
        }
      />
      <Route
        path="/reintegration"
        element={
          <Guard roles={['case-worker']}>
            <ReintegrationCasesPage />
          </Guard>
        }
      />
      <Route
        path="/reintegration/:caseNumber"
        element={
          <Guard roles={['case-worker']}>
            <ReintegrationCasePage />
          </Guard>
        }
      />
      <Route
        path="/auditor/statistics"
        element={
          <Guard roles={['auditor', 'oversight', 'admin']}>
            <StatisticsPage />
          </Guard>
        }
      />
      <Route
        path="/auditor/audit"
        element={
          <Guard roles={['auditor', 'oversight']}>
            <AuditTrailPage />
          </Guard>
        }
      />
      <Route
        path="/admin/rulebooks"
        element={
          <Guard roles={['admin']}>
            <RulebooksPage />
          </Guard>
        }
      />
      <Route
        path="/admin/calendars"
        element={
          <Guard roles={['admin']}>
            <CalendarsPage />
          </Guard>
        }
      />
      <Route
        path="/admin/reference"
        element={
          <Guard roles={['admin']}>
            <ReferenceDataPage />
          </Guard>
        }
      />
      <Route path="*" element={<Home />} />
    </Routes>
  );
}

/**
 * Back from the identity provider (`?code=…&state=…` exchanged for tokens): the address is replaced by the role's page
 * (or where an expired session left off, which the router restores), loaded afresh with the session in place.
 */
function signedIn(user: User | undefined | void): void {
  const first = user ? rolesOf(user.access_token)[0] : undefined;
  location.replace(first ? HOME[first] : '/');
}

export function App() {
  const [config, setConfig] = useState<ConsoleConfig>();
  const [error, setError] = useState<unknown>();
  useEffect(() => void loadConfig().then(setConfig, setError), []);
  const body = error ? <ErrorNotice error={error} /> : !config ? <Loading /> : null;
  const routed = config && (
    <SessionProvider oidc={Boolean(config.oidc)}>
      <BrowserRouter>
        <Routed config={config} />
      </BrowserRouter>
    </SessionProvider>
  );
  return (
    <MantineProvider theme={theme} cssVariablesResolver={resolver}>
      <QueryClientProvider client={queryClient}>
        {body}
        {config?.oidc ? (
          <AuthProvider
            authority={config.oidc.authority}
            client_id={config.oidc.clientId}
            redirect_uri={`${location.origin}/`}
            post_logout_redirect_uri={`${location.origin}/`}
            scope={config.oidc.scope ?? 'openid profile'}
            userStore={new WebStorageStateStore({ store: sessionStorage })}
            onSigninCallback={signedIn}
          >
            {routed}
          </AuthProvider>
        ) : (
          routed
        )}
      </QueryClientProvider>
    </MantineProvider>
  );
}
