import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, renderSignedIn, userOf } from '../../test/render';
import { data, fakeApi, list } from '../../test/fake-api';
import { AccountsPage } from './accounts';

const rows = [
  { ...ACCOUNT, id: 'a1', name: 'Acme', credits: 1200, users: 3, sites: 2 },
  { ...ACCOUNT, id: 'a2', name: 'Bolt', status: 'suspended', credits: 0, users: 1, sites: 0 },
];

describe('the accounts console', () => {
  it('lists accounts with status, plan and credits, and filters by status', async () => {
    const calls = fakeApi((req) => (req.path.startsWith('/accounts') ? list(req.path.includes('status=suspended') ? [rows[1]] : rows) : undefined));
    renderSignedIn(<AccountsPage />, userOf('developer'));
    const acme = (await screen.findByText('Acme')).closest('tr')!;
    expect(within(acme).getByText('1,200')).toBeTruthy();
    expect(within(acme).getByText('Free')).toBeTruthy();
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'suspended');
    await waitFor(() => expect(screen.queryByText('Acme')).toBeNull());
    expect(screen.getByText('Bolt')).toBeTruthy();
    expect(calls.at(-1)!.path).toMatch(/^\/accounts\?status=suspended&page=1/);
  });

  it('changes an account’s credits and shows the service’s refusal in its words', async () => {
    const calls = fakeApi((req) => {
      if (req.method === 'GET') return list(rows);
      const body = req.body as { amount: unknown };
      if (typeof body.amount !== 'number') {
        return { status: 400, body: { success: false, error: 'The input is not valid.', code: 'invalid_input', errors: { amount: ['Invalid input: expected number, received string'] } } };
      }
      return { status: 201, ...data({ balance_after: 1700 }) };
    });
    renderSignedIn(<AccountsPage />, userOf('developer'));
    const acme = (await screen.findByText('Acme')).closest('tr')!;
    await userEvent.click(within(acme).getByRole('button', { name: 'Actions' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Change credits' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText('Amount'), 'lots');
    await userEvent.type(within(dialog).getByLabelText('Reason'), 'Launch bonus');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Change credits' }));
    expect(await within(dialog).findByText('Invalid input: expected number, received string')).toBeTruthy();
    await userEvent.clear(within(dialog).getByLabelText('Amount'));
    await userEvent.type(within(dialog).getByLabelText('Amount'), '500');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Change credits' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.filter((c) => c.method === 'POST').at(-1)).toMatchObject({
      path: '/billing/credits',
      body: { account_id: 'a1', amount: 500, reason: 'Launch bonus', kind: 'adjustment' },
    });
  });
});
