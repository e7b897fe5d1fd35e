import type { Sql } from '../db/client';

// Provider call slots shared by every process (the provider_leases table, on the owner connection).

/** Takes a free (or expired) slot of `key` among `limit`; null when all are held. */
export async function takeSlot(sql: Sql, key: string, limit: number, holder: string, ttlSeconds: number): Promise<number | null> {
  const [row] = await sql`
    insert into provider_leases as l (key, slot, holder, expires_at)
    select ${key}, s, ${holder}, now() + make_interval(secs => ${ttlSeconds})
    from generate_series(0, ${limit} - 1) s
    where not exists (select 1 from provider_leases o where o.key = ${key} and o.slot = s and o.expires_at > now())
    order by s limit 1
    on conflict (key, slot) do update set holder = excluded.holder, expires_at = excluded.expires_at
      where l.expires_at <= now()
    returning slot`;
  return row ? (row.slot as number) : null;
}

/** Extends every lease `holder` still has. */
export async function renewSlots(sql: Sql, holder: string, ttlSeconds: number) {
  await sql`update provider_leases set expires_at = now() + make_interval(secs => ${ttlSeconds}) where holder = ${holder}`;
}

export async function releaseSlot(sql: Sql, key: string, slot: number, holder: string) {
  await sql`delete from provider_leases where key = ${key} and slot = ${slot} and holder = ${holder}`;
}
