import type { clusterPatchSchema } from '@igny8/shared';
import type { z } from 'zod';
import { authorize, visibleOne, type Caller } from '../../../access';
import type { Tx } from '../../../db/client';
import type { Page } from '../../../db/lists';
import { found, notFound } from '../../../http/errors';
import { definedOnly } from '../../../lib/defined';
import * as q from './queries';

export function listClusters(tx: Tx, _caller: Caller, filter: q.ClusterFilter, page: Page) {
  return q.listClusters(tx, filter, page);
}

/** A cluster with its keywords (the first ones by volume) and whether more exist. */
export async function getCluster(tx: Tx, _caller: Caller, id: string) {
  const cluster = await q.getCluster(tx, id);
  if (!cluster) throw notFound('Cluster');
  const keywords = await q.clusterKeywords(tx, id);
  return { ...cluster, keywords, keywords_truncated: cluster.keyword_count > keywords.length };
}

export async function updateCluster(tx: Tx, caller: Caller, id: string, patch: z.infer<typeof clusterPatchSchema>) {
  await visibleOne(tx, 'cluster', id);
  authorize(caller, 'write');
  return found(await q.updateCluster(tx, id, definedOnly(patch)), 'Cluster');
}

/** Deletes a cluster; its keywords become unclustered. */
export async function deleteCluster(tx: Tx, caller: Caller, id: string) {
  await visibleOne(tx, 'cluster', id);
  authorize(caller, 'write');
  await q.deleteCluster(tx, id);
}
