import { createRoute, z } from '@hono/zod-openapi';
import { CLUSTER_STATUSES, nonBlank, clusterPatchSchema, clusterSchema, keywordSchema } from '@igny8/shared';
import { list, ok, pageBounds, pageQuery } from '../../../http/envelope';
import { requireAuth } from '../../../http/middleware';
import { dataResponse, idParams, jsonBody, listResponse, router } from '../../../http/openapi-app';
import { generateIdeas } from '../functions';
import { inScope } from '../../../http/scope';
import { requestRun, runStartedSchema } from '../../ai';
import * as q from './queries';
import * as service from './service';

// Mounted at /planner/clusters.

const auth = [requireAuth];
const security = [{ bearer: [] }];

const clusterWithKeywords = clusterSchema.extend({
  keywords: z.array(keywordSchema.pick({ id: true, keyword: true, volume: true, difficulty: true, cpc: true, intent: true, status: true, cluster_locked: true })),
  keywords_truncated: z.boolean(),
});

export const clusterRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/', tags: ['planner'], security, middleware: auth,
      operationId: 'listClusters', summary: 'List clusters',
      request: {
        query: pageQuery.extend({
          site_id: z.uuid().optional(), sector_id: z.uuid().optional(), status: z.enum(CLUSTER_STATUSES).optional(),
          search: nonBlank(200).optional(), ordering: z.enum(q.CLUSTER_ORDERINGS).default('-total_volume'),
        }),
      },
      responses: listResponse(clusterSchema),
    }),
    async (c) => {
      const { page, page_size, ...filter } = c.req.valid('query');
      const { results, count } = await inScope(c, (tx) => service.listClusters(tx, c.get('caller'), filter, pageBounds({ page, page_size })));
      return list(c, results, count, { page, page_size });
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/generate-ideas', tags: ['planner'], security, middleware: auth,
      operationId: 'startGenerateIdeas', summary: 'Generate content ideas for clusters (1 credit per idea)',
      request: { body: jsonBody(generateIdeas.input) },
      responses: dataResponse(runStartedSchema, 202, { also: [402, 409] }),
    }),
    async (c) => ok(c, await requestRun(c, generateIdeas, c.req.valid('json')), 202),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}', tags: ['planner'], security, middleware: auth,
      operationId: 'getCluster', summary: 'A cluster with its keywords (the first 1 000 by volume)',
      request: { params: idParams }, responses: dataResponse(clusterWithKeywords),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.getCluster(tx, c.get('caller'), c.req.valid('param').id))),
  )
  .openapi(
    createRoute({
      method: 'patch', path: '/{id}', tags: ['planner'], security, middleware: auth,
      operationId: 'updateCluster', summary: 'Rename or re-describe a cluster, or change its intent or status',
      request: { params: idParams, body: jsonBody(clusterPatchSchema) }, responses: dataResponse(clusterSchema),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.updateCluster(tx, c.get('caller'), c.req.valid('param').id, c.req.valid('json')))),
  )
  .openapi(
    createRoute({
      method: 'delete', path: '/{id}', tags: ['planner'], security, middleware: auth,
      operationId: 'deleteCluster', summary: 'Delete a cluster; its keywords become unclustered',
      request: { params: idParams }, responses: dataResponse(z.null()),
    }),
    async (c) => {
      await inScope(c, (tx) => service.deleteCluster(tx, c.get('caller'), c.req.valid('param').id));
      return ok(c, null, 200, 'Cluster deleted.');
    },
  );
