import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { data, fakeApi } from '../../test/fake-api';
import { renderSignedIn, userOf } from '../../test/render';
import { ConnectCodePanel } from './connect-code';

describe('the connect code panel', () => {
  it('makes a code on request, shows it with its expiry and copies it', async () => {
    const calls = fakeApi((req) =>
      req.method === 'POST' && req.path === '/sites/s1/connect-codes' ? { status: 201, ...data({ code: 'ABCD-1234', expires_at: '2026-11-27T12:15:00Z' }) } : undefined,
    );
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderSignedIn(<ConnectCodePanel siteId="s1" />, userOf('owner'));
    expect(screen.queryByLabelText('Connect code')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Create connect code' }));
    expect(await screen.findByLabelText('Connect code')).toHaveProperty('value', 'ABCD-1234');
    expect(screen.getByText(/Valid once, until/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Copy code' }));
    expect(writeText).toHaveBeenCalledWith('ABCD-1234');
    expect(screen.getByRole('button', { name: 'Copied' })).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });

  it('shows the API’s refusal in its own words', async () => {
    fakeApi((req) =>
      req.method === 'POST' ? { status: 403, body: { success: false, error: 'Only owners and admins can connect sites.', code: 'forbidden', request_id: 'r' } } : undefined,
    );
    renderSignedIn(<ConnectCodePanel siteId="s1" />, userOf('admin'));
    await userEvent.click(screen.getByRole('button', { name: 'Create connect code' }));
    // The notice also speaks its text to screen readers through a live region; look at the notice itself.
    expect(await screen.findByText('Only owners and admins can connect sites.', { selector: '.components-notice__content' })).toBeTruthy();
    expect(screen.queryByLabelText('Connect code')).toBeNull();
  });
});
