import { MergeHeap } from './heap';
import type { NeighbourGraph } from './neighbours';
import type { VectorSpace } from './space';

/**
 * The merges of an agglomeration in the order they happened: `gone` joined `keep` (both named by
 * the item that stands for their group) at mean cross-pair similarity `similarity`. Any prefix of
 * it is a partition; a longer prefix is a coarser one.
 */
export type Dendrogram = { keep: Int32Array; gone: Int32Array; similarity: Float64Array; count: number };

/**
 * Average-linkage agglomerative clustering restricted to the neighbour graph: two groups may merge
 * only when some of their members are neighbours, and only while the mean similarity over all their
 * cross pairs stays at or above the floor. Where to cut the resulting merge sequence is decided
 * afterwards (see cut.ts). Unlike joining every edge above a threshold (single
 * linkage), one bridge keyword cannot pull two families together: a single good pair barely moves
 * the mean over all pairs.
 */
export function averageLinkage<Sum>(
  space: VectorSpace<Sum>,
  graph: NeighbourGraph,
  threshold: number,
  onMerge?: (merges: number) => void,
): Dendrogram {
  const n = space.size;
  const size = new Int32Array(n).fill(1);
  const version = new Int32Array(n);
  const alive = new Uint8Array(n).fill(1);
  const sums = new Array<Sum | undefined>(n);
  const neighbours = Array.from({ length: n }, () => new Set<number>());
  const sumOf = (i: number): Sum => (sums[i] ??= space.single(i));

  const heap = new MergeHeap();
  for (let e = 0; e < graph.a.length; e++) {
    const a = graph.a[e]!;
    const b = graph.b[e]!;
    if (graph.similarity[e]! < threshold) continue;
    neighbours[a]!.add(b);
    neighbours[b]!.add(a);
    heap.push({ similarity: graph.similarity[e]!, a, b, versionA: 0, versionB: 0 });
  }

  const merged: Dendrogram = { keep: new Int32Array(Math.max(0, n - 1)), gone: new Int32Array(Math.max(0, n - 1)), similarity: new Float64Array(Math.max(0, n - 1)), count: 0 };
  for (let top = heap.pop(); top !== undefined; top = heap.pop()) {
    const { a, b } = top;
    if (!alive[a] || !alive[b] || version[a] !== top.versionA || version[b] !== top.versionB) continue;
    // The larger group absorbs the smaller so member lists and neighbour sets are copied little.
    const [keep, gone] = size[a]! > size[b]! || (size[a] === size[b] && a < b) ? [a, b] : [b, a];
    alive[gone] = 0;
    version[keep]!++;
    merged.keep[merged.count] = keep;
    merged.gone[merged.count] = gone;
    merged.similarity[merged.count++] = top.similarity;
    sums[keep] = space.add(sumOf(keep), sumOf(gone));
    sums[gone] = undefined;
    size[keep]! += size[gone]!;

    const around = neighbours[keep]!;
    for (const c of neighbours[gone]!) around.add(c);
    neighbours[gone] = new Set();
    around.delete(keep);
    around.delete(gone);
    const keepSum = sums[keep]!;
    // A group whose mean similarity to this one is below the threshold can never join it later:
    // average linkage to a union is a weighted mean of the linkages to its parts. So the link is
    // dropped here, which keeps neighbour sets small as groups grow.
    for (const c of [...around]) {
      neighbours[c]!.delete(gone);
      const linkage = space.dot(keepSum, sumOf(c)) / (size[keep]! * size[c]!);
      if (linkage >= threshold) {
        neighbours[c]!.add(keep);
        const [x, y] = keep < c ? [keep, c] : [c, keep];
        heap.push({ similarity: linkage, a: x, b: y, versionA: version[x]!, versionB: version[y]! });
      } else {
        around.delete(c);
        neighbours[c]!.delete(keep);
      }
    }
    onMerge?.(merged.count);
  }
  return merged;
}
