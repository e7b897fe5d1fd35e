import apiFetch from '@wordpress/api-fetch';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsScreen } from '../../src/admin/settings';

// api-fetch's fetch-handler seam stands in for WordPress: the screen sends exactly what it would
// send to the plugin's routes, and gets what they would answer.
type Call = { path: string; method: string; data?: unknown };
type Answer = (call: Call) => unknown;
let answer: Answer = () => ({});
const calls: Call[] = [];
apiFetch.setFetchHandler(async (options) => {
  const call = { path: String(options.path).replace(/[?&]_locale=user/, ''), method: options.method ?? 'GET', data: options.data };
  calls.push(call);
  const result = answer(call);
  if (result instanceof Error) throw (result as Error & { body: unknown }).body;
  return result;
});
afterEach(() => {
  cleanup();
  calls.length = 0;
  answer = () => ({});
});

const disconnected = {
  connected: false, service_url: '', service_url_fixed: false, site_id: null, account_name: '', site_name: '',
  app_password: false, app_passwords_available: true,
};
const connected = { ...disconnected, connected: true, service_url: 'https://igny8.example', site_id: 'site-1', account_name: 'Acme', site_name: 'Blog', app_password: true };
const abilities = {
  available: true,
  abilities: [
    { name: 'igny8/list-clusters', label: 'List keyword clusters', description: 'Lists clusters.', mcp_public: false },
    { name: 'igny8/publish', label: 'Publish an article', description: 'Publishes.', mcp_public: true },
  ],
};
const refusal = (code: string, message: string, status: number) => Object.assign(new Error(message), { body: { code, message, data: { status } } });

/** A notice's text (the live region for screen readers repeats it, so look in the notices only). */
const notice = (text: string) =>
  waitFor(() => expect([...document.querySelectorAll('.components-notice__content')].map((n) => n.textContent)).toContainEqual(expect.stringContaining(text)));

function site(call: Call): unknown {
  if (call.path.startsWith('/igny8/v1/service/billing/balance')) return { success: true, data: { credits: 42, reserved: 3 } };
  if (call.path.startsWith('/igny8/v1/service/sites/site-1/sectors')) return { success: true, count: 1, next: null, previous: null, results: [{ id: 's1', name: 'Coffee' }] };
  if (call.path.startsWith('/igny8/v1/service/thinker/author-profiles')) return { success: true, count: 0, next: null, previous: null, results: [] };
  if (call.path.startsWith('/igny8/v1/service/system/integrations/')) return refusal('forbidden', 'Only owners and admins can see integrations.', 403);
  return undefined;
}

// Typing with user-event is slow on a shared two-core machine.
describe('the settings screen', { timeout: 30_000 }, () => {
  it('connects with the URL, the code and the consent to an application password, then shows the site', async () => {
    answer = (call) => {
      if (call.path === '/igny8/v1/connection') return call.method === 'POST' ? connected : disconnected;
      if (call.path === '/igny8/v1/settings/abilities') return abilities;
      return site(call);
    };
    render(<SettingsScreen />);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Service URL'), 'https://igny8.example');
    await user.type(screen.getByLabelText('Connect code'), '  code-123 ');
    await user.click(screen.getByRole('button', { name: 'Connect' }));

    await screen.findByText('Connected as the site “Blog” of the account “Acme” at https://igny8.example.');
    expect(calls.find((c) => c.method === 'POST')).toEqual({ path: '/igny8/v1/connection', method: 'POST', data: { service_url: 'https://igny8.example', code: 'code-123', create_app_password: true } });
    await screen.findByText('42 credits left (3 held by runs in progress).');
    await screen.findByText('Coffee');
    // A section the service refuses says why, and the others still show.
    await notice('Only owners and admins can see integrations.');
  });

  it('shows the service’s refusal of a code and stays on the form', async () => {
    answer = (call) => {
      if (call.path === '/igny8/v1/connection') {
        return call.method === 'POST' ? refusal('invalid_credentials', 'The connect code is unknown, used or expired.', 401) : { ...disconnected, service_url: 'https://fixed.example', service_url_fixed: true };
      }
      return abilities;
    };
    render(<SettingsScreen />);
    const user = userEvent.setup();
    const url = await screen.findByLabelText('Service URL');
    expect(url).toHaveProperty('readOnly', true);
    await user.type(screen.getByLabelText('Connect code'), 'old');
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    await notice('The connect code is unknown, used or expired.');
    // A URL fixed in wp-config.php is not sent.
    expect(calls.find((c) => c.method === 'POST')?.data).toEqual({ code: 'old', create_app_password: true });
    expect(screen.getByRole('button', { name: 'Connect' })).toBeTruthy();
  });

  it('saves an ability switch at once and puts it back when WordPress refuses', async () => {
    let refuse = false;
    answer = (call) => {
      if (call.path === '/igny8/v1/connection') return disconnected;
      if (call.method === 'POST') {
        if (refuse) return refusal('rest_forbidden', 'Sorry, you are not allowed to do that.', 403);
        const names = (call.data as { mcp_public: string[] }).mcp_public;
        return { ...abilities, abilities: abilities.abilities.map((a) => ({ ...a, mcp_public: names.includes(a.name) })) };
      }
      return abilities;
    };
    render(<SettingsScreen />);
    const user = userEvent.setup();
    const toggle = await screen.findByLabelText('List keyword clusters');
    await user.click(toggle);
    await waitFor(() => expect((toggle as HTMLInputElement).checked).toBe(true));
    expect(calls.filter((c) => c.method === 'POST').at(-1)?.data).toEqual({ mcp_public: ['igny8/list-clusters', 'igny8/publish'] });

    refuse = true;
    const publish = screen.getByLabelText('Publish an article') as HTMLInputElement;
    await user.click(publish);
    await notice('Sorry, you are not allowed to do that.');
    expect(publish.checked).toBe(true);
  });

  it('says abilities need a newer WordPress where the Abilities API is missing', async () => {
    answer = (call) => (call.path === '/igny8/v1/connection' ? disconnected : { ...abilities, available: false });
    render(<SettingsScreen />);
    await notice('Abilities need WordPress 6.9 or later; this site runs an older version.');
    expect(screen.queryByLabelText('List keyword clusters')).toBeNull();
  });
});
