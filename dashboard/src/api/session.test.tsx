import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { data, fakeApi } from '../../test/fake-api';
import { ACCOUNT, userOf } from '../../test/render';
import { api } from './client';
import { SessionProvider, useSession } from './session';

function Probe() {
  const { state, signIn, signOut } = useSession();
  return (
    <div>
      <p>{state.status === 'signed-in' ? `in as ${state.user.email}` : state.status}</p>
      <button onClick={() => void signIn('owner@example.com', 'pw').catch(() => {})}>in</button>
      <button onClick={() => void signOut()}>out</button>
    </div>
  );
}

const me = { user: userOf('owner'), account: ACCOUNT };

describe('the session', () => {
  it('starts signed out without asking the service when no session cookie was ever set', async () => {
    const calls = fakeApi(() => undefined);
    render(<SessionProvider><Probe /></SessionProvider>);
    expect(await screen.findByText('signed-out')).toBeTruthy();
    expect(calls).toEqual([]);
  });

  it('resumes a session after a reload from the refresh cookie', async () => {
    document.cookie = 'igny8_session=1';
    const calls = fakeApi((req) => (req.path === '/auth/refresh' ? data({ access: 'a1', refresh: '' }) : req.path === '/auth/me' ? data(me) : undefined));
    render(<SessionProvider><Probe /></SessionProvider>);
    expect(await screen.findByText('in as owner@example.com')).toBeTruthy();
    expect(calls.find((c) => c.path === '/auth/me')?.headers.Authorization).toBe('Bearer a1');
  });

  it('signs in keeping the access token in memory only, and signs out even when the service fails', async () => {
    let down = false;
    const calls = fakeApi((req) => {
      if (req.path === '/auth/signin') return data({ ...me, access: 'a2', refresh: '' });
      if (down) return { status: 503, body: { success: false, error: 'The database is not reachable.', code: 'service_unavailable' } };
      return data(null);
    });
    render(<SessionProvider><Probe /></SessionProvider>);
    await screen.findByText('signed-out');
    await userEvent.click(screen.getByText('in'));
    expect(await screen.findByText('in as owner@example.com')).toBeTruthy();
    expect(calls[0]!.headers['X-IGNY8-Session']).toBe('cookie');
    expect(localStorage.length + sessionStorage.length).toBe(0);
    down = true;
    await act(() => userEvent.click(screen.getByText('out')));
    expect(await screen.findByText('signed-out')).toBeTruthy();
    // The token is forgotten: the next call carries none.
    await api('/sites').catch(() => {});
    expect(calls.at(-1)!.headers.Authorization).toBeUndefined();
  });
});
