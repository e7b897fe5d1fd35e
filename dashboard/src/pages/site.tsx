import type { Field } from '@wordpress/dataviews';
import { can } from '@igny8/shared/roles';
import { Link } from 'wouter';
import { api, type ListPage } from '../api/client';
import { useSignedIn, type User } from '../api/session';
import { useResource } from '../api/use-resource';
import { ConnectCodePanel } from '../components/connect-code';
import { ErrorNotice } from '../components/error-notice';
import type { FormConfig } from '../components/form-modal';
import { TablePage, type TablePageConfig } from '../components/table-page';
import { filled, type Site } from './sites';

type Sector = { id: string; name: string; description: string; status: string };
type Access = { id: string; user_id: string; email: string; role: string };

const sectorForm = (title: string, submitLabel: string): FormConfig => ({
  title,
  submitLabel,
  fields: [
    { name: 'name', label: 'Sector name', required: true },
    { name: 'description', label: 'Description', type: 'textarea' },
  ],
});

const sectorFields: Field<Sector>[] = [
  { id: 'name', label: 'Name', enableHiding: false },
  { id: 'description', label: 'Description' },
  { id: 'status', label: 'Status' },
];
const accessFields: Field<Access>[] = [
  { id: 'email', label: 'User', enableHiding: false },
  { id: 'role', label: 'Role' },
];

/** One site: its sectors, and which editors and viewers may see it. */
export function SitePage({ id }: { id: string }) {
  const { user } = useSignedIn();
  const site = useResource<Site>(`/sites/${id}`);
  const manageSites = can(user.role, 'manage_sites');
  const manageUsers = can(user.role, 'manage_users');
  // Only editors and viewers need a grant: owners and admins see every site.
  const users = useResource<ListPage<User>>(manageUsers ? '/users?page_size=500' : null);
  const grantable = (users.data?.results ?? []).filter((u) => u.role === 'editor' || u.role === 'viewer');

  const sectors: TablePageConfig<Sector> = {
    title: 'Sectors',
    heading: 'h2',
    endpoint: `/sites/${id}/sectors`,
    fields: sectorFields,
    empty: manageSites ? 'No sectors yet. Add up to five sectors: keywords, clusters and content are planned inside one.' : 'This site has no sectors yet.',
    create: manageSites ? { label: 'Add sector', form: sectorForm('Add a sector', 'Add sector'), submit: (v) => api(`/sites/${id}/sectors`, { method: 'POST', body: filled(v) }) } : null,
    actions: ({ openForm, act }) =>
      manageSites
        ? [
            {
              id: 'edit',
              label: 'Edit',
              callback: ([s]) => openForm(sectorForm(`Edit ${s!.name}`, 'Save'), { name: s!.name, description: s!.description }, (v) => api(`/sectors/${s!.id}`, { method: 'PATCH', body: v })),
            },
            {
              id: 'status',
              label: ([s]) => (s?.status === 'active' ? 'Deactivate' : 'Activate'),
              callback: ([s]) => act(() => api(`/sectors/${s!.id}`, { method: 'PATCH', body: { status: s!.status === 'active' ? 'inactive' : 'active' } })),
            },
          ]
        : [],
  };

  const access: TablePageConfig<Access> = {
    title: 'Access',
    heading: 'h2',
    endpoint: `/sites/${id}/access`,
    fields: accessFields,
    empty: grantable.length ? 'No editor or viewer has access yet. Grant access to let them work on this site.' : 'Add editors or viewers on the Users page, then grant them this site here.',
    create:
      manageUsers && grantable.length
        ? {
            label: 'Grant access',
            form: { title: 'Grant access to this site', submitLabel: 'Grant', fields: [{ name: 'user_id', label: 'User', type: 'select', options: grantable.map((u) => ({ label: `${u.email} (${u.role})`, value: u.id })) }] },
            submit: (v) => api(`/sites/${id}/access`, { method: 'POST', body: { user_id: v.user_id } }),
          }
        : null,
    actions: ({ act }) => (manageUsers ? [{ id: 'revoke', label: 'Revoke access', callback: ([a]) => act(() => api(`/sites/${id}/access`, { method: 'DELETE', body: { user_id: a!.user_id } })) }] : []),
  };

  return (
    <div className="igny8-page">
      <p>
        <Link href="/sites">← All sites</Link>
      </p>
      <h1>{site.data?.name ?? 'Site'}</h1>
      <ErrorNotice error={site.error} onRetry={site.reload} />
      <TablePage config={sectors} />
      {/* Codes are made by owners and admins only (the API refuses everyone else, sites included). */}
      {manageUsers && <ConnectCodePanel siteId={id} />}
      {manageUsers && <TablePage key={grantable.length} config={access} />}
    </div>
  );
}
