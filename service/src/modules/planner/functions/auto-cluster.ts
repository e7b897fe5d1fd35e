import { clusterGranularitySchema, clusteringCredits, INTENTS, type Intent } from '@igny8/shared';
import { z } from 'zod';
import type { Tx } from '../../../db/client';
import { invalid, notFound } from '../../../http/errors';
import { RunError, type AIFunction } from '../../ai';
import { getPromptTemplate, renderPrompt } from '../../thinker';
import type { Cluster } from '../clustering';
import { clusterInWorker } from '../clustering/in-worker';
import { refreshClusterStats } from '../clusters/queries';
import { visibleOne } from '../../../access';
import * as q from './cluster-queries';

export const MAX_KEYWORDS_PER_RUN = 100_000;
/** Clusters named per provider call, and keywords shown per cluster when naming it. */
const NAMING_BATCH = 25;
const KEYWORDS_SHOWN = 15;

const input = z
  .object({
    keyword_ids: z.array(z.uuid()).min(1).max(MAX_KEYWORDS_PER_RUN).optional(),
    sector_id: z.uuid().optional(),
    granularity: clusterGranularitySchema.default('balanced'),
  })
  .strict()
  .refine((v) => (v.keyword_ids === undefined) !== (v.sector_id === undefined), 'Send either keyword_ids or sector_id.');
type Input = z.infer<typeof input>;

const namingSchema = z.object({
  clusters: z.array(
    z.object({
      number: z.number().int(),
      name: z.string().min(1).max(120),
      description: z.string().max(600),
      intent: z.enum(INTENTS),
    }),
  ),
});
type Naming = z.infer<typeof namingSchema>['clusters'][number];

type Prepared = { sectorId: string; siteId: string; keywords: q.ClusterableKeyword[]; wholeSector: boolean; granularity: Input['granularity'] };
type Answer = { clusters: Cluster[]; unclustered: string[]; names: Map<number, Naming>; method: 'embeddings' | 'lexical' };

async function scopeOf(tx: Tx, value: Input) {
  if (value.sector_id) {
    const sector = await visibleOne(tx, 'sector', value.sector_id);
    return { sector, count: await q.countClusterable(tx, sector.id) };
  }
  const ids = [...new Set(value.keyword_ids!)];
  const found = await q.keywordSectors(tx, ids);
  if (found.count < ids.length) throw notFound(ids.length - found.count === 1 ? 'Keyword' : `${ids.length - found.count} of the keywords`);
  if (found.sectors.length > 1) throw invalid('The keywords belong to different sectors; cluster one sector at a time.', { keyword_ids: ['Pick keywords of one sector.'] });
  return { sector: await visibleOne(tx, 'sector', found.sectors[0]!), count: ids.length };
}

