import { randomUUID } from 'node:crypto';
import type { Case } from './cases-types';

/** The AI run log, billing, the thinker and system settings. */
export const PLATFORM_CASES: Case[] = [
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
