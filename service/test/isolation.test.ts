import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX } from '../src/app';
import { createSector, createSite, grantSite, PASSWORD, signup, uniqueEmail, upgradePlan, userWithRole, type Session } from './factories';
import { createTestService, type TestService } from './service';
import { connectedSite, signRequest } from './site-signer';
import { accountSnapshot } from './snapshot';

/**
 * Tenant isolation, endpoint by endpoint: whatever account B's users send, account A's data stays
 * invisible and untouched, and an id of A's answers exactly as an id that does not exist.
 *
 * To cover a new endpoint, add a case to CASES (the coverage test fails until every mounted route
 * has one) — and, if it creates a new kind of object, its id to `Ids` and to `seedAccount`.
 */

type Ids = {
  account: string;
  owner: string;
  admin: string;
  editor: string;
  viewer: string;
  site: string;
  sector: string;
  keyword: string;
  cluster: string;
  idea: string;
  task: string;
  content: string;
  image: string;
  run: string;
  /** A finished featured image of the editor's sidebar, its file in the store. */
  featuredRun: string;
  keywordImport: string;
  authorProfile: string;
  strategy: string;
};
type Req = { method: string; path: string; body?: unknown; headers?: Record<string, string> };
type Case = {
  /** The mounted route, as `METHOD /path/{param}` under the API prefix. */
  route: string;
  /**
   * - `targets`: the path names an object of the other account: 404 for every role.
   * - `references`: the body or a second path segment names one: answered as for an id that does not exist.
   * - `own`: acts on the caller's own account (or on shared reference data).
   */
  kind: 'targets' | 'references' | 'own';
  /** `other` holds the other account's ids (or ids that exist nowhere), `own` the caller's. */
  req: (other: Ids, own: Ids) => Req;
  /**
   * The status each of the caller's roles gets, where the kind does not settle it (routes that
   * only some roles may use at all, such as billing).
   */
  status?: (role: BRole) => number;
};

