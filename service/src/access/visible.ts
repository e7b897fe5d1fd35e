import type { Tx } from '../db/client';
import { notFound } from '../http/errors';

/**
 * The tenant objects that requests name by id, with the columns that place them in the hierarchy.
 * Row-level security decides what a caller sees; this table only says where to look.
 */
const KINDS = {
  user: { table: 'users', label: ['User', 'users'], placed: 'account' },
  site: { table: 'sites', label: ['Site', 'sites'], placed: 'account' },
  sector: { table: 'sectors', label: ['Sector', 'sectors'], placed: 'site' },
  keyword: { table: 'keywords', label: ['Keyword', 'keywords'], placed: 'sector' },
  cluster: { table: 'clusters', label: ['Cluster', 'clusters'], placed: 'sector' },
  idea: { table: 'content_ideas', label: ['Idea', 'ideas'], placed: 'sector' },
  task: { table: 'tasks', label: ['Task', 'tasks'], placed: 'sector' },
  content: { table: 'content', label: ['Content', 'content'], placed: 'sector' },
  image: { table: 'images', label: ['Image', 'images'], placed: 'sector' },
  author_profile: { table: 'author_profiles', label: ['Author profile', 'author profiles'], placed: 'account' },
  strategy: { table: 'strategies', label: ['Strategy', 'strategies'], placed: 'account' },
} as const;

export type Kind = keyof typeof KINDS;

type Placed = {
  account: { id: string; accountId: string };
  site: { id: string; accountId: string; siteId: string };
  sector: { id: string; accountId: string; siteId: string; sectorId: string };
};

/** Where a visible object sits: its account, and its site and sector when it belongs to one. */
export type Ref<K extends Kind> = Placed[(typeof KINDS)[K]['placed']];

/**
 * The objects of `kind` with these ids that the transaction's caller sees, in the order asked;
 * 404 when any is missing or another account's — so ids of other accounts leak nothing, whatever
 * the caller's role. Look objects up with this before checking permissions.
 */
export async function visible<K extends Kind>(tx: Tx, kind: K, ids: readonly string[]): Promise<Ref<K>[]> {
  const { table, label, placed } = KINDS[kind];
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const columns = placed === 'account' ? ['id', 'account_id'] : placed === 'site' ? ['id', 'account_id', 'site_id'] : ['id', 'account_id', 'site_id', 'sector_id'];
  const rows = await tx<Record<string, string>[]>`select ${tx(columns)} from ${tx(table)} where id = any(${unique}::uuid[])`;
  const missing = unique.length - rows.length;
  if (missing > 0) throw notFound(unique.length === 1 ? label[0] : `${missing} of the ${label[1]}`);
  const byId = new Map(rows.map((r) => [r.id!, r]));
  return unique.map((id) => {
    const r = byId.get(id)!;
    return { id, accountId: r.account_id!, ...(r.site_id ? { siteId: r.site_id } : {}), ...(r.sector_id ? { sectorId: r.sector_id } : {}) } as Ref<K>;
  });
}

/** The one object of `kind` with this id that the caller sees, or 404. */
export async function visibleOne<K extends Kind>(tx: Tx, kind: K, id: string): Promise<Ref<K>> {
  const [ref] = await visible(tx, kind, [id]);
  return ref!;
}
