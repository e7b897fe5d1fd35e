import { createRoute, z } from '@hono/zod-openapi';
import { CONTENT_TYPES, IDEA_STATUSES, nonBlank, ideaPatchSchema, ideaSchema, taskSchema } from '@igny8/shared';
import { list, ok, pageBounds, pageQuery } from '../../../http/envelope';
import { requireAuth } from '../../../http/middleware';
import { dataResponse, idParams, jsonBody, listResponse, router } from '../../../http/openapi-app';
import { inScope } from '../../../http/scope';
import * as service from './service';

// Mounted at /planner/ideas.

const auth = [requireAuth];
const security = [{ bearer: [] }];

export const ideaRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/', tags: ['planner'], security, middleware: auth,
      operationId: 'listIdeas', summary: 'List content ideas',
      request: {
        query: pageQuery.extend({
          site_id: z.uuid().optional(), sector_id: z.uuid().optional(), cluster_id: z.uuid().optional(),
          status: z.enum(IDEA_STATUSES).optional(), content_type: z.enum(CONTENT_TYPES).optional(), search: nonBlank(200).optional(),
        }),
      },
      responses: listResponse(ideaSchema),
    }),
    async (c) => {
      const { page, page_size, ...filter } = c.req.valid('query');
      const { results, count } = await inScope(c, (tx) => service.listIdeas(tx, c.get('caller'), filter, pageBounds({ page, page_size })));
      return list(c, results, count, { page, page_size });
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/create-tasks', tags: ['planner'], security, middleware: auth,
      operationId: 'createTasksFromIdeas', summary: 'Turn ideas into writer tasks (an idea that already has a task keeps it)',
      request: { body: jsonBody(z.object({ idea_ids: z.array(z.uuid()).min(1).max(500) }).strict()) },
      responses: dataResponse(z.object({ tasks: z.array(taskSchema) }), 201),
    }),
    async (c) => ok(c, { tasks: await inScope(c, (tx) => service.createTasks(tx, c.get('caller'), c.req.valid('json').idea_ids)) }, 201),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}', tags: ['planner'], security, middleware: auth,
      operationId: 'getIdea', summary: 'A content idea', request: { params: idParams }, responses: dataResponse(ideaSchema),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.getIdea(tx, c.get('caller'), c.req.valid('param').id))),
  )
  .openapi(
    createRoute({
      method: 'patch', path: '/{id}', tags: ['planner'], security, middleware: auth,
      operationId: 'updateIdea', summary: 'Edit a content idea',
      request: { params: idParams, body: jsonBody(ideaPatchSchema) }, responses: dataResponse(ideaSchema),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.updateIdea(tx, c.get('caller'), c.req.valid('param').id, c.req.valid('json')))),
  )
  .openapi(
    createRoute({
      method: 'delete', path: '/{id}', tags: ['planner'], security, middleware: auth,
      operationId: 'deleteIdea', summary: 'Delete a content idea', request: { params: idParams }, responses: dataResponse(z.null()),
    }),
    async (c) => {
      await inScope(c, (tx) => service.deleteIdea(tx, c.get('caller'), c.req.valid('param').id));
      return ok(c, null, 200, 'Idea deleted.');
    },
  );
