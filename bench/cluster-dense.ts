/**
 * The provider-embedding path of the clustering on vectors a real embedding model made, next to the
 * built-in lexical path on the same texts: adjusted Rand index, homogeneity and completeness per
 * granularity, and the cosine facts the learned floor (dense-floor.ts) rests on — quartiles over all
 * pairs, the mean within and across labels, where the floor falls among them, and the best a fixed
 * threshold could do (the cut the floor must stay below).
 *
 *   IGNY8_EVAL_DIR=/path npx tsx bench/cluster-dense.ts
 *
 * Reads every `<name>.vectors.jsonl` of IGNY8_EVAL_DIR (one {"text", "label", "vector"} a line; none
 * of it is kept in this repository). Sets measured so far, and how each file was made:
 *
 *   agnews-te3small  100 AG News descriptions, 4 topics, OpenAI text-embedding-3-small (1 536-d): the
 *                    embedding cache of the recommendations example, ironmanciti/NLP_lecture
 *                    data/recommendations_embeddings_cache.pkl (a dict (text, model) → vector), each
 *                    text labelled from data/AG_news_samples.csv of the same repository (its
 *                    "description" column is the text embedded, "label" the topic)
 *   crs-items-ada002 107 films, books and phones (5 product types), OpenAI text-embedding-ada-002: the
 *                    same kind of cache in blueoran/CRS data/recommendations_embeddings_cache.pkl,
 *                    whose values are (product type, vector, summary); the label is the product type.
 *                    The texts name their fields differently per type, so the words alone separate
 *                    them too: this set is for where ada-002 puts its cosines more than for quality
 *   huce-intents-minilm  553 chatbot questions (Vietnamese, university admissions), 20 intents,
 *                    all-MiniLM-L6-v2 (384-d): ngoqhuy1711/huce-chatbot-be
 *                    nlu/intent/artifacts/intent_embeddings.npz (array X, row i the vector of line i
 *                    of data/intent_prepared.csv, columns utterance and intent)
 *
 * e.g. with Python: unpickle or np.load the vectors, and write one JSON line per text.
 */
import { denseFloor } from '../service/src/modules/planner/clustering/dense-floor';
import { buildDenseRows, denseDot, denseRow } from '../service/src/modules/planner/clustering/dense-space';
import { GRANULARITIES } from '../service/src/modules/planner/clustering/index';
import { measure, type Quality } from './cluster-quality';
import { type EvalSet, loadVectorSets } from './eval-sets';

type CosineFacts = {
  dims: number; q1: number; median: number; q3: number; within: number; across: number; floor: number;
  /** Share of same-label pairs, and of different-label pairs, at or above the floor. */
  withinKept: number; acrossKept: number;
};

/** Cosines of every pair (the sets are small), split by whether the two texts share a label. */
function cosineFacts(set: EvalSet): CosineFacts {
  const rows = buildDenseRows(set.vectors!);
  const floor = denseFloor(rows);
  const all: number[] = [];
  let within = 0, withinN = 0, withinKept = 0, across = 0, acrossN = 0, acrossKept = 0;
  const n = set.texts.length;
  for (let i = 0; i < n; i++) {
    const a = denseRow(rows, i);
    for (let j = i + 1; j < n; j++) {
      const c = denseDot(a, denseRow(rows, j));
      all.push(c);
      if (set.labels[i] === set.labels[j]) {
        within += c; withinN++; if (c >= floor) withinKept++;
      } else {
        across += c; acrossN++; if (c >= floor) acrossKept++;
      }
    }
  }
  all.sort((x, y) => x - y);
  const at = (q: number) => all[Math.floor(q * (all.length - 1))]!;
  return {
    dims: rows.dims, q1: at(0.25), median: at(0.5), q3: at(0.75), within: within / withinN, across: across / acrossN, floor,
    withinKept: withinKept / withinN, acrossKept: acrossKept / acrossN,
  };
}

/**
 * The fixed threshold (steps of 0.01 from just under the floor) whose clustering of the vectors
 * scores the highest ARI: where a cut should fall, which the learned floor must stay below and the
 * modularity cut should find.
 */
function bestFixedCut(set: EvalSet, floor: number): { level: number; ari: number } {
  let best = { level: 1, ari: -Infinity };
  for (let level = Math.max(0.01, Math.floor((floor - 0.05) * 100) / 100); level < 1; level += 0.01) {
    const ari = measure(set, { threshold: level }, true).ari;
    if (ari > best.ari) best = { level, ari };
  }
  return best;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const f3 = (x: number) => x.toFixed(3);

function main() {
  const dir = process.env.IGNY8_EVAL_DIR;
  if (!dir) throw new Error('set IGNY8_EVAL_DIR to a folder of <name>.vectors.jsonl files (see the head of this file)');
  const sets = loadVectorSets(dir);
  if (sets.length === 0) throw new Error(`no *.vectors.jsonl in ${dir}`);

  console.log('cosines over all pairs; floor = the learned floor of the dense path\n');
  console.log(table(
    ['set', 'items', 'labels', 'dims', 'Q1', 'median', 'Q3', 'within', 'across', 'floor', 'within kept', 'across kept', 'best fixed cut'],
    sets.map((set) => {
      const c = cosineFacts(set);
      const best = bestFixedCut(set, c.floor);
      return [set.name, String(set.texts.length), String(new Set(set.labels).size), String(c.dims), f3(c.q1), f3(c.median), f3(c.q3), f3(c.within), f3(c.across), f3(c.floor),
        `${(c.withinKept * 100).toFixed(0)}%`, `${(c.acrossKept * 100).toFixed(0)}%`, `${best.level.toFixed(2)} (ARI ${f3(best.ari)})`];
    }),
  ));

  const rows: string[][] = [];
  for (const set of sets) {
    for (const granularity of GRANULARITIES) {
      const dense: Quality = measure(set, { granularity }, true);
      const lexical: Quality = measure(set, { granularity });
      for (const [path, q] of [['dense', dense], ['lexical', lexical]] as const) {
        rows.push([set.name, granularity, path, f3(q.ari), f3(q.homogeneity), f3(q.completeness), String(q.clusters), String(q.unclustered), q.level === null ? '-' : f3(q.level)]);
      }
    }
  }
  console.log(`\n${table(['set', 'granularity', 'path', 'ARI', 'homog.', 'compl.', 'clusters', 'unclustered', 'cut at'], rows)}`);
}

main();
