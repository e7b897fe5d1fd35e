import { createRoute, z } from '@hono/zod-openapi';
import { userCreateSchema, userPatchSchema, userSchema } from '@igny8/shared';
import { list, ok, pageBounds, pageQuery } from '../../../http/envelope';
import { requireAuth } from '../../../http/middleware';
import { dataResponse, idParams, jsonBody, listResponse, router } from '../../../http/openapi-app';
import { inScope } from '../../../http/scope';
import * as service from '../service';

// Mounted at /users.

const auth = [requireAuth];
const security = [{ bearer: [] }];

export const userRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/', tags: ['users'], security, middleware: auth,
      operationId: 'listUsers', summary: 'The account’s users (owners and admins)',
      request: { query: pageQuery }, responses: listResponse(userSchema),
    }),
    async (c) => {
      const page = c.req.valid('query');
      const { results, count } = await inScope(c, (tx) => service.listUsers(tx, c.get('caller'), pageBounds(page)));
      return list(c, results, count, page);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/', tags: ['users'], security, middleware: auth,
      operationId: 'createUser', summary: 'Add a user to the account with a role at most the caller’s own',
      request: { body: jsonBody(userCreateSchema) }, responses: dataResponse(userSchema, 201, { also: [409] }),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.createUser(c.get('deps'), tx, c.get('caller'), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'patch', path: '/{id}', tags: ['users'], security, middleware: auth,
      operationId: 'updateUser', summary: 'Rename a user, change their role or password, or deactivate them',
      request: { params: idParams, body: jsonBody(userPatchSchema) }, responses: dataResponse(userSchema, 200, { also: [409] }),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.updateUser(c.get('deps'), tx, c.get('caller'), c.req.valid('param').id, c.req.valid('json')))),
  )
  .openapi(
    createRoute({
      method: 'delete', path: '/{id}', tags: ['users'], security, middleware: auth,
      operationId: 'deleteUser', summary: 'Remove a user from the account',
      request: { params: idParams }, responses: dataResponse(z.null(), 200, { also: [409] }),
    }),
    async (c) => {
      await inScope(c, (tx) => service.deleteUser(tx, c.get('caller'), c.req.valid('param').id));
      return ok(c, null, 200, 'User deleted.');
    },
  );
