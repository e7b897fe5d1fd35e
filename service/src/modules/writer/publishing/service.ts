import type { Context } from 'hono';
import type { z } from 'zod';
import { authorize, visibleOne, type Caller } from '../../../access';
import type { AppEnv, Deps } from '../../../context';
import type { Tx } from '../../../db/client';
import { ApiError, notFound } from '../../../http/errors';
import type { WordPressLogin } from '../../../providers/wordpress';
import { ProviderError } from '../../../providers/types';
import { inScope } from '../../../http/scope';
import { requestRun } from '../../ai';
import { siteWordPress } from '../../tenancy';
import { publishContent, type publishRequest } from './publish-content';
import * as q from './queries';
import { wordpressClient } from './wordpress';

// Content an owner or admin has approved, and not sent back to draft or review since.
const APPROVED = new Set(['approved', 'published', 'failed']);

/**
 * In the request's transaction: what may be published, by whom, to where. Editors and above
 * publish (viewers read only); a site that requires approval publishes only approved content.
 * Returns the site's WordPress login for the check that follows outside the transaction.
 */
async function publishTarget(tx: Tx, deps: Deps, caller: Caller, contentId: string): Promise<WordPressLogin> {
  await visibleOne(tx, 'content', contentId);
  authorize(caller, 'write', 'Your role cannot publish content.');
  const content = await q.contentToPublish(tx, contentId);
  if (!content) throw notFound('Content');
  const site = await siteWordPress(tx, deps.secrets, content.siteId);
  if (site.requireApproval && !(content.approvedAt && APPROVED.has(content.status))) {
    throw new ApiError('approval_required', 'This site publishes only content approved by an owner or admin: submit it for review and have it approved first.');
  }
  if (!site.login) {
    throw new ApiError('wordpress_not_connected', 'The site has no WordPress address, user name and application password: connect the IGNY8 plugin or set them on the site.');
  }
  return site.login;
}

/**
 * Before a publish is queued, one authenticated request shows that the site answers and takes the
 * application password, so that a user learns at once what to fix rather than from a failed run.
 */
async function checkWordPress(deps: Deps, login: WordPressLogin, status: 'draft' | 'publish'): Promise<void> {
  let me: Awaited<ReturnType<ReturnType<typeof wordpressClient>['me']>>;
  try {
    me = await wordpressClient(deps, login).me();
  } catch (err) {
    if (!(err instanceof ProviderError)) throw err;
    const rejected = err.kind === 'auth';
    throw new ApiError(rejected ? 'wordpress_credentials_rejected' : 'wordpress_unreachable', err.message);
  }
  const caps = me.capabilities ?? {};
  const missing = [status === 'publish' ? 'publish_posts' : 'edit_posts', 'upload_files'].filter((c) => caps[c] !== true);
  if (missing.length) {
    throw new ApiError('wordpress_credentials_rejected', `The WordPress user ${login.username} lacks the capabilities ${missing.join(', ')}: use the application password of an editor or administrator.`);
  }
}

/**
 * POST /writer/content/{id}/publish: what may be published and where (in the request's
 * transaction), then the site's login checked (outside it: it waits on the site), then the run
 * queued. A 409 names what to fix before any run exists.
 */
export async function requestPublish(c: Context<AppEnv>, contentId: string, body: z.infer<typeof publishRequest>) {
  const deps = c.get('deps');
  const login = await inScope(c, (tx) => publishTarget(tx, deps, c.get('caller'), contentId));
  await checkWordPress(deps, login, body.status);
  return requestRun(c, publishContent, { ...body, content_id: contentId });
}
