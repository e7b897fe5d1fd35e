import { createRoute, z } from '@hono/zod-openapi';
import { authorProfileCreateSchema, authorProfilePatchSchema, authorProfileSchema } from '@igny8/shared';
import { list, ok, pageBounds, pageQuery } from '../../../http/envelope';
import { requireAuth } from '../../../http/middleware';
import { inScope } from '../../../http/scope';
import { dataResponse, idParams, jsonBody, listResponse, router } from '../../../http/openapi-app';
import * as service from '../service';

const auth = [requireAuth];
const security = [{ bearer: [] }];
const tags = ['thinker'];

// Mounted at /thinker/author-profiles.

export const authorProfileRoutes = router()
  .openapi(
    createRoute({
      operationId: 'listAuthorProfiles', summary: 'The account’s author profiles',
      method: 'get', path: '/', tags, security, middleware: auth,
      request: { query: pageQuery }, responses: listResponse(authorProfileSchema),
    }),
    async (c) => {
      const page = c.req.valid('query');
      const { results, count } = await inScope(c, (tx) => service.listAuthorProfiles(tx, c.get('caller'), pageBounds(page)));
      return list(c, results, count, page);
    },
  )
  .openapi(
    createRoute({
      operationId: 'createAuthorProfile', summary: 'Add an author profile',
      method: 'post', path: '/', tags, security, middleware: auth,
      request: { body: jsonBody(authorProfileCreateSchema) }, responses: dataResponse(authorProfileSchema, 201, { also: [409] }),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.createAuthorProfile(tx, c.get('caller'), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      operationId: 'getAuthorProfile', summary: 'An author profile',
      method: 'get', path: '/{id}', tags, security, middleware: auth,
      request: { params: idParams }, responses: dataResponse(authorProfileSchema),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.visibleAuthorProfile(tx, c.get('caller'), c.req.valid('param').id))),
  )
  .openapi(
    createRoute({
      operationId: 'updateAuthorProfile', summary: 'Change an author profile',
      method: 'patch', path: '/{id}', tags, security, middleware: auth,
      request: { params: idParams, body: jsonBody(authorProfilePatchSchema) }, responses: dataResponse(authorProfileSchema, 200, { also: [409] }),
    }),
    async (c) =>
      ok(c, await inScope(c, (tx) => service.updateAuthorProfile(tx, c.get('caller'), c.req.valid('param').id, c.req.valid('json')))),
  )
  .openapi(
    createRoute({
      operationId: 'deleteAuthorProfile', summary: 'Delete an author profile',
      method: 'delete', path: '/{id}', tags, security, middleware: auth,
      request: { params: idParams }, responses: dataResponse(z.null()),
    }),
    async (c) => {
      await inScope(c, (tx) => service.deleteAuthorProfile(tx, c.get('caller'), c.req.valid('param').id));
      return ok(c, null, 200, 'Author profile deleted.');
    },
  )
  // ---- strategies;