/** The majority intent of a cluster's keywords, when they carry one. */
function majorityIntent(members: q.ClusterableKeyword[]): Intent | null {
  const counts = new Map<Intent, number>();
  for (const k of members) if (k.intent) counts.set(k.intent, (counts.get(k.intent) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/**
 * auto_cluster: groups a whole sector (or chosen keywords of one sector) into topic clusters. With
 * a provider, keywords are embedded and the provider names, describes and labels each cluster;
 * without one, built-in lexical vectors group them and the most representative keyword names the
 * cluster. Keywords a user placed by hand stay where they are.
 */
export const autoCluster: AIFunction<Input, Prepared, Answer, Answer> = {
  name: 'auto_cluster',
  input,
  // The same keywords in any order (or the same sector) are the same run.
  dedupeKey: (value) => (value.sector_id ? { sector_id: value.sector_id } : { keyword_ids: [...new Set(value.keyword_ids)].sort() }),

  async estimate(tx, value) {
    const { sector, count } = await scopeOf(tx, value);
    if (count === 0) throw invalid('The sector has no keywords left to cluster (keywords placed by hand are kept where they are).', { sector_id: ['Nothing to cluster.'] });
    if (count > MAX_KEYWORDS_PER_RUN) {
      throw invalid(`The sector has ${count} keywords to cluster; one run clusters at most ${MAX_KEYWORDS_PER_RUN}. Split the sector, or cluster chosen keywords with keyword_ids.`, {
        sector_id: [`More than ${MAX_KEYWORDS_PER_RUN} keywords.`],
      });
    }
    return { credits: clusteringCredits(count), siteIds: [sector.siteId], sectorId: sector.id };
  },

  async prepare(ctx, value) {
    return ctx.db(async (tx) => {
      // A whole sector is clustered as it was when the run was requested and paid for: keywords
      // imported while it waited in the queue are left for the next run.
      const { sector } = await scopeOf(tx, value);
      const keywords = value.sector_id
        ? await q.clusterableInSector(tx, sector.id, ctx.run.requestedAt)
        : await q.clusterableByIds(tx, [...new Set(value.keyword_ids!)]);
      if (keywords.length === 0) throw new RunError('No keywords are left to cluster.');
      // Keywords committed by a request that overlapped this one, or restored from the archive since.
      if (clusteringCredits(keywords.length) > ctx.run.creditsReserved) {
        throw new RunError(`The sector grew to ${keywords.length} keywords after the run was requested, more than its ${ctx.run.creditsReserved} reserved credits cover; start it again.`);
      }
      return { sectorId: sector.id, siteId: sector.siteId, keywords, wholeSector: Boolean(value.sector_id), granularity: value.granularity };
    });
  },

  async callAI(ctx, prepared) {
    const { keywords } = prepared;
    let vectors: number[][] | null = null;
    if (ctx.ai.hasText) {
      await ctx.progress(0.05, `Embedding ${keywords.length} keywords`);
      vectors = await ctx.ai.embed(keywords.map((k) => k.keyword));
    }
    await ctx.progress(0.2, `Clustering ${keywords.length} keywords`);
    let lastReport = 0;
    const grouped = await clusterInWorker(
      keywords.map((k, i) => ({ id: k.id, keyword: k.keyword, volume: k.volume, difficulty: k.difficulty, ...(vectors ? { vector: vectors[i]! } : {}) })),
      {
        granularity: prepared.granularity,
        onProgress: (done, total) => {
          if (done - lastReport < total / 20) return;
          lastReport = done;
          void ctx.progress(0.2 + (0.5 * done) / total, `Clustering: ${done} of ${total}`);
        },
      },
    );
    const names = new Map<number, Naming>();
    if (ctx.ai.hasText && grouped.clusters.length > 0) {
      const byId = new Map(keywords.map((k) => [k.id, k]));
      const template = (await ctx.db((tx) => getPromptTemplate(tx, 'auto_cluster', ctx.run.accountId))).template;
      const batches: Cluster[][] = [];
      for (let i = 0; i < grouped.clusters.length; i += NAMING_BATCH) batches.push(grouped.clusters.slice(i, i + NAMING_BATCH));
      let named = 0;
      await Promise.all(
        batches.map(async (batch, b) => {
          const listing = batch
            .map((cluster, i) => {
              const shown = cluster.memberIds
                .map((id) => byId.get(id)!)
                .sort((x, y) => (y.volume ?? -1) - (x.volume ?? -1))
                .slice(0, KEYWORDS_SHOWN)
                .map((k) => `${k.keyword}${k.volume !== null ? ` (${k.volume})` : ''}`);
              return `Cluster ${b * NAMING_BATCH + i + 1} (${cluster.memberIds.length} keywords): ${shown.join('; ')}`;
            })
            .join('\n');
          const answer = await ctx.ai.json({
            system: 'You name keyword clusters for an SEO planner. Answer with JSON only.',
            user: renderPrompt(template, { keywords: listing }),
            schemaName: 'cluster_names',
            schema: namingSchema,
          });
          for (const n of answer.clusters) names.set(n.number, n);
          named += batch.length;
          await ctx.progress(0.7 + (0.3 * named) / grouped.clusters.length, `Named ${named} of ${grouped.clusters.length} clusters`);
        }),
      );
    }
    return { ...grouped, names, method: vectors ? 'embeddings' : 'lexical' };
  },

  parse(_ctx, _prepared, answer) {
    return answer;
  },

  async save(ctx, tx, prepared, answer) {
    const byId = new Map(prepared.keywords.map((k) => [k.id, k]));
    // Keywords deleted while the run worked are left out; a cluster left empty is not created.
    const alive = await q.existingIds(tx, prepared.keywords.map((k) => k.id));
    const clusters = answer.clusters
      .map((c, i) => ({ ...c, number: i + 1, memberIds: c.memberIds.filter((id) => alive.has(id)) }))
      .filter((c) => c.memberIds.length > 0);
    const previous = prepared.wholeSector ? await q.autoClustersOfSector(tx, prepared.sectorId) : await q.clustersOf(tx, prepared.keywords.map((k) => k.id));
    const rows = clusters.map((c) => {
      const named = answer.names.get(c.number);
      const members = c.memberIds.map((id) => byId.get(id)!);
      return {
        name: (named?.name ?? c.name).slice(0, 300),
        description: named?.description ?? '',
        intent: named?.intent ?? majorityIntent(members),
        pillar_keyword_id: alive.has(c.pillarId) ? c.pillarId : c.memberIds[0]!,
        memberIds: c.memberIds,
      };
    });
    const created = await q.insertClusters(tx, { accountId: ctx.run.accountId, siteId: prepared.siteId, sectorId: prepared.sectorId, runId: ctx.run.id }, rows);
    const placed = new Set(rows.flatMap((r) => r.memberIds));
    const unclustered = [...answer.unclustered, ...answer.clusters.flatMap((c) => c.memberIds)].filter((id) => alive.has(id) && !placed.has(id));
    await q.assignKeywords(tx, created.flatMap((clusterId, i) => rows[i]!.memberIds.map((id) => [id, clusterId] as const)), unclustered);
    await refreshClusterStats(tx, created);
    await q.dropEmptyAutoClusters(tx, previous);
    return {
      result: {
        clusters: created.length,
        clustered_keywords: rows.reduce((n, r) => n + r.memberIds.length, 0),
        unclustered_keywords: unclustered.length,
        method: answer.method,
        granularity: prepared.granularity,
        named_by: answer.names.size > 0 ? 'ai' : 'pillar_keyword',
        sector_id: prepared.sectorId,
      },
      credits: clusteringCredits(prepared.keywords.length),
    };
  },
};
