import { createRoute, z } from '@hono/zod-openapi';
import { CONTENT_STATUSES, contentPatchSchema, contentRevisionSchema, contentSchema } from '@igny8/shared';
import { list, ok, pageBounds, pageQuery } from '../../../http/envelope';
import { requireAuth } from '../../../http/middleware';
import { dataResponse, idParams, jsonBody, listResponse, router } from '../../../http/openapi-app';
import { inScope } from '../../../http/scope';
import { requestRun, runStartedSchema } from '../../ai';
import { publishContent, publishRequest } from '../publishing/publish-content';
import * as publishing from '../publishing/service';
import * as service from './service';

// Mounted at /writer/content.

const auth = [requireAuth];
const security = [{ bearer: [] }];

export const contentRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/', tags: ['writer'], security, middleware: auth,
      operationId: 'listContent', summary: 'List content',
      request: { query: pageQuery.extend({ site_id: z.uuid().optional(), sector_id: z.uuid().optional(), task_id: z.uuid().optional(), status: z.enum(CONTENT_STATUSES).optional() }) },
      responses: listResponse(contentSchema),
    }),
    async (c) => {
      const { page, page_size, ...filter } = c.req.valid('query');
      const { results, count } = await inScope(c, (tx) => service.listContent(tx, c.get('caller'), filter, pageBounds({ page, page_size })));
      return list(c, results, count, { page, page_size });
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}', tags: ['writer'], security, middleware: auth,
      operationId: 'getContent', summary: 'A piece of content', request: { params: idParams }, responses: dataResponse(contentSchema),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.getContent(tx, c.get('caller'), c.req.valid('param').id))),
  )
  .openapi(
    createRoute({
      method: 'patch', path: '/{id}', tags: ['writer'], security, middleware: auth,
      operationId: 'updateContent', summary: 'Edit content (block markup is checked as generation renders it; the previous text becomes a revision)',
      request: { params: idParams, body: jsonBody(contentPatchSchema) }, responses: dataResponse(contentSchema),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.updateContent(tx, c.get('caller'), c.req.valid('param').id, c.req.valid('json')))),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}/revisions', tags: ['writer'], security, middleware: auth,
      operationId: 'listContentRevisions', summary: 'Earlier versions of a piece of content, newest first',
      request: { params: idParams, query: pageQuery }, responses: listResponse(contentRevisionSchema),
    }),
    async (c) => {
      const query = c.req.valid('query');
      const { results, count } = await inScope(c, (tx) => service.listRevisions(tx, c.get('caller'), c.req.valid('param').id, pageBounds(query)));
      return list(c, results, count, query);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/publish', tags: ['writer'], security, middleware: auth,
      operationId: 'publishContent',
      summary: 'Publish to the site’s WordPress as a run (no credits). Exactly once: publishing again updates the same post. The site’s application password is checked first (409 with the code saying what to fix).',
      request: { params: idParams, body: jsonBody(publishRequest) }, responses: dataResponse(runStartedSchema, 202, { also: [409] }),
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      const body = c.req.valid('json');
      const deps = c.get('deps');
      const login = await inScope(c, (tx) => publishing.publishTarget(tx, deps, c.get('caller'), id));
      // Outside the transaction: it waits on the site.
      await publishing.checkWordPress(deps, login, body.status);
      return ok(c, await requestRun(c, publishContent, { ...body, content_id: id }), 202);
    },
  );
