import { ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useAuth } from 'react-oidc-context';
import { connectSession } from '../api/client';
import { Role, rolesOf, subjectOf } from './roles';

export interface Session {
  token: string;
  /** The token's subject, as the services record it (assignments, audit trail). */
  subject: string;
  name: string;
  roles: Role[];
  expiresAt: number;
  /** Signed in with the development sign-in, not the identity provider. */
  development: boolean;
}

interface SessionState {
  session: Session | null;
  /** Set when the services stopped accepting the token: the user signs in again and comes back. */
  expired: boolean;
  signInDev(role: Role, name: string): Promise<void>;
  signOut(): void;
}

const KEY = 'console.session';
const RETURN_TO = 'console.returnTo';
const Context = createContext<SessionState | null>(null);

function stored(): Session | null {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    return s && s.expiresAt > Date.now() ? s : null;
  } catch {
    return null;
  }
}

/** Remembers where the user was, so that signing in again comes back there (forms keep their drafts). */
export function rememberLocation(): void {
  sessionStorage.setItem(RETURN_TO, `${location.pathname}${location.search}`);
}
export function takeReturnLocation(): string | null {
  const to = sessionStorage.getItem(RETURN_TO);
  sessionStorage.removeItem(RETURN_TO);
  return to;
}

type Provider = ReturnType<typeof useAuth> | null;

/** With an identity provider configured, its state (react-oidc-context, mounted above) feeds the session. */
function ProviderSession({ children }: { children: ReactNode }) {
  return <Sessions provider={useAuth()}>{children}</Sessions>;
}

export function SessionProvider({ children, oidc }: { children: ReactNode; oidc: boolean }) {
  return oidc ? <ProviderSession>{children}</ProviderSession> : <Sessions provider={null}>{children}</Sessions>;
}

function Sessions({ children, provider }: { children: ReactNode; provider: Provider }) {
  const [session, setSession] = useState<Session | null>(stored);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    const user = provider?.user;
    if (user && !user.expired && user.access_token) {
      const s: Session = {
        token: user.access_token,
        subject: subjectOf(user.access_token),
        name: String(user.profile.name ?? user.profile.preferred_username ?? user.profile.sub),
        roles: rolesOf(user.access_token),
        expiresAt: (user.expires_at ?? 0) * 1000,
        development: false,
      };
      sessionStorage.setItem(KEY, JSON.stringify(s));
      setSession(s);
      setExpired(false);
    }
  }, [provider?.user]);

  const expire = useCallback(() => {
    rememberLocation();
    sessionStorage.removeItem(KEY);
    setSession(null);
    setExpired(true);
  }, []);

  // Before any child renders and fetches (children's effects run before this component's own).
  const current = useRef(session);
  current.current = session;
  connectSession(() => current.current?.token, expire);

  useEffect(() => {
    if (!session) return;
    const left = session.expiresAt - Date.now();
    const timer = setTimeout(expire, Math.max(0, Math.min(left, 2 ** 31 - 1)));
    return () => clearTimeout(timer);
  }, [session, expire]);

  const signInDev = useCallback(async (role: Role, name: string) => {
    const res = await fetch('/dev/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role, name }),
    });
    const body = (await res.json()) as { access_token?: string; expires_in?: number; message?: string };
    if (!res.ok || !body.access_token) throw new Error(body.message ?? res.statusText);
    const s: Session = {
      token: body.access_token,
      subject: subjectOf(body.access_token),
      name,
      roles: rolesOf(body.access_token),
      expiresAt: Date.now() + (body.expires_in ?? 0) * 1000,
      development: true,
    };
    sessionStorage.setItem(KEY, JSON.stringify(s));
    setSession(s);
    setExpired(false);
  }, []);

  const signOut = useCallback(() => {
    sessionStorage.removeItem(KEY);
    setSession(null);
    setExpired(false);
    if (provider?.user) void provider.signoutRedirect().catch(() => provider.removeUser());
  }, [provider]);

  const value = useMemo(() => ({ session, expired, signInDev, signOut }), [session, expired, signInDev, signOut]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(Context);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}

export function useRequiredSession(): Session {
  const { session } = useSession();
  if (!session) throw new Error('no session');
  return session;
}