const CASES: Case[] = [
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
  // planner: keywords
  { route: 'GET /planner/keywords', kind: 'own', req: () => ({ method: 'GET', path: '/planner/keywords?page_size=500' }) },
  { route: 'GET /planner/keywords', kind: 'references', req: (o) => ({ method: 'GET', path: `/planner/keywords?sector_id=${o.sector}` }) },
  { route: 'GET /planner/keywords', kind: 'references', req: (o) => ({ method: 'GET', path: `/planner/keywords?site_id=${o.site}&cluster_id=${o.cluster}` }) },
  { route: 'POST /planner/keywords', kind: 'own', req: (_o, own) => ({ method: 'POST', path: '/planner/keywords', body: { sector_id: own.sector, keyword: `own keyword ${randomUUID()}` } }) },
  { route: 'POST /planner/keywords', kind: 'references', req: (o) => ({ method: 'POST', path: '/planner/keywords', body: { sector_id: o.sector, keyword: 'planted keyword' } }) },
  { route: 'POST /planner/keywords', kind: 'references', req: (o, own) => ({
    method: 'POST', path: '/planner/keywords', body: [{ sector_id: own.sector, keyword: `own keyword ${randomUUID()}` }, { sector_id: o.sector, keyword: 'planted keyword' }],
  }) },
  { route: 'GET /planner/keywords/imports/{id}', kind: 'targets', req: (o) => ({ method: 'GET', path: `/planner/keywords/imports/${o.keywordImport}` }) },
  { route: 'GET /planner/keywords/{id}', kind: 'targets', req: (o) => ({ method: 'GET', path: `/planner/keywords/${o.keyword}` }) },
  { route: 'PATCH /planner/keywords/{id}', kind: 'targets', req: (o) => ({ method: 'PATCH', path: `/planner/keywords/${o.keyword}`, body: { keyword: 'Taken over', volume: 1, cluster_id: null } }) },
  { route: 'PATCH /planner/keywords/{id}', kind: 'references', req: (o, own) => ({ method: 'PATCH', path: `/planner/keywords/${own.keyword}`, body: { cluster_id: o.cluster } }) },
  { route: 'DELETE /planner/keywords/{id}', kind: 'targets', req: (o) => ({ method: 'DELETE', path: `/planner/keywords/${o.keyword}` }) },
  { route: 'POST /planner/keywords/bulk-delete', kind: 'references', status: () => 404, req: (o) => ({ method: 'POST', path: '/planner/keywords/bulk-delete', body: { ids: [o.keyword] } }) },
  { route: 'POST /planner/keywords/bulk-delete', kind: 'references', status: () => 404, req: (o, own) => ({ method: 'POST', path: '/planner/keywords/bulk-delete', body: { ids: [own.keyword, o.keyword] } }) },
  { route: 'POST /planner/keywords/import', kind: 'references', status: () => 404, req: (o) => ({
    method: 'POST', path: `/planner/keywords/import?sector_id=${o.sector}`, body: 'keyword,volume\nplanted keyword,10\n', headers: { 'content-type': 'text/csv' },
  }) },
  { route: 'GET /planner/keywords/export', kind: 'references', status: () => 404, req: (o) => ({ method: 'GET', path: `/planner/keywords/export?sector_id=${o.sector}` }) },
  { route: 'GET /planner/keywords/export', kind: 'references', req: (o) => ({ method: 'GET', path: `/planner/keywords/export?site_id=${o.site}` }) },
  { route: 'GET /planner/keywords/export', kind: 'own', req: () => ({ method: 'GET', path: '/planner/keywords/export' }) },
  // planner: clusters and ideas (each of these starts an AI run: refused, nothing is reserved or queued)
  { route: 'POST /planner/keywords/auto-cluster', kind: 'references', req: (o) => ({ method: 'POST', path: '/planner/keywords/auto-cluster', body: { sector_id: o.sector } }) },
  { route: 'POST /planner/keywords/auto-cluster', kind: 'references', req: (o) => ({ method: 'POST', path: '/planner/keywords/auto-cluster', body: { keyword_ids: [o.keyword] } }) },
  { route: 'POST /planner/keywords/auto-cluster', kind: 'references', req: (o, own) => ({ method: 'POST', path: '/planner/keywords/auto-cluster', body: { keyword_ids: [own.keyword, o.keyword] } }) },
  { route: 'GET /planner/clusters', kind: 'own', req: () => ({ method: 'GET', path: '/planner/clusters?page_size=500' }) },
  { route: 'GET /planner/clusters', kind: 'references', req: (o) => ({ method: 'GET', path: `/planner/clusters?site_id=${o.site}&sector_id=${o.sector}` }) },
  { route: 'GET /planner/clusters/{id}', kind: 'targets', req: (o) => ({ method: 'GET', path: `/planner/clusters/${o.cluster}` }) },
  { route: 'PATCH /planner/clusters/{id}', kind: 'targets', req: (o) => ({ method: 'PATCH', path: `/planner/clusters/${o.cluster}`, body: { name: 'Taken over', status: 'archived' } }) },
  { route: 'DELETE /planner/clusters/{id}', kind: 'targets', req: (o) => ({ method: 'DELETE', path: `/planner/clusters/${o.cluster}` }) },
  { route: 'POST /planner/clusters/generate-ideas', kind: 'references', req: (o) => ({ method: 'POST', path: '/planner/clusters/generate-ideas', body: { cluster_ids: [o.cluster] } }) },
  { route: 'POST /planner/clusters/generate-ideas', kind: 'references', req: (o, own) => ({
    method: 'POST', path: '/planner/clusters/generate-ideas', body: { cluster_ids: [own.cluster, o.cluster], ideas_per_cluster: 1 },
  }) },
  { route: 'GET /planner/ideas', kind: 'own', req: () => ({ method: 'GET', path: '/planner/ideas?page_size=500' }) },
  { route: 'GET /planner/ideas', kind: 'references', req: (o) => ({ method: 'GET', path: `/planner/ideas?cluster_id=${o.cluster}` }) },
  { route: 'GET /planner/ideas/{id}', kind: 'targets', req: (o) => ({ method: 'GET', path: `/planner/ideas/${o.idea}` }) },
  { route: 'PATCH /planner/ideas/{id}', kind: 'targets', req: (o) => ({ method: 'PATCH', path: `/planner/ideas/${o.idea}`, body: { title: 'Taken over', status: 'archived' } }) },
  { route: 'DELETE /planner/ideas/{id}', kind: 'targets', req: (o) => ({ method: 'DELETE', path: `/planner/ideas/${o.idea}` }) },
  { route: 'POST /planner/ideas/create-tasks', kind: 'references', status: () => 404, req: (o) => ({ method: 'POST', path: '/planner/ideas/create-tasks', body: { idea_ids: [o.idea] } }) },
  { route: 'POST /planner/ideas/create-tasks', kind: 'references', status: () => 404, req: (o, own) => ({ method: 'POST', path: '/planner/ideas/create-tasks', body: { idea_ids: [own.idea, o.idea] } }) },
  // writer
  { route: 'GET /writer/tasks', kind: 'own', req: () => ({ method: 'GET', path: '/writer/tasks?page_size=500' }) },
  { route: 'GET /writer/tasks', kind: 'references', req: (o) => ({ method: 'GET', path: `/writer/tasks?site_id=${o.site}&sector_id=${o.sector}` }) },
  { route: 'POST /writer/tasks', kind: 'references', status: () => 404, req: (o) => ({ method: 'POST', path: '/writer/tasks', body: { sector_id: o.sector, title: 'Planted' } }) },
  { route: 'POST /writer/tasks', kind: 'references', status: () => 404, req: (o, own) => ({
    method: 'POST', path: '/writer/tasks', body: { sector_id: own.sector, title: 'Planted', author_profile_id: o.authorProfile },
  }) },
  { route: 'GET /writer/tasks/{id}', kind: 'targets', req: (o) => ({ method: 'GET', path: `/writer/tasks/${o.task}` }) },
  { route: 'PATCH /writer/tasks/{id}', kind: 'targets', req: (o) => ({ method: 'PATCH', path: `/writer/tasks/${o.task}`, body: { title: 'Taken over' } }) },
  { route: 'DELETE /writer/tasks/{id}', kind: 'targets', req: (o) => ({ method: 'DELETE', path: `/writer/tasks/${o.task}` }) },
  { route: 'POST /writer/tasks/generate-content', kind: 'references', req: (o) => ({ method: 'POST', path: '/writer/tasks/generate-content', body: { task_ids: [o.task] } }) },
  { route: 'POST /writer/tasks/generate-content', kind: 'references', req: (o, own) => ({ method: 'POST', path: '/writer/tasks/generate-content', body: { task_ids: [own.task, o.task] } }) },
  { route: 'POST /writer/assist', kind: 'references', req: (o) => ({ method: 'POST', path: '/writer/assist', body: { kind: 'title', keyword_id: o.keyword } }) },
  { route: 'POST /writer/assist', kind: 'references', req: (o) => ({ method: 'POST', path: '/writer/assist', body: { kind: 'outline', cluster_id: o.cluster } }) },
  { route: 'POST /writer/assist', kind: 'references', req: (o) => ({ method: 'POST', path: '/writer/assist', body: { kind: 'draft', idea_id: o.idea } }) },
  { route: 'POST /writer/assist', kind: 'references', req: (o) => ({ method: 'POST', path: '/writer/assist', body: { kind: 'section', topic: 'Taken over', site_id: o.site } }) },
  { route: 'GET /writer/content', kind: 'own', req: () => ({ method: 'GET', path: '/writer/content?page_size=500' }) },
  { route: 'GET /writer/content', kind: 'references', req: (o) => ({ method: 'GET', path: `/writer/content?site_id=${o.site}&task_id=${o.task}` }) },
  { route: 'GET /writer/content/{id}', kind: 'targets', req: (o) => ({ method: 'GET', path: `/writer/content/${o.content}` }) },
  { route: 'PATCH /writer/content/{id}', kind: 'targets', req: (o) => ({ method: 'PATCH', path: `/writer/content/${o.content}`, body: { title: 'Taken over', status: 'review' } }) },
  { route: 'GET /writer/content/{id}/revisions', kind: 'targets', req: (o) => ({ method: 'GET', path: `/writer/content/${o.content}/revisions` }) },
  { route: 'POST /writer/content/{id}/submit', kind: 'targets', req: (o) => ({ method: 'POST', path: `/writer/content/${o.content}/submit` }) },
  { route: 'POST /writer/content/{id}/approve', kind: 'targets', req: (o) => ({ method: 'POST', path: `/writer/content/${o.content}/approve` }) },
  { route: 'POST /writer/content/{id}/reject', kind: 'targets', req: (o) => ({ method: 'POST', path: `/writer/content/${o.content}/reject`, body: { note: 'Taken over' } }) },
  { route: 'POST /writer/content/{id}/internal-links', kind: 'targets', req: (o) => ({ method: 'POST', path: `/writer/content/${o.content}/internal-links` }) },
  { route: 'POST /writer/content/generate-image-prompts', kind: 'references', req: (o) => ({ method: 'POST', path: '/writer/content/generate-image-prompts', body: { content_ids: [o.content] } }) },
  { route: 'POST /writer/content/generate-image-prompts', kind: 'references', req: (o, own) => ({ method: 'POST', path: '/writer/content/generate-image-prompts', body: { content_ids: [own.content, o.content] } }) },
  { route: 'GET /writer/assist/{id}/image', kind: 'targets', req: (o) => ({ method: 'GET', path: `/writer/assist/${o.featuredRun}/image` }) },
  { route: 'GET /writer/images', kind: 'own', req: () => ({ method: 'GET', path: '/writer/images?page_size=500' }) },
  { route: 'GET /writer/images', kind: 'references', req: (o) => ({ method: 'GET', path: `/writer/images?content_id=${o.content}&site_id=${o.site}&sector_id=${o.sector}` }) },
  { route: 'GET /writer/images/{id}', kind: 'targets', req: (o) => ({ method: 'GET', path: `/writer/images/${o.image}` }) },
  { route: 'GET /writer/images/{id}/file', kind: 'targets', req: (o) => ({ method: 'GET', path: `/writer/images/${o.image}/file` }) },
  { route: 'PATCH /writer/images/{id}', kind: 'targets', req: (o) => ({ method: 'PATCH', path: `/writer/images/${o.image}`, body: { alt: 'Taken over', prompt: 'Planted' } }) },
  { route: 'DELETE /writer/images/{id}', kind: 'targets', req: (o) => ({ method: 'DELETE', path: `/writer/images/${o.image}` }) },
  { route: 'POST /writer/images/generate', kind: 'references', req: (o) => ({ method: 'POST', path: '/writer/images/generate', body: { image_ids: [o.image] } }) },
  { route: 'POST /writer/images/generate', kind: 'references', req: (o, own) => ({ method: 'POST', path: '/writer/images/generate', body: { image_ids: [own.image, o.image], style: 'cartoon' } }) },
  { route: 'POST /writer/content/{id}/publish', kind: 'targets', req: (o) => ({ method: 'POST', path: `/writer/content/${o.content}/publish`, body: { status: 'publish' } }) },
  // AI run log
  { route: 'GET /ai/runs', kind: 'own', req: () => ({ method: 'GET', path: '/ai/runs?page_size=500' }) },
  { route: 'GET /ai/runs', kind: 'references', req: (o) => ({ method: 'GET', path: `/ai/runs?site_id=${o.site}` }) },
  { route: 'GET /ai/runs/{id}', kind: 'targets', req: (o) => ({ method: 'GET', path: `/ai/runs/${o.run}` }) },
  { route: 'GET /ai/runs/{id}/events', kind: 'targets', req: (o) => ({ method: 'GET', path: `/ai/runs/${o.run}/events` }) },
  // billing
  { route: 'GET /billing/balance', kind: 'own', req: () => ({ method: 'GET', path: '/billing/balance' }) },
  { route: 'GET /billing/transactions', kind: 'own', status: (r) => (r === 'owner' ? 200 : 403), req: () => ({ method: 'GET', path: '/billing/transactions?page_size=500' }) },
  { route: 'GET /billing/usage', kind: 'own', status: (r) => (r === 'owner' ? 200 : 403), req: () => ({ method: 'GET', path: '/billing/usage?group_by=function' }) },
  // Developers and system bots only: refused to every role of an account, whichever account it names.
  { route: 'POST /billing/credits', kind: 'references', status: () => 403, req: (o) => ({ method: 'POST', path: '/billing/credits', body: { account_id: o.account, amount: 1000, reason: 'Taken over', kind: 'grant' } }) },
  { route: 'POST /billing/credits', kind: 'own', status: () => 403, req: (_o, own) => ({ method: 'POST', path: '/billing/credits', body: { account_id: own.account, amount: 1000, reason: 'Self-service', kind: 'grant' } }) },
  // thinker: prompts are the caller's account's own; profiles and strategies are addressed by id
  { route: 'GET /thinker/prompts', kind: 'own', req: () => ({ method: 'GET', path: '/thinker/prompts' }) },
  { route: 'GET /thinker/prompts/{function}', kind: 'own', req: () => ({ method: 'GET', path: '/thinker/prompts/generate_ideas' }) },
  { route: 'PUT /thinker/prompts/{function}', kind: 'own', req: () => ({ method: 'PUT', path: '/thinker/prompts/auto_cluster', body: { template: 'Group these keywords of our own into topics: {{keywords}}' } }) },
  { route: 'DELETE /thinker/prompts/{function}', kind: 'own', req: () => ({ method: 'DELETE', path: '/thinker/prompts/generate_content' }) },
  { route: 'GET /thinker/author-profiles', kind: 'own', req: () => ({ method: 'GET', path: '/thinker/author-profiles?page_size=500' }) },
  { route: 'POST /thinker/author-profiles', kind: 'own', req: () => ({ method: 'POST', path: '/thinker/author-profiles', body: { name: `Own author ${randomUUID()}` } }) },
  { route: 'GET /thinker/author-profiles/{id}', kind: 'targets', req: (o) => ({ method: 'GET', path: `/thinker/author-profiles/${o.authorProfile}` }) },
  { route: 'PATCH /thinker/author-profiles/{id}', kind: 'targets', req: (o) => ({ method: 'PATCH', path: `/thinker/author-profiles/${o.authorProfile}`, body: { name: 'Taken over', is_default: true } }) },
  { route: 'DELETE /thinker/author-profiles/{id}', kind: 'targets', req: (o) => ({ method: 'DELETE', path: `/thinker/author-profiles/${o.authorProfile}` }) },
  { route: 'GET /thinker/strategies', kind: 'own', req: () => ({ method: 'GET', path: '/thinker/strategies?page_size=500' }) },
  { route: 'GET /thinker/strategies', kind: 'references', req: (o) => ({ method: 'GET', path: `/thinker/strategies?site_id=${o.site}` }) },
  { route: 'POST /thinker/strategies', kind: 'own', req: () => ({ method: 'POST', path: '/thinker/strategies', body: { name: `Own strategy ${randomUUID()}` } }) },
  { route: 'POST /thinker/strategies', kind: 'references', req: (o) => ({ method: 'POST', path: '/thinker/strategies', body: { name: `Planted ${randomUUID()}`, site_id: o.site, sector_id: o.sector } }) },
  { route: 'POST /thinker/strategies', kind: 'references', req: (o, own) => ({ method: 'POST', path: '/thinker/strategies', body: { name: `Planted ${randomUUID()}`, site_id: own.site, sector_id: o.sector } }) },
  { route: 'GET /thinker/strategies/{id}', kind: 'targets', req: (o) => ({ method: 'GET', path: `/thinker/strategies/${o.strategy}` }) },
  { route: 'PATCH /thinker/strategies/{id}', kind: 'targets', req: (o) => ({ method: 'PATCH', path: `/thinker/strategies/${o.strategy}`, body: { name: 'Taken over', site_id: null, sector_id: null } }) },
  { route: 'PATCH /thinker/strategies/{id}', kind: 'references', req: (o, own) => ({ method: 'PATCH', path: `/thinker/strategies/${own.strategy}`, body: { site_id: o.site, sector_id: o.sector } }) },
  { route: 'DELETE /thinker/strategies/{id}', kind: 'targets', req: (o) => ({ method: 'DELETE', path: `/thinker/strategies/${o.strategy}` }) },
  // system: integration settings are the caller's account's own
  ...(['openai', 'runware'] as const).flatMap((type): Case[] => [
    { route: `GET /system/integrations/${type}`, kind: 'own', req: () => ({ method: 'GET', path: `/system/integrations/${type}` }) },
    { route: `PUT /system/integrations/${type}`, kind: 'own', req: () => ({ method: 'PUT', path: `/system/integrations/${type}`, body: { is_enabled: true } }) },
    { route: `POST /system/integrations/${type}/test`, kind: 'own', req: () => ({ method: 'POST', path: `/system/integrations/${type}/test` }) },
  ]),
];

