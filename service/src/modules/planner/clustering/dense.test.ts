import { describe, expect, it } from 'vitest';
import { adjustedRandIndex } from './adjusted-rand';
import { buildDenseRows } from './dense-space';
import { denseNeighbours } from './dense-neighbours';
import { clusterKeywords } from './index';
import { gaussian, seededRandom } from './random';

/** `topics` random directions in `dims` dimensions, `perTopic` noisy copies of each. */
function topicVectors(topics: number, perTopic: number, dims: number, noise: number, seed = 1) {
  const normal = gaussian(seededRandom(seed));
  const bases = Array.from({ length: topics }, () => Array.from({ length: dims }, normal));
  const vectors: number[][] = [];
  const labels: number[] = [];
  for (let t = 0; t < topics; t++) {
    for (let i = 0; i < perTopic; i++) {
      vectors.push(bases[t]!.map((x) => x + noise * normal()));
      labels.push(t);
    }
  }
  return { vectors, labels };
}

describe('clusterKeywords with provider vectors', () => {
  it('clusters by the vectors, not by the words', () => {
    const { vectors, labels } = topicVectors(3, 12, 64, 0.3);
    // The same words everywhere: lexically these would all be one cluster.
    const input = vectors.map((vector, i) => ({ id: `k${i}`, keyword: `keyword ${i}`, volume: 1, difficulty: 1, vector }));
    const result = clusterKeywords(input);
    expect(result.unclustered).toEqual([]);
    expect(result.clusters).toHaveLength(3);
    for (const cluster of result.clusters) {
      expect(new Set(cluster.memberIds.map((id) => labels[Number(id.slice(1))])).size).toBe(1);
      expect(cluster.cohesion).toBeGreaterThan(0.9);
    }
  });

  it('uses the words when some item lacks a vector', () => {
    const { vectors } = topicVectors(1, 4, 8, 0.1);
    const input = ['running shoes', 'trail running shoes', 'coffee grinder', 'burr coffee grinder'].map((keyword, i) => ({
      id: `k${i}`, keyword, volume: null, difficulty: null, vector: i === 0 ? undefined : vectors[i],
    }));
    expect(clusterKeywords(input).clusters.map((c) => [...c.memberIds].sort())).toEqual(expect.arrayContaining([['k0', 'k1'], ['k2', 'k3']]));
  });

  it('leaves zero vectors unclustered and refuses mismatched or invalid ones', () => {
    const { vectors } = topicVectors(1, 3, 8, 0.1);
    const input = [...vectors, new Array(8).fill(0)].map((vector, i) => ({ id: `k${i}`, keyword: 'x', volume: null, difficulty: null, vector }));
    expect(clusterKeywords(input).unclustered).toEqual(['k3']);
    expect(() => clusterKeywords([{ ...input[0]!, vector: [1, 2] }, input[1]!])).toThrow(RangeError);
    expect(() => clusterKeywords([{ ...input[0]!, vector: new Array(8).fill(Number.NaN) }, input[1]!])).toThrow(RangeError);
  });

  it('finds nearly the same neighbours through the index as by comparing all pairs', () => {
    const { vectors } = topicVectors(60, 50, 64, 0.6, 2);
    const rows = buildDenseRows(vectors);
    const exact = denseNeighbours(rows, { k: 20, threshold: 0.5 });
    const indexed = denseNeighbours(rows, { k: 20, threshold: 0.5, exactBudget: 0 });
    const key = (a: number, b: number) => `${a},${b}`;
    const found = new Set(Array.from(indexed.a, (a, e) => key(a, indexed.b[e]!)));
    const recalled = Array.from(exact.a, (a, e) => found.has(key(a, exact.b[e]!))).filter(Boolean).length;
    expect(exact.a.length).toBeGreaterThan(3000 * 10);
    expect(recalled / exact.a.length).toBeGreaterThan(0.9);
    // Same input, same hyperplanes: the same graph.
    expect(denseNeighbours(rows, { k: 20, threshold: 0.5, exactBudget: 0 })).toEqual(indexed);
  });

  it('recovers the topics of a few thousand vectors through the index', () => {
    const { vectors, labels } = topicVectors(60, 50, 64, 0.6, 3);
    const input = vectors.map((vector, i) => ({ id: String(i), keyword: 'k', volume: null, difficulty: null, vector }));
    const result = clusterKeywords(input);
    const predicted = Array.from({ length: input.length }, (_, i) => -1 - i);
    result.clusters.forEach((c, ci) => c.memberIds.forEach((id) => (predicted[Number(id)] = ci)));
    expect(adjustedRandIndex(labels, predicted)).toBeGreaterThan(0.95);
  });

  describe('whatever the model\'s baseline similarity', () => {
    const ari = (vectors: number[][], labels: number[], options = {}) => {
      const result = clusterKeywords(vectors.map((vector, i) => ({ id: String(i), keyword: 'k', volume: null, difficulty: null, vector })), options);
      const predicted = Array.from({ length: vectors.length }, (_, i) => -1 - i);
      result.clusters.forEach((c, ci) => c.memberIds.forEach((id) => (predicted[Number(id)] = ci)));
      return adjustedRandIndex(labels, predicted);
    };

    it('clusters a model that puts related keywords below a cosine of 0.25', () => {
      // Related pairs near 0.17, unrelated near 0: apart, but all under a fixed floor of 0.25.
      const { vectors, labels } = topicVectors(30, 20, 256, 2, 4);
      expect(ari(vectors, labels)).toBeGreaterThan(0.9);
      expect(ari(vectors, labels, { threshold: 0.25 })).toBeLessThan(0.5);
    });

    it('clusters a model that puts unrelated keywords at 0.7', () => {
      const { vectors, labels } = topicVectors(30, 20, 256, 1, 5);
      const normal = gaussian(seededRandom(6));
      const common = Array.from({ length: 256 }, normal);
      const shifted = vectors.map((v) => v.map((x, d) => x + 1.8 * common[d]!));
      expect(ari(shifted, labels)).toBeGreaterThan(0.95);
    });
  });
});
