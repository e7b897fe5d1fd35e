import type { Dendrogram } from './average-linkage';
import type { NeighbourGraph } from './neighbours';

/** Levels closer than this are one candidate cut: finer steps change little and cost a pass each. */
const LEVEL_STEP = 0.01;

/**
 * The highest level modularityLevel considers: the one holding the first merge, usually keywords
 * that are the same once normalised. A cut chosen there keeps nothing but those.
 */
export function firstLevel(dendrogram: Dendrogram): number {
  return dendrogram.count === 0 ? 1 : Math.min(1, Math.ceil(dendrogram.similarity[0]! / LEVEL_STEP) * LEVEL_STEP);
}

/**
 * The cut level of the dendrogram that maximises the modularity of the resulting partition over the
 * neighbour graph (edges weighted by similarity): the share of edge weight inside groups minus what
 * a random graph with the same degrees would put there. It rewards cutting where groups are dense
 * inside and sparse between, whatever the similarity scale of the data, so no constant fitted to
 * one data set decides it. `resolution` scales the random-graph term: above 1 favours smaller
 * groups, below 1 larger ones; for a fixed dendrogram the chosen level never falls as it rises.
 */
export function modularityLevel(n: number, graph: NeighbourGraph, dendrogram: Dendrogram, resolution: number, floor: number): number {
  const degree = new Float64Array(n);
  let total = 0;
  for (let e = 0; e < graph.a.length; e++) {
    const w = graph.similarity[e]!;
    degree[graph.a[e]!]! += w;
    degree[graph.b[e]!]! += w;
    total += w;
  }
  if (total === 0 || dendrogram.count === 0) return 1;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const groupDegree = Float64Array.from(degree);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  let squares = 0;
  for (let i = 0; i < n; i++) squares += degree[i]! ** 2;
  const twice = 2 * total;

  let bestLevel = 1;
  let bestScore = -Infinity;
  let m = 0;
  for (let level = firstLevel(dendrogram); level >= floor - 1e-9; level -= LEVEL_STEP) {
    while (m < dendrogram.count && dendrogram.similarity[m]! >= level) {
      const keep = root(dendrogram.keep[m]!);
      const gone = root(dendrogram.gone[m]!);
      squares += 2 * groupDegree[keep]! * groupDegree[gone]!;
      groupDegree[keep]! += groupDegree[gone]!;
      parent[gone] = keep;
      m++;
    }
    let inside = 0;
    for (let e = 0; e < graph.a.length; e++) if (root(graph.a[e]!) === root(graph.b[e]!)) inside += graph.similarity[e]!;
    const score = inside / total - (resolution * squares) / (twice * twice);
    if (score > bestScore + 1e-12) {
      bestScore = score;
      bestLevel = level;
    }
    if (m === dendrogram.count) break;
  }
  return bestLevel;
}

/**
 * The level at the highest resolution, from `from` stepping down by √2 to above `to`, whose cut keeps
 * more than the first level's merges; null when none does. Where one dense topic holds most of a
 * sector, a high resolution finds no merge worth keeping beyond exact duplicates and would leave
 * nearly every keyword alone: a finer granularity is then only as fine as still groups anything.
 */
export function finestUsefulLevel(n: number, graph: NeighbourGraph, dendrogram: Dendrogram, from: number, to: number, floor: number): number | null {
  const top = firstLevel(dendrogram) - 1e-9;
  for (let resolution = from; resolution > to * (1 + 1e-9); resolution /= Math.SQRT2) {
    const level = modularityLevel(n, graph, dendrogram, resolution, floor);
    if (level < top) return level;
  }
  return null;
}
