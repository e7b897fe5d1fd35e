import { describe, expect, it } from 'vitest';
import { findAbbreviations } from './abbreviations';
import { finestUsefulLevel, modularityLevel } from './auto-cut';
import { type ClusterInput, clusterKeywords, GRANULARITIES } from './index';
import { isModifier } from './modifiers';
import { tokenise } from './normalise';
import { buildLexicalRows, rowDot } from './sparse';

const items = (keywords: string[]): ClusterInput[] => keywords.map((keyword, i) => ({ id: `k${i}`, keyword, volume: null, difficulty: null }));
const keywordSets = (input: ClusterInput[], result: ReturnType<typeof clusterKeywords>) => {
  const byId = new Map(input.map((item) => [item.id, item.keyword]));
  return result.clusters.map((c) => c.memberIds.map((id) => byId.get(id)!).sort());
};

const FAMILIES: Record<string, string[]> = {
  espresso: ['espresso machine', 'best espresso machine', 'espresso machine with grinder', 'cheap espresso machine', 'espresso machine for home', 'manual espresso machine'],
  'yoga mat': ['yoga mat', 'best yoga mat', 'thick yoga mat', 'yoga mat for women', 'non slip yoga mat', 'cork yoga mat'],
  tent: ['camping tent', 'best camping tent', '4 person camping tent', 'camping tent near me', 'cheap camping tent', 'family camping tent'],
};

describe('the cut chosen from the data', () => {
  it('cuts a small clear case at its families, without a threshold', () => {
    const input = items(Object.values(FAMILIES).flat());
    const result = clusterKeywords(input);
    expect(keywordSets(input, result).sort()).toEqual(Object.values(FAMILIES).map((f) => [...f].sort()).sort());
    expect(result.level).toBeGreaterThan(0);
    expect(result.level).toBeLessThan(1);
  });

  it('is reported as the given threshold when one is given', () => {
    expect(clusterKeywords(items(FAMILIES.tent!), { threshold: 0.42 }).level).toBe(0.42);
  });

  it('gives fewer, larger clusters for broader granularity, each nested in the broader ones', () => {
    const words = ['shoes', 'boots', 'grinder', 'table', 'kettle', 'sofa', 'tent', 'mattress'];
    const qualifiers = ['running', 'leather', 'coffee', 'glass', 'electric', 'camping', 'memory foam'];
    const modifiers = ['best', 'cheap', 'for women', 'near me', 'reviews', '2025', 'sale', 'how to clean'];
    const input = items(words.flatMap((w) => qualifiers.flatMap((q) => modifiers.map((m) => (m.startsWith('how') || m === 'best' || m === 'cheap' ? `${m} ${q} ${w}` : `${q} ${w} ${m}`)))));
    const [broad, balanced, tight] = GRANULARITIES.map((granularity) => clusterKeywords(input, { granularity }));
    const groups = (r: typeof broad) => r!.clusters.length + r!.unclustered.length;
    const meanSize = (r: typeof broad) => (input.length - r!.unclustered.length) / r!.clusters.length;
    expect(groups(broad)).toBeLessThan(groups(tight));
    expect(groups(broad)).toBeLessThanOrEqual(groups(balanced));
    expect(groups(balanced)).toBeLessThanOrEqual(groups(tight));
    expect(meanSize(broad)).toBeGreaterThanOrEqual(meanSize(balanced));
    expect(meanSize(balanced)).toBeGreaterThanOrEqual(meanSize(tight));
    expect(broad!.level).toBeLessThanOrEqual(balanced!.level);
    expect(balanced!.level).toBeLessThanOrEqual(tight!.level);
    // Nested: the members of a finer cluster all sit in one coarser cluster.
    for (const [fine, coarse] of [[tight, balanced], [balanced, broad]] as const) {
      const home = new Map<string, number>();
      coarse!.clusters.forEach((c, i) => c.memberIds.forEach((id) => home.set(id, i)));
      for (const c of fine!.clusters) expect(new Set(c.memberIds.map((id) => home.get(id))).size).toBe(1);
    }
  });

  it('refuses an unknown granularity', () => {
    expect(() => clusterKeywords(items(FAMILIES.tent!), { granularity: 'medium' as never })).toThrow(RangeError);
  });
});

