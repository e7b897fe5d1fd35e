import type { Context } from 'hono';
import type { AppEnv } from '../context';
import type { Tx } from '../db/client';

/** Runs `fn` in the caller's tenant transaction (the scope requireAuth resolved). */
export function inScope<T>(c: Context<AppEnv>, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return c.get('deps').db.run(c.get('scope'), fn);
}