/**
 * Mounted routes that address no tenant data by id: they act on the caller's own session only (see
 * auth.test.ts), or on the site a one-time code names (see connect.test.ts).
 */
const NOT_TENANT_DATA = ['POST /auth/signup', 'POST /auth/signin', 'POST /auth/refresh', 'POST /auth/signout', 'POST /connect'];

/**
 * Modules whose routes have no cases here yet (their own tests cover their isolation for now). A
 * route of any other module without a case fails the coverage test.
 */
const MODULES_WITHOUT_CASES = ['publish'];

/** The other account's callers: its users, and its WordPress site signing for an administrator. */
const B_ROLES = ['owner', 'admin', 'editor', 'viewer', 'site'] as const;
type BRole = (typeof B_ROLES)[number];
type UserRole = Exclude<BRole, 'site'>;
type SignedSite = Awaited<ReturnType<typeof connectedSite>>;
type Account = { ids: Ids; sessions: Record<UserRole, Session>; site: SignedSite; secrets: string[] };

let svc: TestService;
let a: Account;
let b: Account;

/**
 * An account with one user per role, a site (granted to its editor and viewer) with a sector, and
 * one object of every kind the planner, the AI log and the thinker hold; its OpenAI settings carry
 * a key and its generate_ideas prompt an override of its own.
 */
