import type { Dendrogram } from './average-linkage';
import type { VectorSpace } from './space';

/** Groups of item indices, each group with the sum of its member vectors. */
export type Agglomeration<Sum> = Array<{ members: number[]; sum: Sum }>;

/**
 * How many merges a cut at `level` keeps: those in order until the first below the level. Average
 * linkage over a graph can, rarely, merge above an earlier merge's similarity; stopping at the first
 * one below keeps every cut a prefix, so cuts at higher levels always refine cuts at lower ones.
 */
export function mergesAbove(dendrogram: Dendrogram, level: number): number {
  let m = 0;
  while (m < dendrogram.count && dendrogram.similarity[m]! >= level) m++;
  return m;
}

/** Group representative of every item after the first `merges` merges. */
export function groupOf(n: number, dendrogram: Dendrogram, merges: number): Int32Array {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  for (let m = 0; m < merges; m++) parent[dendrogram.gone[m]!] = dendrogram.keep[m]!;
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  return Int32Array.from({ length: n }, (_, i) => root(i));
}

/** The groups of a cut at `level`, in order of their first member, with their vector sums. */
export function cutAt<Sum>(space: VectorSpace<Sum>, dendrogram: Dendrogram, level: number): Agglomeration<Sum> {
  const group = groupOf(space.size, dendrogram, mergesAbove(dendrogram, level));
  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < space.size; i++) {
    if (!space.usable(i)) continue;
    const members = byRoot.get(group[i]!);
    if (members) members.push(i);
    else byRoot.set(group[i]!, [i]);
  }
  // add() may reuse its first argument's storage, but never an item's own: single() of a dense item
  // is a view and is copied on the first add.
  return [...byRoot.values()].map((members) => ({
    members,
    sum: members.slice(1).reduce((sum, m) => space.add(sum, space.single(m)), space.single(members[0]!)),
  }));
}
