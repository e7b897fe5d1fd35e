import { createRoute, z } from '@hono/zod-openapi';
import { CONTENT_TYPES, IDEA_STATUSES, ideaPatchSchema, ideaSchema, taskSchema } from '@igny8/shared';
import { list, ok, pageBounds, pageQuery } from '../../../http/envelope';
import { notFound } from '../../../http/errors';
import { requireAuth } from '../../../http/middleware';
import { dataResponse, idParams, jsonBody, listResponse, router } from '../../../http/openapi-app';
import { requestRun, runStartedSchema } from '../../ai/request';
import { generateIdeas } from '../functions';
import { requireWrite } from '../keywords/service';
import { inScope } from '../../../http/scope';
import * as q from './queries';

const auth = [requireAuth];
const security = [{ bearer: [] }];

export const ideaRoutes = router()
  .openapi(
    createRoute({
      method: 'post', path: '/planner/clusters/generate-ideas', tags: ['planner'], security, middleware: auth,
      summary: 'Generate content ideas for clusters (1 credit per idea)',
      request: { body: jsonBody(generateIdeas.input) },
      responses: dataResponse(runStartedSchema, 202),
    }),
    async (c) => ok(c, await requestRun(c, generateIdeas, c.req.valid('json')), 202),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/planner/ideas', tags: ['planner'], security, middleware: auth,
      request: {
        query: pageQuery.extend({
          site_id: z.uuid().optional(), sector_id: z.uuid().optional(), cluster_id: z.uuid().optional(),
          status: z.enum(IDEA_STATUSES).optional(), content_type: z.enum(CONTENT_TYPES).optional(), search: z.string().trim().min(1).max(200).optional(),
        }),
      },
      responses: listResponse(ideaSchema),
    }),
    async (c) => {
      const query = c.req.valid('query');
      const { results, count } = await inScope(c, (tx) => q.listIdeas(tx, query, pageBounds(query)));
      return list(c, results, count, query);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/planner/ideas/create-tasks', tags: ['planner'], security, middleware: auth,
      summary: 'Turn ideas into writer tasks (an idea that already has a task keeps it)',
      request: { body: jsonBody(z.object({ idea_ids: z.array(z.uuid()).min(1).max(500) }).strict()) },
      responses: dataResponse(z.object({ tasks: z.array(taskSchema) }), 201),
    }),
    async (c) => {
      const p = c.get('principal');
      const ids = [...new Set(c.req.valid('json').idea_ids)];
      const tasks = await inScope(c, async (tx) => {
        const visible = await q.visibleIdeaIds(tx, ids);
        if (visible.size < ids.length) throw notFound(ids.length - visible.size === 1 ? 'Idea' : `${ids.length - visible.size} of the ideas`);
        requireWrite(p);
        return q.createTasksFromIdeas(tx, ids, p.userId);
      });
      return ok(c, { tasks }, 201);
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/planner/ideas/{id}', tags: ['planner'], security, middleware: auth, request: { params: idParams }, responses: dataResponse(ideaSchema) }),
    async (c) => {
      const idea = await inScope(c, (tx) => q.getIdea(tx, c.req.valid('param').id));
      if (!idea) throw notFound('Idea');
      return ok(c, idea);
    },
  )
  .openapi(
    createRoute({
      method: 'patch', path: '/planner/ideas/{id}', tags: ['planner'], security, middleware: auth,
      request: { params: idParams, body: jsonBody(ideaPatchSchema) }, responses: dataResponse(ideaSchema),
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      return ok(c, await inScope(c, async (tx) => {
        if (!(await q.getIdea(tx, id))) throw notFound('Idea');
        requireWrite(c.get('principal'));
        return q.updateIdea(tx, id, Object.fromEntries(Object.entries(c.req.valid('json')).filter(([, v]) => v !== undefined)));
      }));
    },
  )
  .openapi(
    createRoute({ method: 'delete', path: '/planner/ideas/{id}', tags: ['planner'], security, middleware: auth, request: { params: idParams }, responses: dataResponse(z.null()) }),
    async (c) => {
      const id = c.req.valid('param').id;
      await inScope(c, async (tx) => {
        if (!(await q.getIdea(tx, id))) throw notFound('Idea');
        requireWrite(c.get('principal'));
        await q.deleteIdea(tx, id);
      });
      return ok(c, null, 200, 'Idea deleted.');
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/writer/tasks', tags: ['writer'], security, middleware: auth,
      request: { query: pageQuery.extend({ site_id: z.uuid().optional(), sector_id: z.uuid().optional(), status: z.enum(['queued', 'in_progress', 'completed', 'failed']).optional() }) },
      responses: listResponse(taskSchema),
    }),
    async (c) => {
      const query = c.req.valid('query');
      const { results, count } = await inScope(c, (tx) => q.listTasks(tx, query, pageBounds(query)));
      return list(c, results, count, query);
    },
  );
