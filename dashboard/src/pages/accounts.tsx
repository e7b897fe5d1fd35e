import { SearchControl, SelectControl } from '@wordpress/components';
import type { Field } from '@wordpress/dataviews';
import { useState } from 'react';
import { api } from '../api/client';
import type { Account } from '../api/session';
import type { FormConfig } from '../components/form-modal';
import { TablePage, type TablePageConfig } from '../components/table-page';

type AccountRow = Account & { users: number; sites: number };

const fields: Field<AccountRow>[] = [
  { id: 'name', label: 'Account', enableHiding: false },
  { id: 'status', label: 'Status' },
  { id: 'plan', label: 'Plan', getValue: ({ item }) => item.plan.name },
  { id: 'credits', label: 'Credits', getValue: ({ item }) => item.credits.toLocaleString() },
  { id: 'users', label: 'Users' },
  { id: 'sites', label: 'Sites' },
  { id: 'created_at', label: 'Created', getValue: ({ item }) => new Date(item.created_at).toLocaleDateString() },
];

const STATUSES = [
  { label: 'Any status', value: '' },
  { label: 'Active', value: 'active' },
  { label: 'Trial', value: 'trial' },
  { label: 'Suspended', value: 'suspended' },
  { label: 'Cancelled', value: 'cancelled' },
];

const grantForm = (name: string): FormConfig => ({
  title: `Credits for ${name}`,
  submitLabel: 'Change credits',
  fields: [
    { name: 'amount', label: 'Amount', required: true, help: 'Credits to add; a negative number takes credits away.' },
    { name: 'reason', label: 'Reason', required: true, help: 'Kept in the account’s credit history.' },
    {
      name: 'kind',
      label: 'Kind',
      type: 'select',
      options: [
        { label: 'Adjustment', value: 'adjustment' },
        { label: 'Grant', value: 'grant' },
        { label: 'Purchase', value: 'purchase' },
      ],
    },
  ],
});

// A number the service can judge: anything else goes as typed, so the refusal names the field.
const amountOf = (typed: string) => (/^\s*-?\d+\s*$/.test(typed) ? Number(typed) : typed);

/**
 * Every account, for developers: its status, plan and balance, and a credit grant per account. The
 * app shows it to developers only; the API refuses everyone else anyway.
 */
export function AccountsPage() {
  const [status, setStatus] = useState('');
  const [search, setSearch] = useState('');
  const params = new URLSearchParams();
  if (status) params.set('status', status);
  if (search.trim()) params.set('search', search.trim());
  const query = params.toString();

  const config: TablePageConfig<AccountRow> = {
    title: 'Accounts',
    endpoint: `/accounts${query ? `?${query}` : ''}`,
    fields,
    empty: query ? 'No account matches. Clear the search or choose another status.' : 'No account yet: accounts appear here as people sign up.',
    toolbar: (
      <div className="igny8-filters">
        <SearchControl label="Search accounts by name" value={search} onChange={setSearch} __nextHasNoMarginBottom />
        <SelectControl label="Status" hideLabelFromVision value={status} options={STATUSES} onChange={setStatus} __nextHasNoMarginBottom __next40pxDefaultSize />
      </div>
    ),
    actions: ({ openForm }) => [
      {
        id: 'credits',
        label: 'Change credits',
        callback: ([a]) =>
          openForm(grantForm(a!.name), { kind: 'adjustment' }, (v) =>
            api('/billing/credits', { method: 'POST', body: { account_id: a!.id, amount: amountOf(v.amount ?? ''), reason: v.reason, kind: v.kind } }),
          ),
      },
    ],
  };
  return <TablePage config={config} />;
}
