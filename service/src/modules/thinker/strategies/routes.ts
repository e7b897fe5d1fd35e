import { createRoute, z } from '@hono/zod-openapi';
import { strategyCreateSchema, strategyPatchSchema, strategySchema } from '@igny8/shared';
import { list, ok, pageBounds, pageQuery } from '../../../http/envelope';
import { requireAuth } from '../../../http/middleware';
import { inScope } from '../../../http/scope';
import { dataResponse, idParams, jsonBody, listResponse, router } from '../../../http/openapi-app';
import * as service from '../service';

const auth = [requireAuth];
const security = [{ bearer: [] }];
const tags = ['thinker'];
const strategyQuery = pageQuery.extend({ site_id: z.uuid().optional().openapi({ description: 'Only strategies for this site or account-wide ones' }) });

// Mounted at /thinker/strategies.

export const strategyRoutes = router()
  .openapi(
    createRoute({
      operationId: 'listStrategies', summary: 'The account’s content strategies',
      method: 'get', path: '/', tags, security, middleware: auth,
      request: { query: strategyQuery }, responses: listResponse(strategySchema),
    }),
    async (c) => {
      const query = c.req.valid('query');
      const { results, count } = await inScope(c, (tx) =>
        service.listStrategies(tx, c.get('caller'), { siteId: query.site_id }, pageBounds(query)),
      );
      return list(c, results, count, query);
    },
  )
  .openapi(
    createRoute({
      operationId: 'createStrategy', summary: 'Add a content strategy',
      method: 'post', path: '/', tags, security, middleware: auth,
      request: { body: jsonBody(strategyCreateSchema) }, responses: dataResponse(strategySchema, 201, { also: [409] }),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.createStrategy(tx, c.get('caller'), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      operationId: 'getStrategy', summary: 'A content strategy',
      method: 'get', path: '/{id}', tags, security, middleware: auth,
      request: { params: idParams }, responses: dataResponse(strategySchema),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.visibleStrategy(tx, c.get('caller'), c.req.valid('param').id))),
  )
  .openapi(
    createRoute({
      operationId: 'updateStrategy', summary: 'Change a content strategy',
      method: 'patch', path: '/{id}', tags, security, middleware: auth,
      request: { params: idParams, body: jsonBody(strategyPatchSchema) }, responses: dataResponse(strategySchema, 200, { also: [409] }),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.updateStrategy(tx, c.get('caller'), c.req.valid('param').id, c.req.valid('json')))),
  )
  .openapi(
    createRoute({
      operationId: 'deleteStrategy', summary: 'Delete a content strategy',
      method: 'delete', path: '/{id}', tags, security, middleware: auth,
      request: { params: idParams }, responses: dataResponse(z.null()),
    }),
    async (c) => {
      await inScope(c, (tx) => service.deleteStrategy(tx, c.get('caller'), c.req.valid('param').id));
      return ok(c, null, 200, 'Strategy deleted.');
    },
  );
