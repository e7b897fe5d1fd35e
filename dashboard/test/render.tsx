import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { Role } from '@igny8/shared/roles';
import { SessionContext, type Account, type Session, type User } from '../src/api/session';

export const ACCOUNT: Account = {
  id: 'a1',
  name: 'Acme',
  status: 'active',
  credits: 100,
  plan: { slug: 'free', name: 'Free', included_credits: 100, max_sites: 1, max_users: 3 },
  created_at: '2026-01-01T00:00:00Z',
};

export const userOf = (role: Role, id = `u-${role}`): User => ({
  id,
  email: `${role}@example.com`,
  name: '',
  role,
  is_active: true,
  last_login_at: null,
  created_at: '2026-01-01T00:00:00Z',
});

/** Renders a page inside a signed-in session of the given user. */
export function renderSignedIn(ui: ReactNode, user: User) {
  const session: Session = {
    state: { status: 'signed-in', user, account: ACCOUNT },
    signIn: async () => {},
    signUp: async () => {},
    signOut: async () => {},
    reload: async () => {},
  };
  return render(<SessionContext.Provider value={session}>{ui}</SessionContext.Provider>);
}
