/**
 * Clustering quality on labelled sets: adjusted Rand index, homogeneity and completeness of the
 * default clustering (or a fixed threshold, or a granularity) on every set of IGNY8_EVAL_DIR and on
 * the generated keyword families. Keywords left unclustered count as groups of one.
 */
import { performance } from 'node:perf_hooks';
import { adjustedRandIndex } from '../service/src/modules/planner/clustering/adjusted-rand';
import { homogeneityCompleteness } from '../service/src/modules/planner/clustering/homogeneity';
import { type ClusterOptions, clusterKeywords } from '../service/src/modules/planner/clustering/index';
import { generateKeywords } from './data/keyword-families';
import { type EvalSet, loadEvalSets } from './eval-sets';

export type Quality = {
  set: string; items: number; classes: number; seconds: number; ari: number; homogeneity: number; completeness: number;
  clusters: number; unclustered: number; level: number | null;
};

/** Clusters the set's texts; by its vectors (the provider path) when `byVectors` and the set carries them. */
export function measure(set: EvalSet, options: ClusterOptions, byVectors = false): Quality {
  const vectors = byVectors ? set.vectors : undefined;
  const started = performance.now();
  const result = clusterKeywords(set.texts.map((keyword, i) => ({ id: String(i), keyword, volume: null, difficulty: null, vector: vectors?.[i] })), options);
  const seconds = (performance.now() - started) / 1000;
  const n = set.texts.length;
  const labels = Int32Array.from({ length: n }, (_, i) => n + i);
  result.clusters.forEach((c, g) => c.memberIds.forEach((id) => (labels[Number(id)] = g)));
  const { homogeneity, completeness } = homogeneityCompleteness(set.labels, labels);
  return {
    set: set.name, items: n, classes: new Set(set.labels).size, seconds, ari: adjustedRandIndex(set.labels, labels), homogeneity, completeness,
    clusters: result.clusters.length, unclustered: result.unclustered.length, level: result.level ?? null,
  };
}

export function qualitySets(): EvalSet[] {
  const generated = generateKeywords(5000);
  const sets: EvalSet[] = [{ name: 'generated families', source: 'bench/data/keyword-families.ts (5 000)', texts: generated.map((d) => d.keyword), labels: generated.map((d) => d.family) }];
  const dir = process.env.IGNY8_EVAL_DIR;
  if (dir) sets.push(...loadEvalSets(dir));
  return sets;
}

export function qualityTable(rows: Quality[]): string {
  const header = ['set', 'items', 'classes', 'seconds', 'ARI', 'homog.', 'compl.', 'clusters', 'unclustered', 'cut at'];
  const cells = rows.map((r) => [
    r.set, String(r.items), String(r.classes), r.seconds.toFixed(2), r.ari.toFixed(3), r.homogeneity.toFixed(3), r.completeness.toFixed(3),
    String(r.clusters), String(r.unclustered), r.level === null ? '-' : r.level.toFixed(3),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((r) => r[c]!.length)));
  const line = (row: string[]) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
