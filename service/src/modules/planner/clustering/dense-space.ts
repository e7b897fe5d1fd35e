import type { VectorSpace } from './space';

export type DenseSum = Float32Array | Float64Array;

/** Item vectors scaled to unit length, side by side in one buffer; zero vectors stay zero. */
export type DenseRows = { dims: number; data: Float32Array; usable: Uint8Array };

export function buildDenseRows(vectors: ReadonlyArray<ArrayLike<number>>): DenseRows {
  const dims = vectors[0]?.length ?? 0;
  const data = new Float32Array(vectors.length * dims);
  const usable = new Uint8Array(vectors.length);
  vectors.forEach((vector, i) => {
    if (vector.length !== dims) throw new RangeError(`vector ${i} has ${vector.length} dimensions, expected ${dims}`);
    let norm = 0;
    for (let d = 0; d < dims; d++) {
      const x = Number(vector[d]);
      if (!Number.isFinite(x)) throw new RangeError(`vector ${i} holds a value that is not a finite number`);
      norm += x * x;
    }
    if (norm === 0) return;
    const scale = 1 / Math.sqrt(norm);
    for (let d = 0; d < dims; d++) data[i * dims + d] = Number(vector[d]) * scale;
    usable[i] = 1;
  });
  return { dims, data, usable };
}

export function denseRow(rows: DenseRows, i: number): Float32Array {
  return rows.data.subarray(i * rows.dims, (i + 1) * rows.dims);
}

export function denseDot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let d = 0; d < a.length; d++) sum += a[d]! * b[d]!;
  return sum;
}

export function denseSpace(rows: DenseRows): VectorSpace<DenseSum> {
  return {
    size: rows.usable.length,
    usable: (i) => rows.usable[i] === 1,
    // A view, not a copy: singletons are most groups and copying them would double the memory.
    single: (i) => denseRow(rows, i),
    add(a, b) {
      const sum = a instanceof Float64Array ? a : Float64Array.from(a);
      for (let d = 0; d < sum.length; d++) sum[d]! += b[d]!;
      return sum;
    },
    dot: denseDot,
    dotItem: (i, s) => denseDot(denseRow(rows, i), s),
  };
}
