import { createRoute, z } from '@hono/zod-openapi';
import { taskCreateSchema, taskPatchSchema, taskSchema, TASK_STATUSES } from '@igny8/shared';
import { list, ok, pageBounds, pageQuery } from '../../../http/envelope';
import { requireAuth } from '../../../http/middleware';
import { dataResponse, idParams, jsonBody, listResponse, router } from '../../../http/openapi-app';
import { inScope } from '../../../http/scope';
import { requestRun, runStartedSchema } from '../../ai';
import { generateContent } from '../generation';
import * as service from './service';

// Mounted at /writer/tasks.

const auth = [requireAuth];
const security = [{ bearer: [] }];

export const taskRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/', tags: ['writer'], security, middleware: auth,
      operationId: 'listTasks', summary: 'List writer tasks',
      request: { query: pageQuery.extend({ site_id: z.uuid().optional(), sector_id: z.uuid().optional(), status: z.enum(TASK_STATUSES).optional() }) },
      responses: listResponse(taskSchema),
    }),
    async (c) => {
      const query = c.req.valid('query');
      const filter = { site_id: query.site_id, sector_id: query.sector_id, status: query.status };
      const { results, count } = await inScope(c, (tx) => service.listTasks(tx, c.get('caller'), filter, pageBounds(query)));
      return list(c, results, count, query);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/', tags: ['writer'], security, middleware: auth,
      operationId: 'createTask', summary: 'Write a task by hand',
      request: { body: jsonBody(taskCreateSchema) }, responses: dataResponse(taskSchema, 201),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.createTask(tx, c.get('caller'), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/generate-content', tags: ['writer'], security, middleware: auth,
      operationId: 'startGenerateContent',
      summary: 'Write the tasks’ articles (3 credits per article saved; each article succeeds or fails on its own)',
      request: { body: jsonBody(generateContent.input) },
      responses: dataResponse(runStartedSchema, 202, { also: [402, 409] }),
    }),
    async (c) => ok(c, await requestRun(c, generateContent, c.req.valid('json')), 202),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}', tags: ['writer'], security, middleware: auth,
      operationId: 'getTask', summary: 'A writer task', request: { params: idParams }, responses: dataResponse(taskSchema),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.getTask(tx, c.get('caller'), c.req.valid('param').id))),
  )
  .openapi(
    createRoute({
      method: 'patch', path: '/{id}', tags: ['writer'], security, middleware: auth,
      operationId: 'updateTask', summary: 'Edit a writer task',
      request: { params: idParams, body: jsonBody(taskPatchSchema) }, responses: dataResponse(taskSchema),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.updateTask(tx, c.get('caller'), c.req.valid('param').id, c.req.valid('json')))),
  )
  .openapi(
    createRoute({
      method: 'delete', path: '/{id}', tags: ['writer'], security, middleware: auth,
      operationId: 'deleteTask', summary: 'Delete a writer task (its article stays)', request: { params: idParams }, responses: dataResponse(z.null()),
    }),
    async (c) => {
      await inScope(c, (tx) => service.deleteTask(tx, c.get('caller'), c.req.valid('param').id));
      return ok(c, null, 200, 'Task deleted.');
    },
  );
