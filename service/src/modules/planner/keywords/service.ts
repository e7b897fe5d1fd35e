import { authorize, type Caller } from '../../../access';
import type { Tx } from '../../../db/client';
import { conflict, invalid, notFound } from '../../../http/errors';
import { normalizeKeyword } from '../csv/parse-keywords';
import { visibleOne } from '../../../access';
import * as clusters from '../clusters/queries';
import * as q from './queries';


type NewKeyword = {
  sector_id: string;
  keyword: string;
  volume?: number | null | undefined;
  difficulty?: number | null | undefined;
  cpc?: number | null | undefined;
  intent?: string | null | undefined;
  country?: string | null | undefined;
};

/**
 * Creates one or many keywords, all or none: a keyword that its sector already holds (compared
 * case- and space-insensitively), or that appears twice in the request, is a 409 naming it.
 */
export async function createKeywords(tx: Tx, p: Caller, input: NewKeyword[]) {
  const bySector = new Map<string, { index: number; value: NewKeyword & { normalized: string } }[]>();
  input.forEach((k, index) => {
    const list = bySector.get(k.sector_id) ?? [];
    list.push({ index, value: { ...k, normalized: normalizeKeyword(k.keyword) } });
    bySector.set(k.sector_id, list);
  });
  const errors: Record<string, string[]> = {};
  const created = [];
  for (const [sectorId, items] of bySector) {
    const sector = await visibleOne(tx, 'sector', sectorId);
    authorize(p, 'write');
    const seen = new Set<string>();
    const existing = await q.existingInSector(tx, sectorId, items.map((i) => i.value.normalized));
    for (const { index, value } of items) {
      const key = input.length > 1 ? `${index}.keyword` : 'keyword';
      if (existing.has(value.normalized)) errors[key] = ['This sector already has this keyword.'];
      else if (seen.has(value.normalized)) errors[key] = ['This keyword appears twice in the request.'];
      seen.add(value.normalized);
    }
    if (Object.keys(errors).length === 0) created.push(...(await q.insertKeywords(tx, sector, items.map((i) => i.value))));
  }
  if (Object.keys(errors).length > 0) throw conflict('Some keywords already exist; nothing was created.', errors);
  return created;
}

export async function visibleKeyword(tx: Tx, id: string) {
  const keyword = await q.getKeyword(tx, id);
  if (!keyword) throw notFound('Keyword');
  return keyword;
}

export async function updateKeyword(
  tx: Tx,
  p: Caller,
  id: string,
  patch: Record<string, unknown> & { keyword?: string | undefined; cluster_id?: string | null | undefined; cluster_locked?: boolean | undefined },
) {
  const keyword = await visibleKeyword(tx, id);
  authorize(p, 'write');
  const set: Record<string, unknown> = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  if (patch.keyword !== undefined) {
    set.normalized = normalizeKeyword(patch.keyword);
    if (set.normalized !== normalizeKeyword(keyword.keyword as string)) {
      const clash = await q.existingInSector(tx, keyword.sector_id as string, [set.normalized as string]);
      if (clash.size > 0) throw conflict('This sector already has this keyword.', { keyword: ['Already in this sector.'] });
    }
  }
  if (patch.cluster_id !== undefined) {
    if (patch.cluster_id !== null) {
      const clusterSector = await clusters.clusterSector(tx, patch.cluster_id);
      if (!clusterSector) throw invalid('Unknown cluster.', { cluster_id: ['No cluster has this id.'] });
      if (clusterSector !== keyword.sector_id) throw invalid('The cluster is in another sector.', { cluster_id: ['Pick a cluster of the keyword’s sector.'] });
    }
    set.cluster_locked = patch.cluster_locked ?? true;
    set.status = patch.cluster_id === null ? 'new' : 'clustered';
  }
  const updated = await q.updateKeyword(tx, id, set);
  if (patch.cluster_id !== undefined) await clusters.refreshClusterStats(tx, [keyword.cluster_id as string | null, patch.cluster_id]);
  return updated;
}

/** Deletes the keywords, all or none: an id the caller cannot see is a 404 and nothing is deleted. */
export async function deleteKeywords(tx: Tx, p: Caller, ids: string[]) {
  const unique = [...new Set(ids)];
  const visible = await q.visibleKeywordIds(tx, unique);
  const missing = unique.filter((i) => !visible.has(i));
  if (missing.length > 0) throw notFound(missing.length === 1 ? 'Keyword' : `${missing.length} of the keywords`);
  // After the lookup: another account's keyword is a 404 to every role, never a 403.
  authorize(p, 'write');
  const deleted = await q.deleteKeywords(tx, unique);
  await clusters.refreshClusterStats(tx, deleted.map((d) => d.clusterId));
  return deleted.length;
}
