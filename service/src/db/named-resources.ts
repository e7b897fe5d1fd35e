import type postgres from 'postgres';
import type { Tx } from './client';
import { definedOnly } from '../lib/defined';
import { pageOf, type Page } from './lists';

/** Whose rows: one account, or every account (developers and system bots). */
export type AccountFilter = string | null;

/**
 * The SQL of an account-owned, named resource with at most one default per account (author
 * profiles, strategies, and the like): list, get, the default, insert, update, delete. Making one
 * the default clears the account's previous default in the same transaction; a unique index on
 * `(account_id) where is_default` settles races (a 409).
 */
export function namedResources<Row extends { id: string; account_id: string; is_default: boolean }>(table: string, columns: readonly string[]) {
  type Write = Partial<Omit<Row, 'id' | 'account_id' | 'created_at' | 'updated_at'>>;
  const inAccount = (tx: Tx, account: AccountFilter) => (account ? tx`account_id = ${account}` : tx`true`);
  const returning = (tx: Tx) => tx`returning ${tx(columns as string[])}`;

  async function clearDefault(tx: Tx, accountId: string, keepId: string | null) {
    await tx`update ${tx(table)} set is_default = false, updated_at = now() where account_id = ${accountId} and is_default and id is distinct from ${keepId}`;
  }

  return {
    list(tx: Tx, account: AccountFilter, page: Page, also?: postgres.PendingQuery<postgres.Row[]>) {
      return pageOf<Row>(tx, {
        select: tx`${tx(columns as string[])}`,
        from: tx`from ${tx(table)} where ${inAccount(tx, account)} ${also ?? tx``}`,
        order: tx`is_default desc, lower(name), id`,
        page,
      });
    },
    async get(tx: Tx, account: AccountFilter, id: string): Promise<Row | null> {
      const [row] = await tx<Row[]>`select ${tx(columns as string[])} from ${tx(table)} where ${inAccount(tx, account)} and id = ${id}`;
      return row ?? null;
    },
    async getDefault(tx: Tx, accountId: string): Promise<Row | null> {
      const [row] = await tx<Row[]>`select ${tx(columns as string[])} from ${tx(table)} where account_id = ${accountId} and is_default`;
      return row ?? null;
    },
    async insert(tx: Tx, accountId: string, values: Write): Promise<Row> {
      if (values.is_default) await clearDefault(tx, accountId, null);
      const [row] = await tx<Row[]>`insert into ${tx(table)} ${tx({ ...definedOnly(values), account_id: accountId } as Record<string, unknown>)} ${returning(tx)}`;
      return row!;
    },
    async update(tx: Tx, current: Row, values: Write): Promise<Row> {
      const set = definedOnly(values) as Record<string, unknown>;
      if (Object.keys(set).length === 0) return current;
      if (values.is_default) await clearDefault(tx, current.account_id, current.id);
      const [row] = await tx<Row[]>`update ${tx(table)} set ${tx(set)}, updated_at = now() where id = ${current.id} ${returning(tx)}`;
      return row!;
    },
    async remove(tx: Tx, current: Row): Promise<void> {
      await tx`delete from ${tx(table)} where id = ${current.id}`;
    },
  };
}
