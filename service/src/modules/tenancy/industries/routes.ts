import { createRoute, z } from '@hono/zod-openapi';
import { industrySchema } from '@igny8/shared';
import { ok } from '../../../http/envelope';
import { requireAuth } from '../../../http/middleware';
import { dataResponse, router } from '../../../http/openapi-app';
import { inScope } from '../../../http/scope';
import * as service from '../service';

// Mounted at /industries.

const auth = [requireAuth];
const security = [{ bearer: [] }];

export const industryRoutes = router().openapi(
  createRoute({
    method: 'get', path: '/', tags: ['industries'], security, middleware: auth,
    operationId: 'listIndustries', summary: 'Industries and the sector templates of each',
    responses: dataResponse(z.array(industrySchema)),
  }),
  async (c) => ok(c, await inScope(c, (tx) => service.listIndustries(tx, c.get('caller')))),
);
