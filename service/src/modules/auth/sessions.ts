import { GLOBAL, type Database } from '../../db/client';
import { loadPrincipal } from './queries';

/**
 * The user and account behind a session, looked up afresh for every request so that revocations
 * and role changes apply at once. Handed to the HTTP layer through `Deps`, so the plumbing every
 * module's routes use depends on no module.
 */
export class Sessions {
  constructor(private readonly db: Database) {}

  load(userId: string, sessionId: string) {
    return this.db.run(GLOBAL, (tx) => loadPrincipal(tx, userId, sessionId));
  }
}
