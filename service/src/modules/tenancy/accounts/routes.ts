import { createRoute, z } from '@hono/zod-openapi';
import { ACCOUNT_STATUSES, accountSummarySchema } from '@igny8/shared';
import { list, pageBounds, pageQuery } from '../../../http/envelope';
import { requireAuth } from '../../../http/middleware';
import { listResponse, router } from '../../../http/openapi-app';
import { inScope } from '../../../http/scope';
import * as service from '../service';

// Mounted at /accounts: every account, for developers and system bots (the caller's own is /account).

const auth = [requireAuth];
const security = [{ bearer: [] }];

const accountsQuery = pageQuery.extend({
  status: z.enum(ACCOUNT_STATUSES).optional(),
  search: z.string().trim().min(1).max(200).optional().openapi({ description: 'Part of the account’s name, any case' }),
});

export const accountsRoutes = router().openapi(
  createRoute({
    method: 'get', path: '/', tags: ['account'], security, middleware: auth,
    operationId: 'listAccounts', summary: 'Every account with its status, plan, credits, users and sites (developers and system bots)',
    request: { query: accountsQuery }, responses: listResponse(accountSummarySchema),
  }),
  async (c) => {
    const query = c.req.valid('query');
    const filter = { status: query.status, search: query.search };
    const { results, count } = await inScope(c, (tx) => service.listAccounts(tx, c.get('caller'), filter, pageBounds(query)));
    return list(c, results, count, query);
  },
);
