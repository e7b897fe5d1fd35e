import { randomUUID } from 'node:crypto';
import { PASSWORD, uniqueEmail } from '../factories';
import type { Case } from './cases-types';

/** Sites, sectors, site access, connecting WordPress, users, the account and reference data. */
export const TENANCY_CASES: Case[] = [
  // sites
  { route: 'GET /sites/{id}', kind: 'targets', req: (o) => ({ method: 'GET', path: `/sites/${o.site}` }) },
  { route: 'PATCH /sites/{id}', kind: 'targets', req: (o) => ({ method: 'PATCH', path: `/sites/${o.site}`, body: { name: 'Taken over', wp_app_password: 'stolen-password', require_approval: true, internal_links_max: 20 } }) },
  { route: 'DELETE /sites/{id}', kind: 'targets', req: (o) => ({ method: 'DELETE', path: `/sites/${o.site}` }) },
  { route: 'GET /sites', kind: 'own', req: () => ({ method: 'GET', path: '/sites?page_size=500' }) },
  { route: 'POST /sites', kind: 'own', req: () => ({ method: 'POST', path: '/sites', body: { name: `Own site ${randomUUID()}` } }) },
  // sectors
  { route: 'GET /sites/{id}/sectors', kind: 'targets', req: (o) => ({ method: 'GET', path: `/sites/${o.site}/sectors` }) },
  { route: 'POST /sites/{id}/sectors', kind: 'targets', req: (o) => ({ method: 'POST', path: `/sites/${o.site}/sectors`, body: { name: 'Planted' } }) },
  { route: 'GET /sectors/{id}', kind: 'targets', req: (o) => ({ method: 'GET', path: `/sectors/${o.sector}` }) },
  { route: 'PATCH /sectors/{id}', kind: 'targets', req: (o) => ({ method: 'PATCH', path: `/sectors/${o.sector}`, body: { name: 'Renamed', status: 'inactive' } }) },
  { route: 'DELETE /sectors/{id}', kind: 'targets', req: (o) => ({ method: 'DELETE', path: `/sectors/${o.sector}` }) },
  // site access
  // connecting the WordPress plugin
  { route: 'POST /sites/{id}/connect-codes', kind: 'targets', req: (o) => ({ method: 'POST', path: `/sites/${o.site}/connect-codes` }) },
  { route: 'POST /sites/{id}/connect', kind: 'targets', req: (o) => ({ method: 'POST', path: `/sites/${o.site}/connect`, body: { public_key: 'A'.repeat(43), wp_url: 'https://taken.example.com' } }) },
  { route: 'DELETE /sites/{id}/connect', kind: 'targets', req: (o) => ({ method: 'DELETE', path: `/sites/${o.site}/connect` }) },
  { route: 'GET /sites/{id}/access', kind: 'targets', req: (o) => ({ method: 'GET', path: `/sites/${o.site}/access` }) },
  { route: 'POST /sites/{id}/access', kind: 'targets', req: (o) => ({ method: 'POST', path: `/sites/${o.site}/access`, body: { user_id: o.editor } }) },
  { route: 'POST /sites/{id}/access', kind: 'targets', req: (o, own) => ({ method: 'POST', path: `/sites/${o.site}/access`, body: { user_id: own.editor } }) },
  { route: 'POST /sites/{id}/access', kind: 'references', req: (o, own) => ({ method: 'POST', path: `/sites/${own.site}/access`, body: { user_id: o.viewer } }) },
  { route: 'DELETE /sites/{id}/access', kind: 'targets', req: (o) => ({ method: 'DELETE', path: `/sites/${o.site}/access`, body: { user_id: o.editor } }) },
  { route: 'DELETE /sites/{id}/access', kind: 'references', req: (o, own) => ({ method: 'DELETE', path: `/sites/${own.site}/access`, body: { user_id: o.editor } }) },
  { route: 'DELETE /sites/{id}/access', kind: 'targets', req: (o) => ({ method: 'DELETE', path: `/sites/${o.site}/access`, body: { user_id: o.viewer } }) },
  { route: 'DELETE /sites/{id}/access', kind: 'references', req: (o, own) => ({ method: 'DELETE', path: `/sites/${own.site}/access`, body: { user_id: o.viewer } }) },
  // users
  { route: 'GET /users', kind: 'own', req: () => ({ method: 'GET', path: '/users?page_size=500' }) },
  { route: 'POST /users', kind: 'own', req: () => ({ method: 'POST', path: '/users', body: { email: uniqueEmail('invited'), role: 'viewer', password: PASSWORD } }) },
  { route: 'PATCH /users/{id}', kind: 'targets', req: (o) => ({ method: 'PATCH', path: `/users/${o.editor}`, body: { role: 'viewer' } }) },
  { route: 'PATCH /users/{id}', kind: 'targets', req: (o) => ({ method: 'PATCH', path: `/users/${o.owner}`, body: { is_active: false } }) },
  { route: 'PATCH /users/{id}', kind: 'targets', req: (o) => ({ method: 'PATCH', path: `/users/${o.admin}`, body: { password: 'a new password for you' } }) },
  { route: 'DELETE /users/{id}', kind: 'targets', req: (o) => ({ method: 'DELETE', path: `/users/${o.viewer}` }) },
  { route: 'DELETE /users/{id}', kind: 'targets', req: (o) => ({ method: 'DELETE', path: `/users/${o.owner}` }) },
  // account and reference data
  { route: 'GET /account', kind: 'own', req: () => ({ method: 'GET', path: '/account' }) },
  // Every account: developers and system bots only, so refused to every role of an account.
  { route: 'GET /accounts', kind: 'own', status: () => 403, req: () => ({ method: 'GET', path: '/accounts?page_size=500' }) },
  { route: 'PATCH /account', kind: 'own', req: () => ({ method: 'PATCH', path: '/account', body: { name: 'Renamed by its own user' } }) },
  { route: 'GET /auth/me', kind: 'own', req: () => ({ method: 'GET', path: '/auth/me' }) },
  { route: 'GET /industries', kind: 'own', req: () => ({ method: 'GET', path: '/industries' }) },
];