async function seedAccount(label: string): Promise<Account> {
  const owner = await signup(svc, `${label} ${randomUUID()}`);
  await upgradePlan(svc, owner.accountId);
  const admin = await userWithRole(svc, owner.accountId, 'admin');
  const editor = await userWithRole(svc, owner.accountId, 'editor');
  const viewer = await userWithRole(svc, owner.accountId, 'viewer');
  const site = await createSite(svc, owner, { name: `${label} site ${randomUUID()}`, wp_url: `https://${label.toLowerCase()}.example.com`, wp_username: 'wp-admin', wp_app_password: `${label}-app-password` });
  const sector = await createSector(svc, owner, site.id, { name: `${label} sector ${randomUUID()}` });
  for (const u of [editor, viewer]) await grantSite(svc, owner, site.id, u.userId);
  const me = await svc.call('GET', '/auth/me', { token: owner.token });
  const made = async (method: string, path: string, body: unknown, status = 201) => {
    const res = await svc.call(method, path, { token: owner.token, body });
    expect(res.status, `${label}: ${method} ${path} → ${res.text}`).toBe(status);
    return res.body.data;
  };

  const words = [`${label} keyword ${randomUUID()}`, `${label} other keyword ${randomUUID()}`];
  const keywords = await made('POST', '/planner/keywords', words.map((keyword, i) => ({ sector_id: sector.id, keyword, volume: 100 + i })));
  // Clusters, ideas, tasks and runs come from AI runs; the rows stand in for what one would leave.
  const db = svc.deps.db.owner;
  const where = { account_id: owner.accountId, site_id: site.id, sector_id: sector.id };
  const clusterName = `${label} cluster ${randomUUID()}`;
  const [cluster] = await db`insert into clusters ${db({ ...where, name: clusterName, source: 'manual', pillar_keyword_id: keywords[0].id })} returning id`;
  await db`update keywords set cluster_id = ${cluster!.id}, status = 'clustered', cluster_locked = true where id = ${keywords[0].id}`;
  const ideaTitle = `${label} idea ${randomUUID()}`;
  const [idea] = await db`insert into content_ideas ${db({ ...where, cluster_id: cluster!.id, title: ideaTitle, target_keyword: words[0]! })} returning id`;
  const taskTitle = `${label} task ${randomUUID()}`;
  const [task] = await db`insert into tasks ${db({ ...where, idea_id: idea!.id, cluster_id: cluster!.id, title: taskTitle, created_by: owner.userId })} returning id`;
  const runResult = `${label} run result ${randomUUID()}`;
  const [run] = await db`
    insert into ai_runs ${db({
      ...where, function: 'auto_cluster', input_hash: randomUUID(), payload: db.json({ sector_id: sector.id }), status: 'succeeded', phase: 'DONE',
      progress: 100, message: runResult, result: db.json({ clusters: 1 }), created_by: owner.userId, finished_at: new Date(),
    })} returning id`;
  const contentTitle = `${label} article ${randomUUID()}`;
  const [content] = await db`insert into content ${db({ ...where, task_id: task!.id, title: contentTitle })} returning id`;
  const imagePrompt = `${label} image prompt ${randomUUID()}`;
  const [image] = await db`
    insert into images ${db({ ...where, content_id: content!.id, kind: 'featured', prompt: imagePrompt, alt: `${label} alt`, status: 'generated', storage_key: `${owner.accountId}/${label}.webp`, mime_type: 'image/webp', width: 1, height: 1, bytes: 5 })}
    returning id`;
  const imageBytes = `${label} image bytes ${randomUUID()}`;
  await svc.deps.files.put(`${owner.accountId}/${label}.webp`, Buffer.from(imageBytes));
  const [featuredRun] = await db`
    insert into ai_runs ${db({
      ...where, function: 'assist', input_hash: randomUUID(), payload: db.json({}), status: 'succeeded', phase: 'DONE', progress: 100,
      result: db.json({ kind: 'featured_image', mime_type: 'image/webp', width: 1, height: 1, alt: `${label} featured alt`, caption: '', prompt: '' }), created_by: owner.userId, finished_at: new Date(),
    })} returning id`;
  const featuredBytes = `${label} featured bytes ${randomUUID()}`;
  await svc.deps.files.put(`${owner.accountId}/assist/${featuredRun!.id}.webp`, Buffer.from(featuredBytes));
  const [keywordImport] = await db`
    insert into keyword_imports ${db({ ...where, created_by: owner.userId, status: 'succeeded', bytes: 100, rows_read: 1, rows_good: 1, result: db.json({ created: 1 }) })} returning id`;

  const profile = await made('POST', '/thinker/author-profiles', { name: `${label} author ${randomUUID()}`, tone: `${label} tone` });
  const strategy = await made('POST', '/thinker/strategies', { name: `${label} strategy ${randomUUID()}`, site_id: site.id, sector_id: sector.id });
  const promptMarker = `${label} prompt ${randomUUID()}`;
  const prompt = await made('GET', '/thinker/prompts/generate_ideas', undefined, 200);
  await made('PUT', '/thinker/prompts/generate_ideas', { template: `${prompt.default_template}\n${promptMarker}` }, 200);
  // A closed loopback port: a connection test of these settings fails at once, without leaving the host.
  const apiKey = `sk-${label}-${randomUUID()}`;
  const baseUrl = `http://127.0.0.1:1/${label.toLowerCase()}-v1`;
  await made('PUT', '/system/integrations/openai', { api_key: apiKey, base_url: baseUrl }, 200);

  const ids: Ids = {
    account: owner.accountId, owner: owner.userId, admin: admin.userId, editor: editor.userId, viewer: viewer.userId, site: site.id, sector: sector.id,
    keyword: keywords[0].id, cluster: cluster!.id, idea: idea!.id, task: task!.id, content: content!.id, image: image!.id, run: run!.id, featuredRun: featuredRun!.id, keywordImport: keywordImport!.id, authorProfile: profile.id, strategy: strategy.id,
  };
  // Everything that would give the account's data away if it showed up in another account's answers.
  const secrets = [
    ...Object.values(ids), owner.email, admin.email, editor.email, viewer.email, me.body.data.account.name, site.name, sector.name, `${label}-app-password`,
    ...words, keywords[1].id, clusterName, ideaTitle, taskTitle, contentTitle, imagePrompt, imageBytes, featuredBytes, runResult, profile.name, strategy.name, promptMarker, apiKey, baseUrl,
  ];
  return { ids, sessions: { owner, admin, editor, viewer }, site: await connectedSite(svc, owner.token, site.id), secrets };
}

