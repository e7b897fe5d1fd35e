import postgres from 'postgres';
import { socketsWithoutDelay } from './socket';

export type Sql = postgres.Sql;
export type Tx = postgres.TransactionSql;

/**
 * Whose rows a transaction may touch. Row-level security policies read these settings, so a query
 * that forgets a filter still sees only the scope's rows.
 * - `global`: developers, system bots and the service's own bookkeeping (sign-in, sign-up, jobs).
 * - `account`: one account; `siteIds` limits editors and viewers to their granted sites.
 */
export type Scope =
  | { kind: 'global'; readOnly?: boolean }
  | { kind: 'account'; accountId: string; siteIds: string[] | null; readOnly: boolean };

export const GLOBAL: Scope = { kind: 'global' };

export const APP_ROLE = 'igny8_app';
export const GLOBAL_ROLE = 'igny8_global';

export function connect(url: string, options: { max?: number; applicationName?: string; settings?: Record<string, string> } = {}): Sql {
  // `socket` is documented by postgres.js but missing from its types.
  const sockets: { socket: ReturnType<typeof socketsWithoutDelay> } = { socket: socketsWithoutDelay() };
  return postgres(url, {
    ...sockets,
    max: options.max ?? 10,
    // Plan each statement for its values: tenants differ by orders of magnitude (one account's
    // million keywords beside another's hundred), and a cached generic plan fits neither.
    prepare: false,
    onnotice: () => {},
    connection: { application_name: options.applicationName ?? 'igny8', ...options.settings },
    // Counts, sums and costs come back as JavaScript numbers (ids are uuids, so nothing needs more
    // than 2^53); postgres.js would otherwise hand int8 and numeric over as strings.
    types: {
      int8: { to: 20, from: [20], serialize: (n: number) => String(n), parse: (s: string) => Number(s) },
      numeric: { to: 1700, from: [1700], serialize: (n: number) => String(n), parse: (s: string) => Number(s) },
    },
  });
}

/**
 * The service's database access: `owner` runs migrations and the job queue; `app` serves requests
 * as `igny8_app` under row-level security; `system` is the same login already switched to
 * `igny8_global` at connection start, without waiting for the disk on commit, for bookkeeping
 * statements whose loss in a crash is harmless (a run's progress, a claim that a retry redoes).
 */
export class Database {
  constructor(
    readonly owner: Sql,
    readonly app: Sql,
    readonly system: Sql,
    /** How long `run` waits for a free connection before giving up with PoolBusyError; 0 waits forever. */
    readonly acquireTimeoutMs = 0,
  ) {}

  /**
   * Runs `fn` in one transaction under `scope`: committed whole (and durably) or rolled back whole.
   * When every connection stays busy for acquireTimeoutMs it throws PoolBusyError; the queued
   * transaction is then left to start and roll back at once, so the caller never waits on.
   */
  async run<T>(scope: Scope, fn: (tx: Tx) => Promise<T>): Promise<T> {
    if (!this.acquireTimeoutMs) return (await this.app.begin((tx) => applyScope(tx, scope).then(() => fn(tx)))) as T;
    let state: 'waiting' | 'started' | 'abandoned' = 'waiting';
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (state !== 'waiting') return;
        state = 'abandoned';
        reject(new PoolBusyError(this.acquireTimeoutMs));
      }, this.acquireTimeoutMs);
      this.app
        .begin(async (tx) => {
          if (state === 'abandoned') throw ABANDONED;
          state = 'started';
          clearTimeout(timer);
          await applyScope(tx, scope);
          return fn(tx);
        })
        .then(
          (result) => resolve(result as T),
          (err) => {
            clearTimeout(timer);
            if (err !== ABANDONED) reject(err);
          },
        );
    });
  }

  /** Single bookkeeping statements across accounts, one round trip each and no wait for the disk. */
  bookkeeping<T>(fn: (sql: Tx) => Promise<T>): Promise<T> {
    return fn(this.system as unknown as Tx);
  }

  async close(): Promise<void> {
    await Promise.all([this.app.end({ timeout: 5 }), this.system.end({ timeout: 5 }), this.owner.end({ timeout: 5 })]);
  }
}

/**
 * Runs `fn` inside `tx` as igny8_global, then switches back to the role the transaction had. For
 * the writes the tenant role holds no privilege for (balances, user roles): row-level security no
 * longer narrows what `fn` touches, so its statements name their rows themselves.
 */
export async function asGlobal<T>(tx: Tx, fn: () => Promise<T>): Promise<T> {
  const [was] = await tx`select current_user as role, set_config('role', ${GLOBAL_ROLE}, true)`;
  const result = await fn();
  await tx`select set_config('role', ${was!.role as string}, true)`;
  return result;
}

const ABANDONED = new Error('transaction abandoned while waiting for a connection');

/** Every database connection stayed busy for the acquire timeout: the caller should come back later. */
export class PoolBusyError extends Error {
  override readonly name = 'PoolBusyError';
  constructor(readonly waitedMs: number) {
    super(`No database connection became free within ${waitedMs} ms.`);
  }
}

export async function applyScope(tx: Tx, scope: Scope): Promise<void> {
  if (scope.kind === 'global') {
    await tx`select set_config('role', ${GLOBAL_ROLE}, true), set_config('igny8.read_only', ${scope.readOnly ? 'on' : 'off'}, true)`;
    return;
  }
  await tx`select
    set_config('igny8.account_id', ${scope.accountId}, true),
    set_config('igny8.site_ids', ${scope.siteIds ? `{${scope.siteIds.join(',')}}` : ''}, true),
    set_config('igny8.read_only', ${scope.readOnly ? 'on' : 'off'}, true)`;
}

/** The account a transaction is scoped to (see applyScope); null in the global scope. */
export async function scopedAccount(tx: Tx): Promise<string | null> {
  const [row] = await tx`select igny8_account_id() as id`;
  return (row?.id as string | null) ?? null;
}