describe('modifiers', () => {
  it('knows qualifiers, numbers and years from topic words', () => {
    for (const word of ['best', 'cheap', 'near', 'vs', 'review', 'women', '2025', '4']) expect(isModifier(word)).toBe(true);
    for (const word of ['espresso', 'tent', 'yoga']) expect(isModifier(word)).toBe(false);
  });

  it('weigh less than topic words: a shared topic outweighs a shared modifier', () => {
    const rows = buildLexicalRows(['best espresso machine', 'espresso machine for home', 'best yoga mat', 'yoga mat', 'best camping tent', 'camping tent', 'espresso machine']);
    // "best espresso machine" is nearer "espresso machine for home" than "best yoga mat"...
    expect(rowDot(rows, 0, 1)).toBeGreaterThan(3 * rowDot(rows, 0, 2));
    // ...and a modifier changes a keyword little.
    expect(rowDot(rows, 0, 6)).toBeGreaterThan(0.9);
  });
});

describe('abbreviations', () => {
  const sector = ['acv gummies', 'acv benefits', 'acv weight loss', 'apple cider vinegar gummies', 'apple cider vinegar benefits', 'apple cider vinegar weight loss', 'apple pie'];

  it('are found where the list uses an abbreviation and its expansion alike', () => {
    expect(findAbbreviations(sector.map(tokenise))).toEqual(new Map([['acv', ['apple', 'cider', 'vinegar']]]));
  });

  it('are not read into a word that only spells some initials', () => {
    const list = ['go running', 'go hiking', 'get outdoors', 'gear organiser', 'great outdoors hiking', 'garden ornaments running'];
    expect(findAbbreviations(list.map(tokenise)).size).toBe(0);
    expect(findAbbreviations(['acv gummies', 'apple cider vinegar benefits'].map(tokenise)).size).toBe(0);
  });

  it('make a keyword and its expanded form one topic', () => {
    const rows = buildLexicalRows(sector);
    expect(rowDot(rows, 0, 3)).toBeGreaterThan(0.9);
    const input = items(sector);
    const clusters = keywordSets(input, clusterKeywords(input));
    expect(clusters.find((c) => c.includes('acv gummies'))).toContain('apple cider vinegar gummies');
  });
});

describe('the finest useful level', () => {
  // Two pairs of duplicates (1.0), joined in twos at 0.8 into pairs of pairs, then all at 0.3.
  const n = 8;
  const edges: Array<[number, number, number]> = [[0, 1, 1], [2, 3, 1], [4, 5, 1], [6, 7, 1], [1, 2, 0.8], [5, 6, 0.8], [3, 4, 0.3]];
  const graph = { a: Int32Array.from(edges, (e) => e[0]), b: Int32Array.from(edges, (e) => e[1]), similarity: Float64Array.from(edges, (e) => e[2]) };
  const dendrogram = { keep: Int32Array.of(0, 2, 4, 6, 0, 4, 0), gone: Int32Array.of(1, 3, 5, 7, 2, 6, 4), similarity: Float64Array.of(1, 1, 1, 1, 0.8, 0.8, 0.3), count: 7 };

  it('steps back from a resolution that keeps only duplicates to one that groups', () => {
    expect(modularityLevel(n, graph, dendrogram, 64, 0.1)).toBe(1);
    const level = finestUsefulLevel(n, graph, dendrogram, 64, 0.5, 0.1)!;
    expect(level).toBeLessThan(1);
    expect(level).toBeGreaterThan(0.3);
  });

  it('is null when no resolution in the range groups beyond duplicates', () => {
    expect(finestUsefulLevel(n, graph, dendrogram, 64, 32, 0.1)).toBeNull();
  });
});
