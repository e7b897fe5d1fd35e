import { createRoute, z } from '@hono/zod-openapi';
import { taskSchema } from '@igny8/shared';
import { list, pageBounds, pageQuery } from '../../../http/envelope';
import { requireAuth } from '../../../http/middleware';
import { listResponse, router } from '../../../http/openapi-app';
import { inScope } from '../../../http/scope';
import * as service from './service';

// Mounted at /writer/tasks.

const auth = [requireAuth];
const security = [{ bearer: [] }];

export const taskRoutes = router().openapi(
  createRoute({
    method: 'get', path: '/', tags: ['writer'], security, middleware: auth,
    operationId: 'listTasks', summary: 'List writer tasks',
    request: { query: pageQuery.extend({ site_id: z.uuid().optional(), sector_id: z.uuid().optional(), status: taskSchema.shape.status.optional() }) },
    responses: listResponse(taskSchema),
  }),
  async (c) => {
    const query = c.req.valid('query');
    const filter = { site_id: query.site_id, sector_id: query.sector_id, status: query.status };
    const { results, count } = await inScope(c, (tx) => service.listTasks(tx, c.get('caller'), filter, pageBounds(query)));
    return list(c, results, count, query);
  },
);
