import { randomUUID } from 'node:crypto';
import type { Case } from './cases-types';

/** Keywords, clusters and ideas. */
export const PLANNER_CASES: Case[] = [
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
];