const ghostIds = (): Ids => ({
  account: randomUUID(), owner: randomUUID(), admin: randomUUID(), editor: randomUUID(), viewer: randomUUID(), site: randomUUID(), sector: randomUUID(),
  keyword: randomUUID(), cluster: randomUUID(), idea: randomUUID(), task: randomUUID(), content: randomUUID(), image: randomUUID(), run: randomUUID(), featuredRun: randomUUID(), keywordImport: randomUUID(), authorProfile: randomUUID(), strategy: randomUUID(),
});

async function send(s: Session | SignedSite, r: Req) {
  const body = r.body === undefined ? {} : { body: typeof r.body === 'string' ? r.body : JSON.stringify(r.body) };
  if ('token' in s) return svc.call(r.method, r.path, { token: s.token, ...body, ...(r.headers ? { headers: r.headers } : {}) });
  const jws = await signRequest(s.id, s.privateKey, { method: r.method, target: `${API_PREFIX}${r.path}`, ...body });
  return svc.call(r.method, r.path, { ...body, headers: { 'content-type': 'application/json', ...r.headers, authorization: `IGNY8-Site ${jws}` } });
}

beforeAll(async () => {
  svc = await createTestService();
  a = await seedAccount('Alpha');
  b = await seedAccount('Bravo');
});
afterAll(() => svc.close());

