import { EdgeCollector, type NeighbourGraph, TopK } from './neighbours';
import { rowDot, type SparseRows } from './sparse';

export type LexicalNeighbourOptions = {
  k: number;
  threshold: number;
  /**
   * Postings walked per keyword, rarest features first, before candidates stop being gathered.
   * Frequent features ("best", "#be") would make the walk quadratic and say little about the topic;
   * they still count in the exact similarity of the candidates found through rarer ones.
   */
  postingBudget: number;
  /** Features walked whatever their length, so a keyword made only of common words still finds neighbours. */
  minWalked: number;
  onItem?: (done: number) => void;
};

/**
 * k nearest neighbours of every row above the threshold, found through an inverted index over the
 * sparse features instead of comparing all pairs. Candidates are ranked by the partial dot product
 * over the walked features; the best few get their exact cosine.
 */
export function lexicalNeighbours(rows: SparseRows, options: LexicalNeighbourOptions): NeighbourGraph {
  const n = rows.offsets.length - 1;
  const { offsets, features, weights } = rows;

  const df = new Int32Array(rows.featureCount);
  for (let p = 0; p < features.length; p++) df[features[p]!]!++;
  const postingStart = new Int32Array(rows.featureCount + 1);
  for (let f = 0; f < rows.featureCount; f++) postingStart[f + 1] = postingStart[f]! + df[f]!;
  const postingItem = new Int32Array(postingStart[rows.featureCount]!);
  const postingWeight = new Float32Array(postingItem.length);
  const fill = postingStart.slice(0, rows.featureCount);
  for (let i = 0; i < n; i++) {
    for (let p = offsets[i]!; p < offsets[i + 1]!; p++) {
      const f = features[p]!;
      const at = fill[f]!++;
      postingItem[at] = i;
      postingWeight[at] = weights[p]!;
    }
  }

  const partial = new Float64Array(n);
  const seenBy = new Int32Array(n).fill(-1);
  const touched = new Int32Array(n);
  // Exact cosines are computed for a few more candidates than kept, because the partial score
  // misses the shared common features and may order close candidates slightly wrong.
  const shortlist = new TopK(options.k * 2);
  const best = new TopK(options.k);
  const edges = new EdgeCollector(n);

  for (let i = 0; i < n; i++) {
    let touchedCount = 0;
    const byRarity = Array.from({ length: offsets[i + 1]! - offsets[i]! }, (_, k) => offsets[i]! + k).sort(
      (x, y) => df[features[x]!]! - df[features[y]!]! || x - y,
    );
    let walked = 0;
    for (const [rank, p] of byRarity.entries()) {
      const f = features[p]!;
      const start = postingStart[f]!;
      const end = postingStart[f + 1]!;
      const room = options.postingBudget - walked;
      let from = start;
      let to = end;
      if (end - start > room) {
        if (rank >= options.minWalked) break;
        // A common feature the keyword cannot do without (a list of near-identical keywords): walk
        // only the stretch of its postings around the keyword itself, so the cost stays bounded.
        const span = Math.max(room, Math.floor(options.postingBudget / options.minWalked));
        const at = lowerBound(postingItem, start, end, i);
        from = Math.max(start, Math.min(at - (span >> 1), end - span));
        to = from + span;
      }
      walked += to - from;
      const w = weights[p]!;
      for (let q = from; q < to; q++) {
        const j = postingItem[q]!;
        if (j === i) continue;
        if (seenBy[j] !== i) {
          seenBy[j] = i;
          partial[j] = 0;
          touched[touchedCount++] = j;
        }
        partial[j]! += w * postingWeight[q]!;
      }
    }
    shortlist.reset();
    for (let t = 0; t < touchedCount; t++) {
      const j = touched[t]!;
      shortlist.offer(partial[j]!, j);
    }
    best.reset();
    shortlist.forEach((j) => {
      const similarity = rowDot(rows, i, j);
      if (similarity >= options.threshold) best.offer(similarity, j);
    });
    best.forEach((j, similarity) => edges.add(i, j, similarity));
    options.onItem?.(i + 1);
  }
  return edges.graph();
}

/** First position in sorted `list[start..end)` holding a value >= `value`. */
function lowerBound(list: Int32Array, start: number, end: number, value: number): number {
  let lo = start;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
