import { createRoute, z } from '@hono/zod-openapi';
import { aiRunSchema, RUN_STATUSES } from '@igny8/shared';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../../context';
import { list, ok, pageBounds, pageQuery } from '../../http/envelope';
import { notFound } from '../../http/errors';
import { requireAuth } from '../../http/middleware';
import { inScope } from '../../http/scope';
import { dataResponse, idParams, listResponse, router } from '../../http/openapi-app';
import * as q from './queries';

const auth = [requireAuth];
const security = [{ bearer: [] }];
const FINAL = new Set(['succeeded', 'failed']);
const HEARTBEAT_MS = 15_000;


async function visibleRun(c: Context<AppEnv>, id: string) {
  const run = await inScope(c, (tx) => q.getRun(tx, id));
  if (!run) throw notFound('Run');
  return run;
}

// Mounted at /ai/runs.

export const runRoutes = router()
  .openapi(
    createRoute({
      operationId: 'listRuns',
      method: 'get', path: '/', tags: ['ai'], security, middleware: auth, summary: 'The account’s AI run log',
      request: {
        query: pageQuery.extend({ function: z.string().max(64).optional(), status: z.enum(RUN_STATUSES).optional(), site_id: z.uuid().optional() }),
      },
      responses: listResponse(aiRunSchema),
    }),
    async (c) => {
      const query = c.req.valid('query');
      const { results, count } = await inScope(c, (tx) =>
        q.listRuns(tx, { fn: query.function, status: query.status, siteId: query.site_id }, pageBounds(query)),
      );
      return list(c, results, count, query);
    },
  )
  .openapi(
    createRoute({
      operationId: 'getRun', summary: 'An AI run: status, phase, progress, result and cost',
      method: 'get', path: '/{id}', tags: ['ai'], security, middleware: auth,
      request: { params: idParams }, responses: dataResponse(aiRunSchema),
    }),
    async (c) => ok(c, await visibleRun(c, c.req.valid('param').id)),
  )
  .openapi(
    createRoute({
      operationId: 'streamRunEvents',
      method: 'get', path: '/{id}/events', tags: ['ai'], security, middleware: auth,
      summary: 'Server-sent events: the run object each time it changes, until it succeeds or fails',
      request: { params: idParams },
      responses: { 200: { description: 'text/event-stream of `run` events', content: { 'text/event-stream': { schema: z.string() } } } },
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      await visibleRun(c, id);
      const events = c.get('deps').events;
      return streamSSE(c, async (stream) => {
        let wake: (() => void) | null = null;
        let dirty = true;
        const unsubscribe = await events.subscribe(id, () => {
          dirty = true;
          wake?.();
        });
        stream.onAbort(() => wake?.());
        try {
          let seq = 0;
          let last = '';
          while (!stream.aborted) {
            if (dirty) {
              dirty = false;
              const run = await inScope(c, (tx) => q.getRun(tx, id));
              if (!run) break;
              // Several notifications may arrive for one visible change; send each state once.
              const data = JSON.stringify(run);
              if (data === last) continue;
              last = data;
              await stream.writeSSE({ event: 'run', id: String(++seq), data });
              if (FINAL.has(run.status as string)) break;
              continue;
            }
            const woke = await new Promise<boolean>((resolve) => {
              const timer = setTimeout(() => resolve(false), HEARTBEAT_MS);
              wake = () => {
                clearTimeout(timer);
                resolve(true);
              };
            });
            wake = null;
            if (!woke && !stream.aborted) await stream.write(': keep-alive\n\n');
          }
        } finally {
          unsubscribe();
        }
      }) as never;
    },
  );
