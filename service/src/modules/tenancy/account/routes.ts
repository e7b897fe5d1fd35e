import { createRoute } from '@hono/zod-openapi';
import { accountPatchSchema, accountSchema } from '@igny8/shared';
import { ok } from '../../../http/envelope';
import { requireAuth } from '../../../http/middleware';
import { dataResponse, jsonBody, router } from '../../../http/openapi-app';
import { inScope } from '../../../http/scope';
import * as service from '../service';

// Mounted at /account.

const auth = [requireAuth];
const security = [{ bearer: [] }];

export const accountRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/', tags: ['account'], security, middleware: auth,
      operationId: 'getAccount', summary: 'The caller’s account, with its plan and credits', responses: dataResponse(accountSchema),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.getAccount(tx, c.get('caller')))),
  )
  .openapi(
    createRoute({
      method: 'patch', path: '/', tags: ['account'], security, middleware: auth,
      operationId: 'updateAccount', summary: 'Rename the account (owners and admins)',
      request: { body: jsonBody(accountPatchSchema) }, responses: dataResponse(accountSchema),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.updateAccount(tx, c.get('caller'), c.req.valid('json')))),
  );
