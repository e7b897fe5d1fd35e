import type { Field } from '@wordpress/dataviews';
import { assignableRoles, can, type Role } from '@igny8/shared/roles';
import { api } from '../api/client';
import { useSignedIn, type User } from '../api/session';
import type { FormConfig } from '../components/form-modal';
import { TablePage, type TablePageConfig } from '../components/table-page';

const fields: Field<User>[] = [
  { id: 'email', label: 'Email', enableHiding: false },
  { id: 'name', label: 'Name' },
  { id: 'role', label: 'Role' },
  { id: 'is_active', label: 'Active', getValue: ({ item }) => (item.is_active ? 'Yes' : 'No') },
  { id: 'last_login_at', label: 'Last sign-in', getValue: ({ item }) => (item.last_login_at ? new Date(item.last_login_at).toLocaleString() : 'Never') },
];

const roleOptions = (roles: Role[]) => roles.map((r) => ({ label: r[0]!.toUpperCase() + r.slice(1), value: r }));

/**
 * Users of the account. The buttons mirror the permission rules the API enforces: only user
 * managers see them, and only for users whose role they may give or take away.
 */
export function UsersPage() {
  const { user: me } = useSignedIn();
  const manage = can(me.role, 'manage_users');
  const roles: Role[] = assignableRoles(me.role).filter((r) => r !== 'system_bot');
  const mayChange = (u: User) => manage && u.id !== me.id && roles.includes(u.role);

  const addForm: FormConfig = {
    title: 'Add a user',
    submitLabel: 'Add user',
    fields: [
      { name: 'email', label: 'Email', type: 'email', required: true },
      { name: 'name', label: 'Name' },
      { name: 'role', label: 'Role', type: 'select', options: roleOptions(roles.slice().reverse()) },
      { name: 'password', label: 'First password', type: 'password', required: true, help: 'At least 10 characters; tell it to the user, who can change it.' },
    ],
  };

  const config: TablePageConfig<User> = {
    title: 'Users',
    endpoint: '/users',
    fields,
    empty: 'Only you so far. Add editors to write content and viewers to follow along.',
    create: manage ? { label: 'Add user', form: addForm, submit: (v) => api('/users', { method: 'POST', body: v }) } : null,
    actions: ({ openForm, act }) => [
      {
        id: 'role',
        label: 'Change role',
        isEligible: mayChange,
        callback: ([u]) =>
          openForm({ title: `Role of ${u!.email}`, submitLabel: 'Save', fields: [{ name: 'role', label: 'Role', type: 'select', options: roleOptions(roles) }] }, { role: u!.role }, (v) =>
            api(`/users/${u!.id}`, { method: 'PATCH', body: { role: v.role } }),
          ),
      },
      { id: 'remove', label: 'Remove', isEligible: mayChange, callback: ([u]) => act(() => api(`/users/${u!.id}`, { method: 'DELETE' })) },
    ],
  };
  return <TablePage config={config} />;
}
