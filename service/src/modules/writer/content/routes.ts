import { createRoute, z } from '@hono/zod-openapi';
import { CONTENT_STATUSES, contentPatchSchema, contentRevisionSchema, contentSchema } from '@igny8/shared';
import { list, ok, pageBounds, pageQuery } from '../../../http/envelope';
import { requireAuth } from '../../../http/middleware';
import { dataResponse, idParams, jsonBody, listResponse, router } from '../../../http/openapi-app';
import { inScope } from '../../../http/scope';
import { requestRun, runStartedSchema } from '../../ai';
import { generateImagePrompts } from '../images';
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
      method: 'post', path: '/generate-image-prompts', tags: ['writer'], security, middleware: auth,
      operationId: 'startGenerateImagePrompts',
      summary: 'Plan the articles’ images: a featured one and one per few sections, each with a prompt, alt text and caption (1 credit per article; each succeeds or fails on its own)',
      request: { body: jsonBody(generateImagePrompts.input) },
      responses: dataResponse(runStartedSchema, 202, { also: [402, 409] }),
    }),
    async (c) => ok(c, await requestRun(c, generateImagePrompts, c.req.valid('json')), 202),
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
  );
