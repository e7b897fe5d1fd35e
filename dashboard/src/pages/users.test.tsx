import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { data, fakeApi, list } from '../../test/fake-api';
import { renderSignedIn, userOf } from '../../test/render';
import { UsersPage } from './users';

const team = [userOf('owner'), userOf('admin'), userOf('editor'), userOf('viewer')];

async function rowActions(email: string) {
  const row = (await screen.findByText(email)).closest('tr')!;
  const menu = within(row).queryByRole('button', { name: 'Actions' });
  if (!menu) return [];
  await userEvent.click(menu);
  return (await screen.findAllByRole('menuitem')).map((m) => m.textContent);
}

describe('the users page mirrors the permission rules', () => {
  it('gives a viewer no button to add, change or remove anyone', async () => {
    fakeApi((req) => (req.path.startsWith('/users') ? list(team) : undefined));
    renderSignedIn(<UsersPage />, team[3]!);
    await screen.findByText('editor@example.com');
    expect(screen.queryByRole('button', { name: 'Add user' })).toBeNull();
    expect(await rowActions('editor@example.com')).toEqual([]);
  });

  it('lets an admin change editors but not the owner, and offers no role above admin', async () => {
    const calls = fakeApi((req) => {
      if (req.method === 'GET' && req.path.startsWith('/users')) return list(team);
      if (req.method === 'PATCH') return data({ ...team[2], role: 'viewer' });
      return undefined;
    });
    renderSignedIn(<UsersPage />, team[1]!);
    await screen.findByText('owner@example.com');
    expect(await rowActions('owner@example.com')).toEqual([]);
    await userEvent.keyboard('{Escape}');
    expect(await rowActions('editor@example.com')).toEqual(['Change role', 'Remove']);
    await userEvent.click(screen.getByRole('menuitem', { name: 'Change role' }));
    const dialog = await screen.findByRole('dialog');
    const options = within(dialog).getAllByRole('option').map((o) => o.textContent);
    expect(options).toEqual(['Admin', 'Editor', 'Viewer']);
    await userEvent.selectOptions(within(dialog).getByLabelText('Role'), 'viewer');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'PATCH')).toMatchObject({ path: '/users/u-editor', body: { role: 'viewer' } }));
  });

  it('shows the service’s refusal in its own words', async () => {
    fakeApi((req) => {
      if (req.method === 'GET') return list(team);
      return { status: 400, body: { success: false, error: 'The input is not valid.', code: 'invalid_input', errors: { password: ['This password is too common.'] } } };
    });
    renderSignedIn(<UsersPage />, team[0]!);
    await userEvent.click(await screen.findByRole('button', { name: 'Add user' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText('Email'), 'new@example.com');
    await userEvent.type(within(dialog).getByLabelText('First password'), 'password123');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add user' }));
    expect(await within(dialog).findByText('This password is too common.')).toBeTruthy();
    expect(within(dialog).getByText('The input is not valid.')).toBeTruthy();
  });
});
