import { createRoute } from '@hono/zod-openapi';
import { ok } from '../../../http/envelope';
import { requireAuth } from '../../../http/middleware';
import { dataResponse, jsonBody, router } from '../../../http/openapi-app';
import { requestRun, runStartedSchema } from '../../ai';
import { assist } from './assist';

// Mounted at /writer/assist.

const auth = [requireAuth];
const security = [{ bearer: [] }];

export const assistRoutes = router().openapi(
  createRoute({
    method: 'post', path: '/', tags: ['writer'], security, middleware: auth,
    operationId: 'startAssist',
    summary: 'Write a title, an outline, a section, a full draft or a meta description for the post being edited (3 credits for a draft, 1 for the rest)',
    description:
      'About exactly one of a typed topic (with `site_id`; a signed site’s own when it sends none), a keyword, a cluster or an idea. ' +
      'The run’s result is `{kind, title}`, `{kind, meta_description}`, `{kind, title, outline, blocks}`, `{kind, heading, blocks, word_count}` ' +
      'or `{kind, title, meta_title, meta_description, excerpt, blocks, word_count}`, where `blocks` is block markup the block editor parses ' +
      'as its own core blocks. Nothing is saved as content.',
    request: { body: jsonBody(assist.input) },
    responses: dataResponse(runStartedSchema, 202, { also: [402, 409] }),
  }),
  async (c) => {
    const body = c.req.valid('json');
    const caller = c.get('caller');
    // A signed site writes for itself: a typed topic without a site is for the caller's site.
    const input = body.site_id || caller.kind !== 'site' ? body : { ...body, site_id: caller.siteId };
    return ok(c, await requestRun(c, assist, input), 202);
  },
);
