import type { VectorSpace } from './space';
import { addSparse, dotSparse, rowVector, type SparseRows, type SparseVector } from './sparse';

export function lexicalSpace(rows: SparseRows): VectorSpace<SparseVector> {
  const { offsets, features, weights } = rows;
  return {
    size: offsets.length - 1,
    usable: (i) => rows.tokenless[i] === 0,
    single: (i) => rowVector(rows, i),
    add: addSparse,
    dot: dotSparse,
    dotItem(i, s) {
      let sum = 0;
      let lo = 0;
      for (let p = offsets[i]!; p < offsets[i + 1]!; p++) {
        const f = features[p]!;
        let hi = s.features.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (s.features[mid]! < f) lo = mid + 1;
          else hi = mid;
        }
        if (lo < s.features.length && s.features[lo] === f) sum += weights[p]! * s.weights[lo]!;
      }
      return sum;
    },
  };
}
