import { CONTENT_TYPES, CREDIT_COSTS } from '@igny8/shared';
import { z } from 'zod';
import type { Tx } from '../../../db/client';
import { notFound } from '../../../http/errors';
import { RunError, type AIFunction, type PromptRequest } from '../../ai';
import { describeAuthorProfile, describeStrategy, getAuthorProfile, getPromptTemplate, getStrategy, renderPrompt } from '../../thinker';
import * as q from './idea-queries';

export const MAX_CLUSTERS_PER_RUN = 100;
/** Keywords listed per cluster in the prompt, by volume. */
const KEYWORDS_SHOWN = 40;

const input = z
  .object({
    cluster_ids: z.array(z.uuid()).min(1).max(MAX_CLUSTERS_PER_RUN),
    ideas_per_cluster: z.number().int().min(1).max(10).default(3),
    author_profile_id: z.uuid().nullable().default(null),
    strategy_id: z.uuid().nullable().default(null),
  })
  .strict();
type Input = z.infer<typeof input>;

const ideaAnswer = z.object({
  title: z.string().min(1).max(300),
  description: z.string().max(2000),
  content_type: z.enum(CONTENT_TYPES),
  primary_keyword: z.string().min(1).max(255),
  secondary_keywords: z.array(z.string().min(1).max(255)).max(30),
  outline: z
    .array(z.object({ heading: z.string().min(1).max(300), level: z.union([z.literal(2), z.literal(3)]), notes: z.string().max(1000) }))
    .min(1)
    .max(40),
  estimated_word_count: z.number().int().min(300).max(10000),
});
const ideasAnswer = z.object({ ideas: z.array(ideaAnswer).min(1) });

type Prepared = { clusters: q.IdeaCluster[]; perCluster: number; prompts: PromptRequest<z.infer<typeof ideasAnswer>>[] };
type Answer = z.infer<typeof ideasAnswer>[];

/**
 * generate_ideas: content ideas for many clusters in one run, one structured provider call per
 * cluster answered in parallel (within the account's limit). All or nothing: a cluster whose call
 * keeps failing fails the run, which is refunded, and no idea is saved.
 */
export const generateIdeas: AIFunction<Input, Prepared, Answer, Answer> = {
  name: 'generate_ideas',
  input,
  // The clusters are a set; the other fields as given.
  dedupeKey: (value) => ({ ...value, cluster_ids: [...new Set(value.cluster_ids)].sort() }),

  async estimate(tx: Tx, value) {
    const clusters = await q.clusterSites(tx, [...new Set(value.cluster_ids)]);
    const missing = value.cluster_ids.length - clusters.length;
    if (new Set(value.cluster_ids).size !== clusters.length) throw notFound(missing === 1 ? 'Cluster' : 'Some of the clusters');
    if (value.author_profile_id && !(await q.authorProfileVisible(tx, value.author_profile_id))) throw notFound('Author profile');
    if (value.strategy_id && !(await q.strategyVisible(tx, value.strategy_id))) throw notFound('Strategy');
    const sites = new Set(clusters.map((c) => c.siteId));
    const sectors = new Set(clusters.map((c) => c.sectorId));
    return {
      credits: clusters.length * value.ideas_per_cluster * CREDIT_COSTS.idea,
      siteIds: [...sites],
      sectorId: sectors.size === 1 ? [...sectors][0]! : null,
    };
  },

  async prepare(ctx, value) {
    const loaded = await ctx.db(async (tx) => ({
      clusters: await q.ideaClusters(tx, [...new Set(value.cluster_ids)], KEYWORDS_SHOWN),
      template: (await getPromptTemplate(tx, 'generate_ideas', ctx.run.accountId)).template,
      author: describeAuthorProfile(await getAuthorProfile(tx, value.author_profile_id, ctx.run.accountId)),
      strategy: describeStrategy(await getStrategy(tx, value.strategy_id, ctx.run.accountId)),
    }));
    if (loaded.clusters.length === 0) throw new RunError('The clusters were deleted before their ideas could be generated.');
    const prompts = loaded.clusters.map((c) => ({
      system: 'You are an SEO content strategist. Answer with JSON only.',
      user: renderPrompt(loaded.template, {
        cluster_name: c.name,
        cluster_description: c.description || '(none given)',
        keywords: c.keywords.map((k) => `${k.keyword}${k.volume !== null ? ` (${k.volume}/month)` : ''}`).join('\n'),
        intent: c.intent ?? 'not labelled',
        ideas_per_cluster: String(value.ideas_per_cluster),
        author_profile: loaded.author,
        strategy: loaded.strategy,
      }),
      schemaName: 'content_ideas',
      schema: ideasAnswer,
    }));
    return { clusters: loaded.clusters, perCluster: value.ideas_per_cluster, prompts };
  },

  buildPrompt(_ctx, prepared) {
    return prepared.prompts;
  },

  parse(_ctx, prepared, answers) {
    // The provider may propose more than asked: keep the first ones.
    return answers.map((a) => ({ ideas: a.ideas.slice(0, prepared.perCluster) }));
  },

  async save(ctx, tx, prepared, parsed) {
    const alive = await q.existingClusters(tx, prepared.clusters.map((c) => c.id));
    const rows = prepared.clusters.flatMap((cluster, i) =>
      alive.has(cluster.id)
        ? parsed[i]!.ideas.map((idea) => ({
            account_id: cluster.accountId,
            site_id: cluster.siteId,
            sector_id: cluster.sectorId,
            cluster_id: cluster.id,
            title: idea.title,
            description: idea.description,
            content_type: idea.content_type,
            outline: idea.outline,
            target_keyword: idea.primary_keyword,
            secondary_keywords: idea.secondary_keywords,
            estimated_word_count: idea.estimated_word_count,
            run_id: ctx.run.id,
          }))
        : [],
    );
    const ids = await q.insertIdeas(tx, rows);
    return { result: { ideas: ids.length, idea_ids: ids, clusters: alive.size }, credits: ids.length * CREDIT_COSTS.idea };
  },
};
