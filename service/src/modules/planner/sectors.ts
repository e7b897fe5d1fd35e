import type { Tx } from '../../db/client';
import { notFound } from '../../http/errors';

export type SectorRef = { id: string; siteId: string; accountId: string };

/** A sector the caller sees, with its site and account; 404 otherwise. */
export async function visibleSector(tx: Tx, sectorId: string): Promise<SectorRef> {
  const [row] = await tx`select id, site_id, account_id from sectors where id = ${sectorId}`;
  if (!row) throw notFound('Sector');
  return { id: row.id as string, siteId: row.site_id as string, accountId: row.account_id as string };
}
