import { findAbbreviations } from './abbreviations';
import { lexicalFeatures, tokenise } from './normalise';

/**
 * Rows of L2-normalised sparse vectors in compressed form: row i holds features
 * `features[offsets[i]..offsets[i+1])`, sorted by feature id, with their weights.
 */
export type SparseRows = {
  offsets: Int32Array;
  features: Int32Array;
  weights: Float32Array;
  featureCount: number;
  /** 1 for keywords without a single word (punctuation only). */
  tokenless: Uint8Array;
};

/** A sparse vector on its own (a cluster's sum of member rows); feature ids sorted ascending. */
export type SparseVector = { features: Int32Array; weights: Float64Array };

/**
 * Inverse document frequency is damped (raised to this power). Full idf lets the rarest words of a
 * keyword, a brand or a "for sensitive stomach" tail, outweigh the head term it shares with its
 * family, splitting families into brand and use sub-groups; measured on the benchmark families,
 * 0.3 gave the best agreement, and plain idf (1) the worst.
 */
const IDF_POWER = 0.3;

/**
 * Builds TF-IDF vectors for the given keywords (raw weights from lexicalFeatures times damped idf),
 * with the abbreviations the list itself spells out (findAbbreviations) read as their expansion.
 * A feature held by a single keyword is left out: it
 * cannot make that keyword similar to anything, yet with the highest idf of all it would dominate
 * the vector and push a misspelt keyword ("orthopedic sokcs") away from its correct spelling.
 */
export function buildLexicalRows(keywords: readonly string[], onRow?: (done: number) => void): SparseRows {
  const ids = new Map<string, number>();
  const perRow: Array<{ ids: number[]; raw: number[] }> = [];
  const tokens = keywords.map(tokenise);
  const abbreviations = findAbbreviations(tokens);
  for (let i = 0; i < keywords.length; i++) {
    const rowIds: number[] = [];
    const raw: number[] = [];
    for (const [feature, weight] of lexicalFeatures(tokens[i]!, abbreviations)) {
      let id = ids.get(feature);
      if (id === undefined) {
        id = ids.size;
        ids.set(feature, id);
      }
      rowIds.push(id);
      raw.push(weight);
    }
    perRow.push({ ids: rowIds, raw });
    onRow?.(i + 1);
  }

  const df = new Int32Array(ids.size);
  for (const row of perRow) for (const id of row.ids) df[id]!++;
  const n = keywords.length;
  const idf = new Float64Array(ids.size);
  for (let f = 0; f < ids.size; f++) {
    if (df[f]! < 2) continue;
    idf[f] = Math.log(1 + n / df[f]!) ** IDF_POWER;
  }

  const tokenless = Uint8Array.from(perRow, (row) => (row.ids.length === 0 ? 1 : 0));
  const offsets = new Int32Array(n + 1);
  const kept: number[] = [];
  const keptWeights: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = perRow[i]!;
    const order = row.ids.map((_, k) => k).filter((k) => idf[row.ids[k]!]! > 0).sort((x, y) => row.ids[x]! - row.ids[y]!);
    let norm = 0;
    for (const k of order) norm += (row.raw[k]! * idf[row.ids[k]!]!) ** 2;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    offsets[i] = kept.length;
    for (const k of order) {
      kept.push(row.ids[k]!);
      keptWeights.push(row.raw[k]! * idf[row.ids[k]!]! * scale);
    }
  }
  offsets[n] = kept.length;
  return { offsets, features: Int32Array.from(kept), weights: Float32Array.from(keptWeights), featureCount: ids.size, tokenless };
}

/** Dot product of rows i and j (both sorted), by merging. */
export function rowDot(rows: SparseRows, i: number, j: number): number {
  const { offsets, features, weights } = rows;
  let p = offsets[i]!;
  const pEnd = offsets[i + 1]!;
  let q = offsets[j]!;
  const qEnd = offsets[j + 1]!;
  let sum = 0;
  while (p < pEnd && q < qEnd) {
    const fp = features[p]!;
    const fq = features[q]!;
    if (fp === fq) sum += weights[p++]! * weights[q++]!;
    else if (fp < fq) p++;
    else q++;
  }
  return sum;
}

export function rowVector(rows: SparseRows, i: number): SparseVector {
  const start = rows.offsets[i]!;
  const end = rows.offsets[i + 1]!;
  return { features: rows.features.slice(start, end), weights: Float64Array.from(rows.weights.subarray(start, end)) };
}

export function addSparse(a: SparseVector, b: SparseVector): SparseVector {
  const features = new Int32Array(a.features.length + b.features.length);
  const weights = new Float64Array(features.length);
  let p = 0;
  let q = 0;
  let k = 0;
  while (p < a.features.length || q < b.features.length) {
    const fp = p < a.features.length ? a.features[p]! : Infinity;
    const fq = q < b.features.length ? b.features[q]! : Infinity;
    if (fp === fq) {
      features[k] = fp;
      weights[k++] = a.weights[p++]! + b.weights[q++]!;
    } else if (fp < fq) {
      features[k] = fp;
      weights[k++] = a.weights[p++]!;
    } else {
      features[k] = fq;
      weights[k++] = b.weights[q++]!;
    }
  }
  return { features: features.slice(0, k), weights: weights.slice(0, k) };
}

/**
 * Dot product of two sorted sparse vectors. When one is much longer (a large cluster against a
 * small one) it binary-searches the long one, so the cost follows the short vector.
 */
export function dotSparse(a: SparseVector, b: SparseVector): number {
  if (a.features.length > b.features.length) return dotSparse(b, a);
  const short = a;
  const long = b;
  let sum = 0;
  if (long.features.length > 16 * short.features.length) {
    let lo = 0;
    for (let p = 0; p < short.features.length; p++) {
      const f = short.features[p]!;
      let hi = long.features.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (long.features[mid]! < f) lo = mid + 1;
        else hi = mid;
      }
      if (lo < long.features.length && long.features[lo] === f) sum += short.weights[p]! * long.weights[lo]!;
    }
    return sum;
  }
  let p = 0;
  let q = 0;
  while (p < short.features.length && q < long.features.length) {
    const fp = short.features[p]!;
    const fq = long.features[q]!;
    if (fp === fq) sum += short.weights[p++]! * long.weights[q++]!;
    else if (fp < fq) p++;
    else q++;
  }
  return sum;
}