describe('tenant isolation', () => {
  it('has a case for every mounted route', () => {
    const mounted = new Set(
      svc.app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith(`${API_PREFIX}/`))
        .map((r) => `${r.method} ${r.path.slice(API_PREFIX.length).replace(/:([A-Za-z_]+)/g, '{$1}')}`)
        .filter((r) => !/^GET \/(health|ready|openapi\.json)$/.test(r)),
    );
    const covered = new Set([...CASES.map((c) => c.route), ...NOT_TENANT_DATA]);
    const moduleOf = (route: string) => route.split(' ')[1]!.split('/')[1]!;
    const missing = [...mounted].filter((r) => !covered.has(r) && !MODULES_WITHOUT_CASES.includes(moduleOf(r)));
    expect(missing.sort(), 'routes without an isolation case').toEqual([]);
    expect([...covered].filter((r) => !mounted.has(r)).sort(), 'cases for routes that are not mounted').toEqual([]);
  });

  it.each(B_ROLES)("gives another account's %s nothing of account A, and leaves A unchanged", async (role) => {
    const before = await accountSnapshot(svc, a.ids.account);
    const caller = role === 'site' ? b.site : b.sessions[role];
    for (const c of CASES) {
      const label = `${role}: ${c.route} (${c.kind})`;
      const req = c.req(a.ids, b.ids);
      // A request naming the other account's data is refused whole: it changes nothing of the caller's either.
      const callerBefore = c.kind === 'own' ? null : await accountSnapshot(svc, b.ids.account);
      const res = await send(caller, req);
      expect(res.status, `${label} → ${res.text}`).toBeLessThan(500);
      for (const secret of a.secrets) expect(res.text, `${label} leaks ${secret}`).not.toContain(secret);
      if (c.status) expect(res.status, `${label} → ${res.text}`).toBe(c.status(role));
      if (c.kind === 'own') {
        if (res.status === 200 && Array.isArray(res.body?.results)) {
          for (const row of res.body.results) if ('account_id' in row) expect(row.account_id, label).toBe(b.ids.account);
        }
        continue;
      }
      expect(await accountSnapshot(svc, b.ids.account), `${label} changed the caller's account`).toEqual(callerBefore);
      if (c.kind === 'targets') {
        expect(res.status, `${label} → ${res.text}`).toBe(404);
        expect(res.body).toMatchObject({ success: false, code: 'not_found' });
      }
      // An id of another account must be indistinguishable from one that exists nowhere.
      const ghost = await send(caller, c.req(ghostIds(), b.ids));
      expect({ status: res.status, code: res.body?.code, error: res.body?.error }, label).toEqual({
        status: ghost.status, code: ghost.body?.code, error: ghost.body?.error,
      });
    }
    expect(await accountSnapshot(svc, a.ids.account)).toEqual(before);
    expect(await svc.deps.files.get(`${a.ids.account}/Alpha.webp`), 'A\'s stored image file').not.toBeNull();
    // Well over a hundred requests and as many snapshots of the caller's account, on a shared machine.
  }, 120_000);

  it("lists only the caller's own account in /account, /auth/me, /users and /sites", async () => {
    const me = await svc.call('GET', '/auth/me', { token: b.sessions.owner.token });
    expect(me.body.data.account.id).toBe(b.ids.account);
    const users = await svc.call('GET', '/users?page_size=500', { token: b.sessions.admin.token });
    expect(users.status).toBe(200);
    expect(users.body.results.map((u: { account_id: string }) => u.account_id)).toEqual(users.body.results.map(() => b.ids.account));
    expect(users.body.count).toBe(users.body.results.length);
    const sites = await svc.call('GET', '/sites?page_size=500', { token: b.sessions.owner.token });
    expect(sites.body.results.map((s: { id: string }) => s.id)).toContain(b.ids.site);
    expect(sites.body.results.every((s: { account_id: string }) => s.account_id === b.ids.account)).toBe(true);
  });
});

