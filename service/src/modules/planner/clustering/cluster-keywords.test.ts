import { describe, expect, it } from 'vitest';
import { type ClusterInput, clusterKeywords } from './index';
import { buildLexicalRows, rowDot } from './sparse';

const items = (keywords: Array<string | [string, number | null, number | null]>): ClusterInput[] =>
  keywords.map((k, i) => {
    const [keyword, volume, difficulty] = typeof k === 'string' ? [k, null, null] : k;
    return { id: `k${i}`, keyword, volume, difficulty };
  });

/** Keywords of each cluster, by name, for readable assertions. */
function byName(input: ClusterInput[], result: ReturnType<typeof clusterKeywords>): Record<string, string[]> {
  const keyword = new Map(input.map((item) => [item.id, item.keyword]));
  return Object.fromEntries(result.clusters.map((c) => [c.name, c.memberIds.map((id) => keyword.get(id)!).sort()]));
}

const RUNNING = ['running shoes', 'best running shoes for women', 'trail running shoes', 'running shoes sale', 'cheap running shoes', 'run shoe', 'runing shoes'];
const GRINDER = ['coffee grinder', 'burr coffee grinder', 'best coffee grinder', 'coffee grinders', 'manual coffee grinder', 'electric coffee grinder'];
const TABLE = ['coffee table', 'glass coffee table', 'coffee tables', 'modern coffee table', 'wooden coffee table', 'coffee table with storage'];

