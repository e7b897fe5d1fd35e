import { createRoute, z } from '@hono/zod-openapi';
import type { HttpBindings } from '@hono/node-server';
import {
  bulkIdsSchema, importQueuedSchema, importResultSchema, importStatusSchema, keywordCreateSchema, keywordListQuery, keywordPatchSchema, keywordSchema,
} from '@igny8/shared';
import { envelopeOf, list, ok, pageBounds, pageQuery } from '../../../http/envelope';
import { requireAuth } from '../../../http/middleware';
import { dataResponse, errorResponses, idParams, jsonBody, listResponse, router } from '../../../http/openapi-app';
import { stageUpload } from '../../../http/upload';
import { accountOf } from '../../../access';
import { inScope } from '../../../http/scope';
import { requestRun, runStartedSchema } from '../../ai';
import { autoCluster } from '../functions';
import * as q from './queries';
import * as service from './service';

const auth = [requireAuth];
const security = [{ bearer: [] }];
const sectorQuery = z.object({ sector_id: z.uuid() });
// A plain schema, not zod: a zod one would have the framework read the whole form before the upload is staged.
const csvUpload = { type: 'object' as const, properties: { file: { type: 'string' as const, contentMediaType: 'text/csv' } }, required: ['file'] };

// Mounted at /planner/keywords.

