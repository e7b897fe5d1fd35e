import { describe, expect, it } from 'vitest';
import { MergeHeap } from './heap';
import { seededRandom } from './random';

describe('merge heap', () => {
  it('pops by similarity, ties by cluster indices, across growth', () => {
    const heap = new MergeHeap();
    const random = seededRandom(3);
    const pushed = Array.from({ length: 5000 }, (_, i) => ({
      similarity: Math.round(random() * 50) / 50,
      a: Math.floor(random() * 100),
      b: 100 + (i % 7),
      versionA: i,
      versionB: 0,
    }));
    for (const entry of pushed) heap.push(entry);
    expect(heap.size).toBe(5000);
    const popped = Array.from({ length: 5000 }, () => heap.pop()!);
    expect(heap.pop()).toBeUndefined();
    const order = (x: (typeof pushed)[0], y: (typeof pushed)[0]) => y.similarity - x.similarity || x.a - y.a || x.b - y.b;
    expect(popped.map(({ similarity, a, b }) => [similarity, a, b])).toEqual([...pushed].sort(order).map(({ similarity, a, b }) => [similarity, a, b]));
  });
});
