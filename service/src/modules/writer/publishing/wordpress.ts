import type { Deps } from '../../../context';
import { WordPressClient, type WordPressLogin } from '../../../providers/wordpress';

/** The site's WordPress over the guarded outbound fetch: a private address only when the operator allows it. */
export function wordpressClient(deps: Deps, login: WordPressLogin): WordPressClient {
  return new WordPressClient(login, { fetch: deps.outbound.tenant, timeoutMs: deps.config.wpTimeoutMs });
}
