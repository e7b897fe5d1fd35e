import { createRoute } from '@hono/zod-openapi';
import { connectedSiteSchema, connectWithCodeSchema } from '@igny8/shared';
import { ok } from '../../../http/envelope';
import { clientAddress } from '../../../http/middleware';
import { dataResponse, jsonBody, router } from '../../../http/openapi-app';
import * as service from './service';

// Mounted at /connect: the WordPress plugin registers its key with a one-time code, no token.

export const connectRoutes = router().openapi(
  createRoute({
    method: 'post', path: '/', tags: ['sites'], security: [],
    operationId: 'connectWithCode',
    summary: 'Connect a WordPress site with a one-time code: register the plugin’s Ed25519 public key (and an application password)',
    description:
      'The code authenticates once, for 15 minutes after it was made. An unknown, used or expired code answers 401 ' +
      '`invalid_credentials`; after 10 failed attempts in 15 minutes an address answers 429 until the oldest leaves the window.',
    request: { body: jsonBody(connectWithCodeSchema) },
    responses: dataResponse(connectedSiteSchema, 200, { also: [401, 429] }),
  }),
  async (c) => ok(c, await service.connectWithCode(c.get('deps'), clientAddress(c), c.req.valid('json'))),
);