describe('site access of editors and viewers', () => {
  it('shows editors and viewers only the sites they were granted, and takes them away on revocation', async () => {
    const owner = a.sessions.owner;
    const hidden = await createSite(svc, owner);
    const hiddenSector = await createSector(svc, owner, hidden.id);
    for (const role of ['editor', 'viewer'] as const) {
      const s = a.sessions[role];
      const listed = await svc.call('GET', '/sites', { token: s.token });
      expect(listed.body.count, role).toBe(1);
      expect(listed.body.results.map((x: { id: string }) => x.id)).toEqual([a.ids.site]);
      expect((await svc.call('GET', `/sites/${a.ids.site}`, { token: s.token })).status).toBe(200);
      expect((await svc.call('GET', `/sectors/${a.ids.sector}`, { token: s.token })).status).toBe(200);
      expect((await svc.call('GET', `/sites/${a.ids.site}/sectors`, { token: s.token })).body.count).toBe(1);
      for (const path of [`/sites/${hidden.id}`, `/sites/${hidden.id}/sectors`, `/sectors/${hiddenSector.id}`]) {
        const res = await svc.call('GET', path, { token: s.token });
        expect(res.status, `${role} GET ${path}`).toBe(404);
      }
      expect((await svc.call('PATCH', `/sectors/${hiddenSector.id}`, { token: s.token, body: { name: 'x' } })).status).toBe(404);
    }

    // Revoking applies to the very next request made with the same token.
    const editor = a.sessions.editor;
    expect((await svc.call('DELETE', `/sites/${a.ids.site}/access`, { token: owner.token, body: { user_id: a.ids.editor } })).status).toBe(200);
    expect((await svc.call('GET', `/sites/${a.ids.site}`, { token: editor.token })).status).toBe(404);
    expect((await svc.call('GET', `/sectors/${a.ids.sector}`, { token: editor.token })).status).toBe(404);
    expect((await svc.call('GET', '/sites', { token: editor.token })).body).toMatchObject({ count: 0, results: [] });
    // The viewer's grant is untouched.
    expect((await svc.call('GET', `/sites/${a.ids.site}`, { token: a.sessions.viewer.token })).status).toBe(200);

    // The body form of the revocation does the same.
    expect((await svc.call('DELETE', `/sites/${a.ids.site}/access`, { token: owner.token, body: { user_id: a.ids.viewer } })).status).toBe(200);
    expect((await svc.call('GET', `/sites/${a.ids.site}`, { token: a.sessions.viewer.token })).status).toBe(404);

    // And granting again gives it back.
    await grantSite(svc, owner, a.ids.site, a.ids.editor);
    expect((await svc.call('GET', `/sites/${a.ids.site}`, { token: editor.token })).status).toBe(200);
  });
});