describe('clusterKeywords on keywords alone', () => {
  it('groups obvious families apart, even when they share a word', () => {
    const input = items([...RUNNING, ...GRINDER, ...TABLE]);
    const result = clusterKeywords(input);
    expect(byName(input, result)).toEqual({
      'running shoes': [...RUNNING].sort(),
      'coffee grinder': [...GRINDER].sort(),
      'coffee table': [...TABLE].sort(),
    });
    expect(result.unclustered).toEqual([]);
  });

  it('leaves oddballs unclustered instead of forcing them together', () => {
    const input = items([...RUNNING, 'tax return deadline', 'volcano eruption facts', ...GRINDER]);
    const result = clusterKeywords(input);
    expect(result.unclustered).toEqual(['k7', 'k8']);
    expect(result.clusters).toHaveLength(2);
  });

  it('puts every keyword in one cluster when minClusterSize is 1', () => {
    const input = items([...RUNNING, 'tax return deadline', ...GRINDER]);
    const result = clusterKeywords(input, { minClusterSize: 1 });
    expect(result.unclustered).toEqual([]);
    expect(result.clusters.map((c) => c.memberIds.length).sort((a, b) => a - b)).toEqual([1, GRINDER.length, RUNNING.length]);
  });

  it('does not let bridge keywords join two families', () => {
    const bridges = ['coffee grinder vs coffee table', 'coffee table grinder', 'grinder coffee table'];
    const input = items([...GRINDER, ...TABLE, ...bridges]);
    const result = clusterKeywords(input);
    const clusters = Object.values(byName(input, result));
    for (const members of clusters) {
      expect(members.includes('burr coffee grinder') && members.includes('glass coffee table')).toBe(false);
    }
    expect(clusters.some((members) => GRINDER.every((k) => members.includes(k)))).toBe(true);
    expect(clusters.some((members) => TABLE.every((k) => members.includes(k)))).toBe(true);
  });

  it('does not chain a run of overlapping keywords into one blob', () => {
    const chain = ['red apple pie', 'apple pie recipe', 'pie recipe easy', 'recipe easy dinner', 'easy dinner ideas', 'dinner ideas family', 'ideas family party', 'family party games', 'party games kids'];
    const doubled = [...chain, ...chain.map((k) => `${k} uk`)];
    // Every neighbour in the run is similar enough that joining similar pairs would link them all.
    const rows = buildLexicalRows(doubled);
    for (let i = 0; i + 1 < chain.length; i++) expect(rowDot(rows, i, i + 1)).toBeGreaterThanOrEqual(0.5);
    const input = items(doubled);
    const result = clusterKeywords(input);
    const largest = Math.max(...result.clusters.map((c) => c.memberIds.length));
    expect(largest).toBeLessThanOrEqual(8);
    for (const members of Object.values(byName(input, result))) {
      expect(members.includes('red apple pie') && members.includes('party games kids')).toBe(false);
    }
  });

  it('handles empty and single inputs', () => {
    const progress: Array<[number, number]> = [];
    expect(clusterKeywords([], { onProgress: (d, t) => progress.push([d, t]) })).toMatchObject({ clusters: [], unclustered: [] });
    expect(progress.at(-1)?.[0]).toBe(progress.at(-1)?.[1]);
    expect(clusterKeywords(items(['running shoes']))).toMatchObject({ clusters: [], unclustered: ['k0'] });
    expect(clusterKeywords(items(['running shoes']), { minClusterSize: 1 }).clusters).toEqual([
      { memberIds: ['k0'], pillarId: 'k0', name: 'running shoes', totalVolume: 0, avgDifficulty: null, cohesion: 1 },
    ]);
  });

  it('leaves keywords of punctuation only unclustered', () => {
    const result = clusterKeywords(items(['!!!', '???', ...GRINDER]), { minClusterSize: 1 });
    expect(result.unclustered).toEqual(['k0', 'k1']);
  });

  it('gives the same clusters for the same input', () => {
    const words = ['shoes', 'boots', 'grinder', 'table', 'kettle', 'sofa', 'tent', 'mattress'];
    const qualifiers = ['running', 'leather', 'coffee', 'glass', 'electric', 'camping', 'memory foam'];
    const modifiers = ['best', 'cheap', 'for women', 'near me', 'reviews', '2025', 'sale', 'how to clean'];
    const keywords: string[] = [];
    for (const w of words) for (const q of qualifiers) for (const m of modifiers) keywords.push(m.startsWith('how') || m === 'best' || m === 'cheap' ? `${m} ${q} ${w}` : `${q} ${w} ${m}`);
    const input = items(keywords.map((k, i) => [k, (i * 37) % 1000, (i * 11) % 100]));
    const first = clusterKeywords(input);
    expect(first.clusters.length).toBeGreaterThan(5);
    expect(clusterKeywords(input)).toEqual(first);
    expect(clusterKeywords(structuredClone(input))).toEqual(first);
  });

  it('reports progress up to the total', () => {
    const calls: Array<[number, number]> = [];
    clusterKeywords(items([...RUNNING, ...GRINDER, ...TABLE]), { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls.length).toBeGreaterThan(2);
    for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThanOrEqual(calls[i - 1]![0]);
    expect(calls.at(-1)![0]).toBe(calls.at(-1)![1]);
  });

  it('refuses nonsensical options', () => {
    expect(() => clusterKeywords(items(RUNNING), { threshold: 0 })).toThrow(RangeError);
    expect(() => clusterKeywords(items(RUNNING), { threshold: Number.NaN })).toThrow(RangeError);
    expect(() => clusterKeywords(items(RUNNING), { minClusterSize: 0 })).toThrow(RangeError);
  });

  it('merges less at a higher threshold', () => {
    const input = items([...RUNNING, ...GRINDER, ...TABLE]);
    const loose = clusterKeywords(input, { threshold: 0.2 });
    const strict = clusterKeywords(input, { threshold: 0.95 });
    expect(loose.clusters.length).toBeLessThan(strict.clusters.length + strict.unclustered.length);
  });
});

describe('cluster figures', () => {
  const family: Array<[string, number | null, number | null]> = [
    ['cold brew maker', 500, 40],
    ['cold brew recipe', 900, null],
    ['best cold brew', 10, 20],
    ['cold brew at home', null, 30],
    // Popular, but about grinders as much as cold brew: it joins, off-centre, and must not lead.
    ['best coffee grinder for cold brew', 90000, 50],
    ['coffee grinder', 1000, 10],
    ['coffee grinders', 300, 10],
    ['burr coffee grinder', 800, 10],
    ['manual coffee grinder', 400, 10],
  ];

  it('sums volumes, averages known difficulties and picks a central, high-volume pillar', () => {
    const input = items(family);
    const result = clusterKeywords(input);
    const coldBrew = result.clusters.find((c) => c.memberIds.includes('k0'))!;
    expect([...coldBrew.memberIds].sort()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
    const members = coldBrew.memberIds.map((id) => family[Number(id.slice(1))]!);
    expect(coldBrew.totalVolume).toBe(members.reduce((sum, [, v]) => sum + (v ?? 0), 0));
    const known = members.map(([, , d]) => d).filter((d): d is number => d !== null);
    expect(coldBrew.avgDifficulty).toBeCloseTo(known.reduce((a, b) => a + b, 0) / known.length, 10);
    expect(coldBrew.pillarId).toBe('k1');
    expect(coldBrew.name).toBe('cold brew recipe');
    expect(coldBrew.cohesion).toBeGreaterThan(0.5);
    expect(coldBrew.cohesion).toBeLessThanOrEqual(1 + 1e-9);
    // Members come most central first.
    expect(coldBrew.memberIds.at(-1)).toBe('k4');
  });

  it('names a cluster after its most central member when no volume is known', () => {
    const input = items(RUNNING.map((k) => [k, null, null] as [string, null, null]));
    const [cluster] = clusterKeywords(input).clusters;
    expect(cluster!.totalVolume).toBe(0);
    expect(cluster!.avgDifficulty).toBeNull();
    expect(cluster!.pillarId).toBe(cluster!.memberIds[0]);
  });

  it('orders clusters by total volume', () => {
    const input = items([...RUNNING.map((k) => [k, 10, 1] as [string, number, number]), ...GRINDER.map((k) => [k, 1000, 1] as [string, number, number])]);
    expect(clusterKeywords(input).clusters.map((c) => c.name)).toEqual(['coffee grinder', 'running shoes']);
  });
});
