import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Role } from '@igny8/shared/roles';
import { api, mayHaveSession, onSignedOut, refreshSession, setAccessToken } from './client';

export type User = { id: string; email: string; name: string; role: Role; is_active: boolean; last_login_at: string | null; created_at: string };
export type Plan = { slug: string; name: string; included_credits: number; max_sites: number; max_users: number };
export type Account = { id: string; name: string; status: string; credits: number; plan: Plan; created_at: string };
type Me = { user: User; account: Account };

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; user: User; account: Account };

export type Session = {
  state: SessionState;
  signIn(email: string, password: string): Promise<void>;
  signUp(input: { email: string; password: string; account_name: string }): Promise<void>;
  signOut(): Promise<void>;
  reload(): Promise<void>;
};

/** Exported for tests, which render pages inside a given session. */
export const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const start = useCallback(async (path: string, body: unknown) => {
    const s = await api<Me & { access: string }>(path, { method: 'POST', body });
    setAccessToken(s.access);
    setState({ status: 'signed-in', user: s.user, account: s.account });
  }, []);

  const reload = useCallback(async () => {
    const me = await api<Me>('/auth/me');
    setState({ status: 'signed-in', ...me });
  }, []);

  useEffect(() => {
    // A page reload keeps the session: the refresh cookie survives it, the access token does not.
    let live = true;
    void (mayHaveSession() ? refreshSession() : Promise.resolve(false)).then(async (ok) => {
      if (!live) return;
      if (!ok) return setState({ status: 'signed-out' });
      try {
        await reload();
      } catch {
        setState({ status: 'signed-out' });
      }
    });
    const off = onSignedOut(() => setState({ status: 'signed-out' }));
    return () => {
      live = false;
      off();
    };
  }, [reload]);

  const value = useMemo<Session>(
    () => ({
      state,
      reload,
      signIn: (email, password) => start('/auth/signin', { email, password }),
      signUp: (input) => start('/auth/signup', input),
      signOut: async () => {
        // Signed out here whatever the service says: the token is forgotten, the cookie cleared by its answer.
        await api('/auth/signout', { method: 'POST' }).catch(() => undefined);
        setAccessToken(null);
        setState({ status: 'signed-out' });
      },
    }),
    [state, reload, start],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user and account; only for pages shown after sign-in. */
export function useSignedIn() {
  const { state, reload } = useSession();
  if (state.status !== 'signed-in') throw new Error('useSignedIn before sign-in');
  return { user: state.user, account: state.account, reload };
}
