import { GLOBAL, type Database } from '../../db/client';
import type { Deps } from '../../context';
import { loadPrincipal } from './queries';
import { verifySiteRequest } from './site-signature';

/**
 * The user and account behind a session (or the site behind a signed request), looked up afresh for every request so that revocations
 * and role changes apply at once. Handed to the HTTP layer through `Deps`, so the plumbing every
 * module's routes use depends on no module.
 */
export class Sessions {
  constructor(private readonly db: Database) {}

  load(userId: string, sessionId: string) {
    return this.db.run(GLOBAL, (tx) => loadPrincipal(tx, userId, sessionId));
  }

  /** The site, and the WordPress user it acts for, behind a signed request; 401 when anything does not match. */
  verifySite(deps: Deps, jws: string, request: { method: string; target: string }) {
    return verifySiteRequest(deps, jws, request);
  }
}