describe('developers and system bots', () => {
  it('see every account', async () => {
    const home = await signup(svc, `Platform ${randomUUID()}`);
    const developer = await userWithRole(svc, home.accountId, 'developer');
    const bot = await userWithRole(svc, home.accountId, 'system_bot');
    for (const s of [developer, bot]) {
      expect((await svc.call('GET', `/sites/${b.ids.site}`, { token: s.token })).status).toBe(200);
      expect((await svc.call('GET', `/sectors/${b.ids.sector}`, { token: s.token })).status).toBe(200);
      const sites = await svc.call('GET', '/sites?page_size=500', { token: s.token });
      const accounts = new Set(sites.body.results.map((x: { account_id: string }) => x.account_id));
      expect(accounts.has(a.ids.account) && accounts.has(b.ids.account)).toBe(true);
    }
    const users = await svc.call('GET', '/users?page_size=500', { token: developer.token });
    const userIds = users.body.results.map((u: { id: string }) => u.id);
    expect(userIds).toEqual(expect.arrayContaining([a.ids.owner, b.ids.owner, developer.userId]));
    const renamed = await svc.call('PATCH', `/sites/${b.ids.site}`, { token: developer.token, body: { name: 'Renamed by support' } });
    expect(renamed.status).toBe(200);
    const [row] = await svc.deps.db.owner`select name from sites where id = ${b.ids.site}`;
    expect(row!.name).toBe('Renamed by support');
  });
});
