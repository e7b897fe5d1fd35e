import type { Field } from '@wordpress/dataviews';
import { can } from '@igny8/shared/roles';
import { Link, useLocation } from 'wouter';
import { api } from '../api/client';
import { useSignedIn } from '../api/session';
import type { FormConfig } from '../components/form-modal';
import { TablePage, type TablePageConfig } from '../components/table-page';

export type Site = { id: string; name: string; status: string; wp_url: string | null; wp_username: string | null; has_wp_app_password: boolean; active_sector_count: number; created_at: string };

const siteForm = (title: string, submitLabel: string): FormConfig => ({
  title,
  submitLabel,
  fields: [
    { name: 'name', label: 'Site name', required: true },
    { name: 'wp_url', label: 'WordPress address', type: 'url', help: 'e.g. https://example.com (optional)' },
    { name: 'wp_username', label: 'WordPress user name', help: 'Optional; used for publishing.' },
    // Write-only: the service never sends it back, so the field always starts empty.
    { name: 'wp_app_password', label: 'WordPress application password', type: 'password', help: 'Leave empty to keep the stored one.' },
  ],
});

/** Empty optional fields are left out, so an edit never clears what the user did not touch. */
export function filled(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
}

const fields: Field<Site>[] = [
  { id: 'name', label: 'Name', enableHiding: false, render: ({ item }) => <Link href={`/sites/${item.id}`}>{item.name}</Link> },
  { id: 'status', label: 'Status' },
  { id: 'wp_url', label: 'WordPress', getValue: ({ item }) => item.wp_url ?? 'Not connected' },
  { id: 'active_sector_count', label: 'Active sectors', type: 'integer' },
];

export function SitesPage() {
  const { user } = useSignedIn();
  const [, navigate] = useLocation();
  const manage = can(user.role, 'manage_sites');
  const config: TablePageConfig<Site> = {
    title: 'Sites',
    endpoint: '/sites',
    fields,
    empty: manage ? 'No sites yet. Add your first site, then give it sectors to plan keywords in.' : 'No site is shared with you yet. Ask an owner or admin for access.',
    create: manage ? { label: 'Add site', form: siteForm('Add a site', 'Add site'), submit: (v) => api('/sites', { method: 'POST', body: filled(v) }) } : null,
    actions: ({ openForm, act }) => [
      { id: 'open', label: 'Sectors and access', isPrimary: true, callback: ([site]) => navigate(`/sites/${site!.id}`) },
      ...(manage
        ? [
            {
              id: 'edit',
              label: 'Edit',
              callback: ([site]: Site[]) =>
                openForm(siteForm(`Edit ${site!.name}`, 'Save'), { name: site!.name, wp_url: site!.wp_url ?? '', wp_username: site!.wp_username ?? '' }, (v) =>
                  api(`/sites/${site!.id}`, { method: 'PATCH', body: filled(v) }),
                ),
            },
            {
              id: 'status',
              label: ([site]: Site[]) => (site?.status === 'active' ? 'Deactivate' : 'Activate'),
              callback: ([site]: Site[]) => act(() => api(`/sites/${site!.id}`, { method: 'PATCH', body: { status: site!.status === 'active' ? 'inactive' : 'active' } })),
            },
          ]
        : []),
    ],
  };
  return <TablePage config={config} />;
}
