import { describe, expect, it, vi } from 'vitest';
import { data, fakeApi } from '../../test/fake-api';
import { api, ApiError, onSignedOut, setAccessToken } from './client';

describe('the API client', () => {
  it('refreshes an expired access token once for every waiting call, then retries them with the new one', async () => {
    setAccessToken('old');
    const calls = fakeApi((req) => {
      if (req.path === '/auth/refresh') return data({ access: 'new', refresh: '' });
      return req.headers.Authorization === 'Bearer new' ? data({ path: req.path }) : { status: 401, body: { success: false, error: 'Expired.', code: 'token_expired' } };
    });
    const answers = await Promise.all([api('/sites'), api('/users'), api('/billing/balance')]);
    expect(answers).toEqual([{ path: '/sites' }, { path: '/users' }, { path: '/billing/balance' }]);
    const refreshes = calls.filter((c) => c.path === '/auth/refresh');
    expect(refreshes).toHaveLength(1);
    // The cookie travels only with the CSRF header that cross-site pages cannot send.
    expect(refreshes[0]!.headers['X-IGNY8-Session']).toBe('cookie');
    expect(refreshes[0]!.body).toEqual({});
  });

  it('ends the session when the refresh is refused, and says so', async () => {
    setAccessToken('old');
    fakeApi(() => ({ status: 401, body: { success: false, error: 'This session has ended; sign in again.', code: 'invalid_token' } }));
    const signedOut = vi.fn();
    const off = onSignedOut(signedOut);
    await expect(api('/sites')).rejects.toMatchObject({ status: 401, code: 'invalid_token' });
    expect(signedOut).toHaveBeenCalledOnce();
    off();
  });

  it('turns an error answer into its sentence, code and field errors', async () => {
    setAccessToken('t');
    fakeApi(() => ({ status: 400, body: { success: false, error: 'The input is not valid.', code: 'invalid_input', errors: { name: ['Enter a name.'] } } }));
    const error = await api('/sites', { method: 'POST', body: {} }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ message: 'The input is not valid.', status: 400, code: 'invalid_input', errors: { name: ['Enter a name.'] } });
  });
});
