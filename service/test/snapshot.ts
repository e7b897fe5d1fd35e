import type { TestService } from './service';

/** Tables holding tenant rows: those with an `account_id`, found from the schema so new tables count too. */
export async function tenantTables(svc: TestService): Promise<string[]> {
  const rows = await svc.deps.db.owner<{ table_name: string }[]>`
    select table_name from information_schema.columns
    where table_schema = 'public' and column_name = 'account_id' order by table_name`;
  return rows.map((r) => r.table_name);
}

/**
 * Every row of an account, as the database holds it, in every tenant table: compare two to prove
 * that nothing changed.
 */
export async function accountSnapshot(svc: TestService, accountId: string): Promise<Record<string, unknown>> {
  const owner = svc.deps.db.owner;
  const out: Record<string, unknown> = { accounts: await owner`select * from accounts where id = ${accountId}` };
  for (const table of await tenantTables(svc)) {
    out[table] = await owner`select * from ${owner(table)} t where account_id = ${accountId} order by row_to_json(t)::text`;
  }
  return out;
}
