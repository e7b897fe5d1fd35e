import { buildLexicalRows, rowDot } from '../service/src/modules/planner/clustering/sparse';

/**
 * The textbook approach the indexed clustering replaces: the full similarity matrix (all pairs,
 * O(n²) time and memory) on the same TF-IDF vectors. Returns a label per keyword.
 */
export function allPairsMatrix(keywords: string[]): { n: number; sim: Float32Array } {
  const rows = buildLexicalRows(keywords);
  const n = keywords.length;
  const sim = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = rowDot(rows, i, j);
      sim[i * n + j] = s;
      sim[j * n + i] = s;
    }
  }
  return { n, sim };
}

/**
 * Exact average linkage over the full matrix by the nearest-neighbour chain (O(n²)), merging while
 * the mean cross-pair similarity is at least the threshold. Mutates the matrix.
 */
export function naiveAverageLinkage({ n, sim }: { n: number; sim: Float32Array }, threshold: number): Int32Array {
  const size = new Int32Array(n).fill(1);
  const active = new Uint8Array(n).fill(1);
  const label = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (label[i] === i ? i : (label[i] = find(label[i]!)));
  let remaining = n;
  const chain: number[] = [];
  while (remaining > 0) {
    if (chain.length === 0) {
      let start = 0;
      while (!active[start]) start++;
      chain.push(start);
    }
    const c = chain[chain.length - 1]!;
    const previous = chain.length > 1 ? chain[chain.length - 2]! : -1;
    let best = previous;
    let bestSim = previous >= 0 ? sim[c * n + previous]! : -Infinity;
    for (let k = 0; k < n; k++) {
      if (!active[k] || k === c) continue;
      const s = sim[c * n + k]!;
      if (s > bestSim) {
        bestSim = s;
        best = k;
      }
    }
    if (best < 0 || bestSim < threshold) {
      // Average linkage never rises above the best part's, so this group is final.
      active[c] = 0;
      remaining--;
      chain.pop();
      continue;
    }
    if (best !== previous) {
      chain.push(best);
      continue;
    }
    chain.pop();
    chain.pop();
    const [a, b] = [c, previous];
    for (let k = 0; k < n; k++) {
      if (!active[k] || k === a || k === b) continue;
      const s = (size[a]! * sim[a * n + k]! + size[b]! * sim[b * n + k]!) / (size[a]! + size[b]!);
      sim[a * n + k] = s;
      sim[k * n + a] = s;
    }
    size[a]! += size[b]!;
    active[b] = 0;
    remaining--;
    label[b] = a;
  }
  return Int32Array.from({ length: n }, (_, i) => find(i));
}

/** Connected components of all pairs above the threshold (single linkage), which chains. */
export function naiveSingleLinkage({ n, sim }: { n: number; sim: Float32Array }, threshold: number): Int32Array {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) if (sim[i * n + j]! >= threshold) parent[find(i)] = find(j);
  }
  return Int32Array.from({ length: n }, (_, i) => find(i));
}
