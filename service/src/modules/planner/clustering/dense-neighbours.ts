import { denseDot, denseRow, type DenseRows } from './dense-space';
import { EdgeCollector, type NeighbourGraph, TopK } from './neighbours';
import { gaussian, seededRandom } from './random';

export type DenseNeighbourOptions = {
  k: number;
  threshold: number;
  /** Below this many pair-dimension products all pairs are compared exactly; above, an index is used. */
  exactBudget?: number;
  onItem?: (done: number) => void;
};

const EXACT_BUDGET = 3e8;
const SKETCH_DIMS = 256;
const SIGNATURE_BITS = 64;
const TABLES = 16;
/** How many bucket neighbours on each side, in signature order, an item is compared with per table. */
const WINDOW = 12;
const SEED = 0x1c8a5;

/**
 * k nearest neighbours (cosine) of every dense unit vector above the threshold. Small inputs compare
 * all pairs; larger ones use random-hyperplane LSH over a cheap 256-dimension sketch to find
 * candidates, rank them on the sketch and confirm the best with the exact cosine.
 */
export function denseNeighbours(rows: DenseRows, options: DenseNeighbourOptions): NeighbourGraph {
  const n = rows.usable.length;
  const edges = new EdgeCollector(n);
  const best = new TopK(options.k);
  const keep = (i: number) => best.forEach((j, similarity) => edges.add(i, j, similarity));

  if (n * n * rows.dims <= (options.exactBudget ?? EXACT_BUDGET)) {
    for (let i = 0; i < n; i++) {
      best.reset();
      if (rows.usable[i]) {
        const x = denseRow(rows, i);
        for (let j = 0; j < n; j++) {
          if (j === i || !rows.usable[j]) continue;
          const similarity = denseDot(x, denseRow(rows, j));
          if (similarity >= options.threshold) best.offer(similarity, j);
        }
        keep(i);
      }
      options.onItem?.(i + 1);
    }
    return edges.graph();
  }

  const sketches = sketch(rows);
  const signatures = hyperplaneSignatures(sketches, n);
  const random = seededRandom(SEED + 1);
  const candidatesOf: Int32Array[] = candidateLists(signatures, n, rows.usable, random);

  const shortlist = new TopK(options.k * 2);
  for (let i = 0; i < n; i++) {
    best.reset();
    if (rows.usable[i]) {
      shortlist.reset();
      const s = sketches.subarray(i * SKETCH_DIMS, (i + 1) * SKETCH_DIMS);
      for (const j of candidatesOf[i]!) shortlist.offer(denseDot(s, sketches.subarray(j * SKETCH_DIMS, (j + 1) * SKETCH_DIMS)), j);
      const x = denseRow(rows, i);
      shortlist.forEach((j) => {
        const similarity = denseDot(x, denseRow(rows, j));
        if (similarity >= options.threshold) best.offer(similarity, j);
      });
      keep(i);
    }
    options.onItem?.(i + 1);
  }
  return edges.graph();
}

/**
 * Feature hashing into SKETCH_DIMS dimensions with random signs: an O(dims) projection whose dot
 * products estimate the cosine well enough to rank candidates, not to decide edges.
 */
function sketch(rows: DenseRows): Float32Array {
  const n = rows.usable.length;
  const random = seededRandom(SEED);
  const bucket = new Int32Array(rows.dims);
  const sign = new Float32Array(rows.dims);
  for (let d = 0; d < rows.dims; d++) {
    bucket[d] = Math.floor(random() * SKETCH_DIMS);
    sign[d] = random() < 0.5 ? -1 : 1;
  }
  const out = new Float32Array(n * SKETCH_DIMS);
  for (let i = 0; i < n; i++) {
    const x = denseRow(rows, i);
    const base = i * SKETCH_DIMS;
    for (let d = 0; d < rows.dims; d++) out[base + bucket[d]!]! += sign[d]! * x[d]!;
  }
  return out;
}

/** One bit per random hyperplane (sign of the projection), two 32-bit words per item. */
function hyperplaneSignatures(sketches: Float32Array, n: number): Uint32Array {
  const normal = gaussian(seededRandom(SEED + 2));
  const planes = new Float32Array(SIGNATURE_BITS * SKETCH_DIMS);
  for (let p = 0; p < planes.length; p++) planes[p] = normal();
  const words = SIGNATURE_BITS / 32;
  const signatures = new Uint32Array(n * words);
  for (let i = 0; i < n; i++) {
    const s = sketches.subarray(i * SKETCH_DIMS, (i + 1) * SKETCH_DIMS);
    for (let bit = 0; bit < SIGNATURE_BITS; bit++) {
      if (denseDot(planes.subarray(bit * SKETCH_DIMS, (bit + 1) * SKETCH_DIMS), s) > 0) {
        signatures[i * words + (bit >> 5)]! |= 1 << (bit & 31);
      }
    }
  }
  return signatures;
}

/**
 * Each table keys items by a few signature bits and orders them by that key (ties by the whole
 * signature); an item's candidates are the WINDOW items on either side in the same bucket. Windows
 * instead of whole buckets keep the cost linear when a topic fills one bucket.
 */
function candidateLists(signatures: Uint32Array, n: number, usable: Uint8Array, random: () => number): Int32Array[] {
  const bitsPerTable = Math.max(4, Math.min(20, Math.round(Math.log2(n / 8))));
  const lists: number[][] = Array.from({ length: n }, () => []);
  const key = new Uint32Array(n);
  const bit = (i: number, b: number) => (signatures[i * 2 + (b >> 5)]! >>> (b & 31)) & 1;
  const order = Array.from({ length: n }, (_, i) => i).filter((i) => usable[i]);
  for (let table = 0; table < TABLES; table++) {
    const chosen = Array.from({ length: bitsPerTable }, () => Math.floor(random() * SIGNATURE_BITS));
    for (const i of order) {
      let k = 0;
      for (const b of chosen) k = (k << 1) | bit(i, b);
      key[i] = k >>> 0;
    }
    order.sort((x, y) => key[x]! - key[y]! || signatures[x * 2]! - signatures[y * 2]! || signatures[x * 2 + 1]! - signatures[y * 2 + 1]! || x - y);
    for (let p = 0; p < order.length; p++) {
      const i = order[p]!;
      for (let q = Math.max(0, p - WINDOW); q <= Math.min(order.length - 1, p + WINDOW); q++) {
        const j = order[q]!;
        if (q !== p && key[j] === key[i]) lists[i]!.push(j);
      }
    }
  }
  return lists.map((list) => Int32Array.from(new Set(list)));
}
