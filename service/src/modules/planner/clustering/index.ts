import { averageLinkage, type Agglomeration } from './average-linkage';
import { buildDenseRows, denseSpace } from './dense-space';
import { denseNeighbours } from './dense-neighbours';
import { lexicalNeighbours } from './lexical-neighbours';
import { lexicalSpace } from './lexical-space';
import { progressReporter } from './progress';
import type { VectorSpace } from './space';
import { buildLexicalRows } from './sparse';
import { summarise } from './summarise';

export type ClusterInput = {
  id: string;
  keyword: string;
  volume: number | null;
  difficulty: number | null;
  vector?: ArrayLike<number>;
};

export type Cluster = {
  memberIds: string[];
  pillarId: string;
  /** the most representative keyword, used as the name when no LLM names it */
  name: string;
  totalVolume: number;
  avgDifficulty: number | null;
  cohesion: number;
};

export type ClusterResult = { clusters: Cluster[]; unclustered: string[] };

export type ClusterOptions = {
  /**
   * Lowest mean cosine similarity, over all cross pairs, at which two groups still merge. Defaults
   * to LEXICAL_THRESHOLD for keywords alone and DENSE_THRESHOLD when every item has a vector.
   */
  threshold?: number;
  /** Smaller groups are reported as unclustered (default 2: a keyword alone is not a cluster). */
  minClusterSize?: number;
  onProgress?: (done: number, total: number) => void;
};

/** Chosen by measuring the adjusted Rand index on generated keyword families (bench/cluster.ts). */
export const LEXICAL_THRESHOLD = 0.6;
/**
 * Provider embeddings place unrelated short phrases much closer than TF-IDF vectors do (cosines of
 * 0.2–0.4 are common between unrelated keywords), so "same topic" needs a similar or higher bar
 * despite their better recall of synonyms. Not measured on real embeddings yet: the benchmark runs
 * without a provider.
 */
export const DENSE_THRESHOLD = 0.6;
/** Neighbours kept per keyword; enough that a family of a few dozen variants stays connected. */
export const NEIGHBOURS = 20;
/** Postings walked per keyword when looking for lexical candidates (see lexicalNeighbours). */
export const POSTING_BUDGET = 2000;

/**
 * Groups keywords into topic clusters: similarity from provider embeddings when every item has
 * one, otherwise from stemmed words and character n-grams weighted by TF-IDF; nearest neighbours
 * through an index rather than all pairs; then average-linkage agglomeration over that graph.
 * The same input always gives the same result.
 */
export function clusterKeywords(items: ClusterInput[], options: ClusterOptions = {}): ClusterResult {
  const minClusterSize = options.minClusterSize ?? 2;
  if (!Number.isInteger(minClusterSize) || minClusterSize < 1) throw new RangeError('minClusterSize must be a positive integer');
  if (options.threshold !== undefined && !(options.threshold > 0 && options.threshold <= 1)) {
    throw new RangeError('threshold must be in (0, 1]');
  }
  const progress = progressReporter(items.length, options.onProgress);
  const dense = items.length > 0 && items.every((item) => item.vector !== undefined);

  let result: ClusterResult;
  if (dense) {
    const threshold = options.threshold ?? DENSE_THRESHOLD;
    const rows = buildDenseRows(items.map((item) => item.vector!));
    progress.phase(0)(items.length);
    const graph = denseNeighbours(rows, { k: NEIGHBOURS, threshold, onItem: progress.phase(1) });
    const space = denseSpace(rows);
    result = describe(items, space, averageLinkage(space, graph, threshold, progress.phase(2)), minClusterSize);
  } else {
    const threshold = options.threshold ?? LEXICAL_THRESHOLD;
    const rows = buildLexicalRows(items.map((item) => item.keyword), progress.phase(0));
    const graph = lexicalNeighbours(rows, { k: NEIGHBOURS, threshold, postingBudget: POSTING_BUDGET, minWalked: 2, onItem: progress.phase(1) });
    const space = lexicalSpace(rows);
    result = describe(items, space, averageLinkage(space, graph, threshold, progress.phase(2)), minClusterSize);
  }
  progress.finish();
  return result;
}

function describe<Sum>(
  items: ClusterInput[],
  space: VectorSpace<Sum>,
  groups: Agglomeration<Sum>,
  minClusterSize: number,
): ClusterResult {
  const clustered = new Uint8Array(items.length);
  const summaries = groups
    .filter((group) => group.members.length >= minClusterSize)
    .map((group) => {
      for (const m of group.members) clustered[m] = 1;
      return summarise(
        space,
        group.members,
        group.sum,
        (i) => finiteOrNull(items[i]!.volume),
        (i) => finiteOrNull(items[i]!.difficulty),
      );
    })
    .sort((x, y) => y.totalVolume - x.totalVolume || y.members.length - x.members.length || firstMember(x.members) - firstMember(y.members));

  return {
    clusters: summaries.map((s) => ({
      memberIds: s.members.map((m) => items[m]!.id),
      pillarId: items[s.pillar]!.id,
      name: items[s.pillar]!.keyword.trim(),
      totalVolume: s.totalVolume,
      avgDifficulty: s.avgDifficulty,
      cohesion: s.cohesion,
    })),
    unclustered: items.filter((_, i) => !clustered[i]).map((item) => item.id),
  };
}

function firstMember(members: readonly number[]): number {
  return members.reduce((low, m) => Math.min(low, m), Infinity);
}

function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}
