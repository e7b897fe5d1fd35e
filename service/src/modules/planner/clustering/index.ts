import { CLUSTER_GRANULARITIES, type ClusterGranularity } from '@igny8/shared';
import { averageLinkage, type Dendrogram } from './average-linkage';
import { finestUsefulLevel, modularityLevel } from './auto-cut';
import { type Agglomeration, cutAt } from './cut';
import { denseFloor } from './dense-floor';
import { buildDenseRows, denseSpace } from './dense-space';
import { denseNeighbours } from './dense-neighbours';
import { lexicalNeighbours } from './lexical-neighbours';
import { lexicalSpace } from './lexical-space';
import type { NeighbourGraph } from './neighbours';
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

export type ClusterResult = {
  clusters: Cluster[];
  unclustered: string[];
  /** The similarity at which the merge sequence was cut: the given threshold or the one chosen. */
  level: number;
};

export const GRANULARITIES = CLUSTER_GRANULARITIES;
export type Granularity = ClusterGranularity;

export type ClusterOptions = {
  /**
   * Lowest mean cosine similarity, over all cross pairs, at which two groups still merge. Unset, the
   * level is chosen from the data (see modularityLevel) according to the granularity.
   */
  threshold?: number;
  /** Default balanced; ignored when a threshold is given. */
  granularity?: Granularity;
  /** Smaller groups are reported as unclustered (default 2: a keyword alone is not a cluster). */
  minClusterSize?: number;
  onProgress?: (done: number, total: number) => void;
};

/**
 * Lowest level a cut can reach on keywords alone. Below it, keywords share a common word at most;
 * on none of the measured sets (bench/cluster.ts) did a cut there help.
 */
export const LEXICAL_FLOOR = 0.1;
/**
 * Lowest similarity of an edge of the lexical neighbour graph. Lower than the floor: the weak edges
 * between topics are what tells modularity that two groups are apart.
 */
export const LEXICAL_GRAPH_FLOOR = 0.05;
/**
 * Modularity resolution per granularity, for a sector of RESOLUTION_SIZE keywords. At the usual 1,
 * modularity over a neighbour graph of thousands of keywords merges whole subject areas (its
 * resolution limit); measured on six labelled sets, 8 cut nearest to the labelled topics. Each step
 * doubles or halves the size of group that modularity still separates.
 */
export const RESOLUTION: Record<Granularity, number> = { broad: 4, balanced: 8, tight: 16 };
/**
 * The size at which RESOLUTION holds; above it the resolution grows in proportion to the sector's
 * size, below it with the square root. In a sparse neighbour graph every keyword has about
 * NEIGHBOURS edges however large the sector, so what the
 * random-graph term of modularity expects between two groups of a given size falls as 1/size: with a
 * fixed resolution, the same two families stay apart in a small sector and merge in a large one (the
 * resolution limit). Growing with the square root of the size, as before, kept generated families
 * at ARI 0.80 at 5 000 keywords but let them fall to 0.32 at 50 000; in proportion, 0.80 and 0.66,
 * and on the real sets purity rises without completeness falling (StackOverflow homogeneity 0.63 to
 * 0.68, completeness 0.29 to 0.30; see bench/cluster.ts). A sector of a few hundred keywords is not
 * sparse in that sense (its neighbours reach across much of it), and keeps the square root.
 */
export const RESOLUTION_SIZE = 4000;
/** Neighbours kept per keyword; enough that a family of a few dozen variants stays connected. */
export const NEIGHBOURS = 20;
/** Postings walked per keyword when looking for lexical candidates (see lexicalNeighbours). */
export const POSTING_BUDGET = 2000;

/**
 * Groups keywords into topic clusters: similarity from provider embeddings when every item has
 * one, otherwise from stemmed words and character n-grams weighted by TF-IDF; nearest neighbours
 * through an index rather than all pairs; average-linkage agglomeration over that graph; then a cut
 * of the merge sequence where the partition is most modular, unless a threshold is given.
 * The same input always gives the same result.
 */
export function clusterKeywords(items: ClusterInput[], options: ClusterOptions = {}): ClusterResult {
  const minClusterSize = options.minClusterSize ?? 2;
  if (!Number.isInteger(minClusterSize) || minClusterSize < 1) throw new RangeError('minClusterSize must be a positive integer');
  if (options.threshold !== undefined && !(options.threshold > 0 && options.threshold <= 1)) {
    throw new RangeError('threshold must be in (0, 1]');
  }
  const granularity = options.granularity ?? 'balanced';
  if (!GRANULARITIES.includes(granularity)) throw new RangeError(`granularity must be one of ${GRANULARITIES.join(', ')}`);
  const progress = progressReporter(items.length, options.onProgress);
  const dense = items.length > 0 && items.every((item) => item.vector !== undefined);

  let result: ClusterResult;
  if (dense) {
    const rows = buildDenseRows(items.map((item) => item.vector!));
    const floor = options.threshold ?? denseFloor(rows);
    progress.phase(0)(items.length);
    const graph = denseNeighbours(rows, { k: NEIGHBOURS, threshold: floor, onItem: progress.phase(1) });
    const space = denseSpace(rows);
    result = cutAndDescribe(items, space, graph, averageLinkage(space, graph, floor, progress.phase(2)), floor, options, minClusterSize);
  } else {
    const floor = options.threshold ?? LEXICAL_FLOOR;
    const rows = buildLexicalRows(items.map((item) => item.keyword), progress.phase(0));
    const graph = lexicalNeighbours(rows, { k: NEIGHBOURS, threshold: options.threshold ?? LEXICAL_GRAPH_FLOOR, postingBudget: POSTING_BUDGET, minWalked: 2, onItem: progress.phase(1) });
    const space = lexicalSpace(rows);
    result = cutAndDescribe(items, space, graph, averageLinkage(space, graph, floor, progress.phase(2)), floor, options, minClusterSize);
  }
  progress.finish();
  return result;
}

/** Cuts at the given threshold, else at the granularity's level, never coarser for a finer granularity. */
function cutAndDescribe<Sum>(
  items: ClusterInput[],
  space: VectorSpace<Sum>,
  graph: NeighbourGraph,
  dendrogram: Dendrogram,
  floor: number,
  options: ClusterOptions,
  minClusterSize: number,
): ClusterResult {
  let level = options.threshold;
  if (level === undefined) {
    const size = items.length / RESOLUTION_SIZE;
    const scale = size >= 1 ? size : Math.max(1 / 8, Math.sqrt(size));
    const at = (g: Granularity) => modularityLevel(items.length, graph, dendrogram, RESOLUTION[g] * scale, floor);
    const balanced = at('balanced');
    const granularity = options.granularity ?? 'balanced';
    if (granularity === 'broad') level = Math.min(at('broad'), balanced);
    else if (granularity === 'tight') {
      const tight = finestUsefulLevel(items.length, graph, dendrogram, RESOLUTION.tight * scale, RESOLUTION.balanced * scale, floor);
      level = tight === null ? balanced : Math.max(tight, balanced);
    } else level = balanced;
  }
  return { ...describe(items, space, cutAt(space, dendrogram, level), minClusterSize), level };
}

function describe<Sum>(
  items: ClusterInput[],
  space: VectorSpace<Sum>,
  groups: Agglomeration<Sum>,
  minClusterSize: number,
): Omit<ClusterResult, 'level'> {
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