export const keywordRoutes = router()
  .openapi(
    createRoute({
      operationId: 'listKeywords', summary: 'Keywords, filtered and ordered',
      method: 'get', path: '/', tags: ['planner'], security, middleware: auth,
      request: { query: pageQuery.extend(keywordListQuery.shape) }, responses: listResponse(keywordSchema),
    }),
    async (c) => {
      const query = c.req.valid('query');
      const { results, count, exact } = await inScope(c, (tx) => q.listKeywords(tx, query, pageBounds(query), accountOf(c.get('caller'))));
      return list(c, results, count, query, { exact });
    },
  )
  .openapi(
    createRoute({
      operationId: 'createKeywords',
      method: 'post', path: '/', tags: ['planner'], security, middleware: auth,
      summary: 'Create one keyword, or many (an array, up to 1 000) all or none',
      request: { body: jsonBody(z.union([keywordCreateSchema, z.array(keywordCreateSchema).min(1).max(1000)])) },
      responses: dataResponse(z.union([keywordSchema, z.array(keywordSchema)]), 201, { also: [409] }),
    }),
    async (c) => {
      const body = c.req.valid('json');
      const created = await inScope(c, (tx) => service.createKeywords(tx, c.get('caller'), Array.isArray(body) ? body : [body]));
      return ok(c, Array.isArray(body) ? created : created[0]!, 201);
    },
  )
  .openapi(
    createRoute({
      operationId: 'bulkDeleteKeywords', summary: 'Delete many keywords at once',
      method: 'post', path: '/bulk-delete', tags: ['planner'], security, middleware: auth,
      request: { body: jsonBody(bulkIdsSchema) }, responses: dataResponse(z.object({ deleted: z.number().int() })),
    }),
    async (c) => ok(c, { deleted: await inScope(c, (tx) => service.deleteKeywords(tx, c.get('caller'), c.req.valid('json').ids)) }),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/auto-cluster', tags: ['planner'], security, middleware: auth,
      operationId: 'startAutoCluster', summary: 'Cluster a whole sector ({sector_id}) or chosen keywords of one sector ({keyword_ids})',
      request: { body: jsonBody(autoCluster.input) },
      responses: dataResponse(runStartedSchema, 202, { also: [402, 409] }),
    }),
    async (c) => ok(c, await requestRun(c, autoCluster, c.req.valid('json')), 202),
  )
  .openapi(
    createRoute({
      operationId: 'importKeywords',
      method: 'post', path: '/import', tags: ['planner'], security, middleware: auth,
      summary: 'Import a CSV (text/csv body, or the multipart field "file") into the sector',
      description:
        'The upload is received whole before any work starts. A file of up to IGNY8_IMPORT_INLINE_BYTES is imported at once and ' +
        'answered 200 with the result; a larger one answers 202 with the import to poll at `status_url` ' +
        '(GET /planner/keywords/imports/{id}). Either way the import is all or nothing when the file cannot be read.',
      request: { query: sectorQuery, body: { content: { 'text/csv': { schema: z.string() }, 'multipart/form-data': { schema: csvUpload } }, required: true } },
      responses: {
        ...dataResponse(importResultSchema, 200, { also: [408] }),
        202: { description: 'Queued as a job; poll status_url', content: { 'application/json': { schema: envelopeOf(importQueuedSchema) } } },
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const answer = await service.importKeywordFile(deps, c.get('caller'), {
        sectorId: c.req.valid('query').sector_id,
        receive: () => stageUpload(c, { maxBytes: deps.config.maxImportBytes, idleTimeoutMs: deps.config.bodyIdleTimeoutMs }),
      });
      if ('done' in answer) return ok(c, answer.done);
      const statusUrl = c.req.path.replace(/\/import$/, `/imports/${answer.queued}`);
      c.header('Location', statusUrl);
      return ok(c, { import_id: answer.queued, status_url: statusUrl }, 202);
    },
  )
  .openapi(
    createRoute({
      operationId: 'getKeywordImport', summary: 'The progress of an import running as a job, then its result or error',
      method: 'get', path: '/imports/{id}', tags: ['planner'], security, middleware: auth,
      request: { params: idParams }, responses: dataResponse(importStatusSchema),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.importStatus(tx, c.req.valid('param').id))),
  )
  .openapi(
    createRoute({
      operationId: 'exportKeywords',
      method: 'get', path: '/export', tags: ['planner'], security, middleware: auth,
      summary: 'The keywords as CSV, streamed sector by sector in keyword order; the file imports back as it is',
      description: 'At most IGNY8_MAX_EXPORTS_PER_ACCOUNT exports of an account stream at once from one service process (429 with Retry-After beyond).',
      request: { query: keywordListQuery.pick({ site_id: true, sector_id: true, cluster_id: true, status: true, intent: true }) },
      responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, ...errorResponses([429]) },
    }),
    async (c) => {
      const query = c.req.valid('query');
      // Cuts off a reader that stopped reading (served in-process there is no connection to close).
      const abort = () => {
        const outgoing = (c.env as HttpBindings | undefined)?.outgoing;
        outgoing?.destroy();
        return Boolean(outgoing);
      };
      const body = await service.exportKeywordsCsv(c.get('deps'), c.get('caller'), query, abort);
      return c.body(body, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="keywords${query.sector_id ? `-${query.sector_id}` : ''}.csv"`,
      }) as never;
    },
  )
  .openapi(
    createRoute({
      operationId: 'getKeyword', summary: 'A keyword',
      method: 'get', path: '/{id}', tags: ['planner'], security, middleware: auth,
      request: { params: idParams }, responses: dataResponse(keywordSchema),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.visibleKeyword(tx, c.req.valid('param').id))),
  )
  .openapi(
    createRoute({
      operationId: 'updateKeyword', summary: 'Change a keyword, or place it in a cluster by hand',
      method: 'patch', path: '/{id}', tags: ['planner'], security, middleware: auth,
      request: { params: idParams, body: jsonBody(keywordPatchSchema) }, responses: dataResponse(keywordSchema, 200, { also: [409] }),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.updateKeyword(tx, c.get('caller'), c.req.valid('param').id, c.req.valid('json')))),
  )
  .openapi(
    createRoute({
      operationId: 'deleteKeyword', summary: 'Delete a keyword',
      method: 'delete', path: '/{id}', tags: ['planner'], security, middleware: auth,
      request: { params: idParams }, responses: dataResponse(z.null()),
    }),
    async (c) => {
      await inScope(c, (tx) => service.deleteKeywords(tx, c.get('caller'), [c.req.valid('param').id]));
      return ok(c, null, 200, 'Keyword deleted.');
    },
  );
