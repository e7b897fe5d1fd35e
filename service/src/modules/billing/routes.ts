import { createRoute, z } from '@hono/zod-openapi';
import { creditGrantSchema, creditTransactionSchema, usageRowSchema } from '@igny8/shared';
import { list, ok, pageBounds, pageQuery } from '../../http/envelope';
import { requireAuth } from '../../http/middleware';
import { inScope } from '../../http/scope';
import { dataResponse, jsonBody, listResponse, router } from '../../http/openapi-app';
import * as service from './service';

const auth = [requireAuth];
const security = [{ bearer: [] }];

const balanceSchema = z.object({ credits: z.number().int(), reserved: z.number().int() });
const usageQuery = z.object({
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  group_by: z.enum(['day', 'function']).default('day'),
});
// Mounted at /billing.

export const billingRoutes = router()
  .openapi(
    createRoute({
      operationId: 'getBalance',
      method: 'get', path: '/balance', tags: ['billing'], security, middleware: auth,
      summary: 'Credits left, and credits held by runs in flight (every role may see it, to know what it can start)',
      responses: dataResponse(balanceSchema),
    }),
    async (c) => {
      return ok(c, await inScope(c, (tx) => service.balance(tx, c.get('caller'))));
    },
  )
  .openapi(
    createRoute({
      operationId: 'listTransactions', summary: 'The credit ledger, newest first (owners)',
      method: 'get', path: '/transactions', tags: ['billing'], security, middleware: auth,
      request: { query: pageQuery }, responses: listResponse(creditTransactionSchema),
    }),
    async (c) => {
      const page = c.req.valid('query');
      const { results, count } = await inScope(c, (tx) => service.listTransactions(tx, c.get('caller'), pageBounds(page)));
      return list(c, results, count, page);
    },
  )
  .openapi(
    createRoute({
      operationId: 'getUsage', summary: 'Runs, credits, tokens and cost per day or per AI function (owners)',
      method: 'get', path: '/usage', tags: ['billing'], security, middleware: auth,
      request: { query: usageQuery }, responses: dataResponse(z.array(usageRowSchema)),
    }),
    async (c) => {
      return ok(c, await inScope(c, (tx) => service.usage(tx, c.get('caller'), c.req.valid('query'))));
    },
  )
  .openapi(
    createRoute({
      operationId: 'adjustCredits',
      method: 'post', path: '/credits', tags: ['billing'], security, middleware: auth,
      summary: 'Add or remove credits (developers and system bots)',
      request: { body: jsonBody(creditGrantSchema) }, responses: dataResponse(creditTransactionSchema, 201),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.adjust(tx, c.get('caller'), c.req.valid('json'))), 201),
  );
