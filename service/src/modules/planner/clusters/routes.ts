import { createRoute, z } from '@hono/zod-openapi';
import { CLUSTER_STATUSES, clusterGranularitySchema, clusterPatchSchema, clusterSchema, keywordSchema } from '@igny8/shared';
import { list, ok, pageBounds, pageQuery } from '../../../http/envelope';
import { notFound } from '../../../http/errors';
import { requireAuth } from '../../../http/middleware';
import { dataResponse, idParams, jsonBody, listResponse, router } from '../../../http/openapi-app';
import { startRun } from '../../ai/service';
import { requireWrite } from '../keywords/service';
import { inScope } from '../../../http/scope';
import * as q from './queries';

const auth = [requireAuth];
const security = [{ bearer: [] }];
const runStarted = z.object({ run_id: z.uuid(), existing: z.boolean() });

const clusterWithKeywords = clusterSchema.extend({
  keywords: z.array(keywordSchema.pick({ id: true, keyword: true, volume: true, difficulty: true, cpc: true, intent: true, status: true, cluster_locked: true })),
  keywords_truncated: z.boolean(),
});

export const clusterRoutes = router()
  .openapi(
    createRoute({
      method: 'post', path: '/planner/keywords/auto-cluster', tags: ['planner'], security, middleware: auth,
      summary: 'Cluster a whole sector ({sector_id}) or chosen keywords of one sector ({keyword_ids})',
      request: { body: jsonBody(z.object({ keyword_ids: z.array(z.uuid()).optional(), sector_id: z.uuid().optional(), granularity: clusterGranularitySchema.optional() })) },
      responses: dataResponse(runStarted, 202),
    }),
    async (c) => {
      const { runId, existing } = await inScope(c, (tx) => startRun(tx, c.get('principal'), 'auto_cluster', c.req.valid('json')));
      return ok(c, { run_id: runId, existing }, 202);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/planner/clusters', tags: ['planner'], security, middleware: auth,
      request: {
        query: pageQuery.extend({
          site_id: z.uuid().optional(), sector_id: z.uuid().optional(), status: z.enum(CLUSTER_STATUSES).optional(),
          search: z.string().trim().min(1).max(200).optional(), ordering: z.enum(q.CLUSTER_ORDERINGS).default('-total_volume'),
        }),
      },
      responses: listResponse(clusterSchema),
    }),
    async (c) => {
      const query = c.req.valid('query');
      const { results, count } = await inScope(c, (tx) => q.listClusters(tx, query, pageBounds(query)));
      return list(c, results, count, query);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/planner/clusters/{id}', tags: ['planner'], security, middleware: auth,
      summary: 'A cluster with its keywords (the first 1 000 by volume)',
      request: { params: idParams }, responses: dataResponse(clusterWithKeywords),
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      return ok(c, await inScope(c, async (tx) => {
        const cluster = await q.getCluster(tx, id);
        if (!cluster) throw notFound('Cluster');
        const keywords = await q.clusterKeywords(tx, id);
        return { ...cluster, keywords, keywords_truncated: (cluster.keyword_count as number) > keywords.length };
      }));
    },
  )
  .openapi(
    createRoute({
      method: 'patch', path: '/planner/clusters/{id}', tags: ['planner'], security, middleware: auth,
      request: { params: idParams, body: jsonBody(clusterPatchSchema) }, responses: dataResponse(clusterSchema),
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      return ok(c, await inScope(c, async (tx) => {
        if (!(await q.getCluster(tx, id))) throw notFound('Cluster');
        requireWrite(c.get('principal'));
        const set = Object.fromEntries(Object.entries(c.req.valid('json')).filter(([, v]) => v !== undefined));
        return q.updateCluster(tx, id, set);
      }));
    },
  )
  .openapi(
    createRoute({
      method: 'delete', path: '/planner/clusters/{id}', tags: ['planner'], security, middleware: auth,
      summary: 'Delete a cluster; its keywords become unclustered',
      request: { params: idParams }, responses: dataResponse(z.null()),
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      await inScope(c, async (tx) => {
        if (!(await q.getCluster(tx, id))) throw notFound('Cluster');
        requireWrite(c.get('principal'));
        await q.deleteCluster(tx, id);
      });
      return ok(c, null, 200, 'Cluster deleted.');
    },
  );
