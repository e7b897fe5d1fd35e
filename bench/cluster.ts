/**
 * Keyword clustering benchmark: wall and CPU time, peak memory and adjusted Rand index against the
 * generated family labels, for the indexed clustering at 5k/10k/50k keywords (plus 10k synthetic
 * 1536-d vectors for the embedding path) and for all-pairs baselines at 5k. Each case runs in a fresh process so that peak RSS
 * belongs to that case alone. Keywords left unclustered count as groups of one in the ARI.
 * The `quality` case measures ARI, homogeneity and completeness on labelled sets nobody here
 * generated, read from IGNY8_EVAL_DIR (see bench/eval-sets.ts for their sources and how to get them).
 *
 *   npx tsx bench/cluster.ts                 all cases (quality only when IGNY8_EVAL_DIR is set)
 *   npx tsx bench/cluster.ts 50k 5k          some cases, by name
 *   npx tsx bench/cluster.ts --threshold=0.6 a fixed merge threshold instead of the cut chosen from the data
 *   npx tsx bench/cluster.ts --granularity=tight quality         another granularity
 */
import { fork } from 'node:child_process';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { adjustedRandIndex } from '../service/src/modules/planner/clustering/adjusted-rand';
import { type ClusterInput, type ClusterOptions, clusterKeywords, type Granularity } from '../service/src/modules/planner/clustering/index';
import { measure, qualitySets, qualityTable } from './cluster-quality';
import { gaussian, seededRandom } from '../service/src/modules/planner/clustering/random';
import { generateKeywords, type LabelledKeyword } from './data/keyword-families';
import { allPairsMatrix, naiveAverageLinkage, naiveSingleLinkage } from './naive-clustering';

type CaseName = '5k' | '10k' | '50k' | '10k vectors 1536-d' | '5k all-pairs average' | '5k all-pairs single';
type Outcome = {
  name: CaseName; keywords: number; seconds: number; cpuSeconds: number; peakMiB: number;
  ari: number; groups: number; unclustered: number; pillarIsHead: number | null;
};

const CASES: CaseName[] = ['5k', '10k', '50k', '10k vectors 1536-d', '5k all-pairs average', '5k all-pairs single'];
const SIZES: Record<CaseName, number> = {
  '5k': 5000, '10k': 10000, '50k': 50000, '10k vectors 1536-d': 10000, '5k all-pairs average': 5000, '5k all-pairs single': 5000,
};

/**
 * Embedding-like vectors for the labelled keywords: one random direction per family plus noise
 * (cosine about 0.75 within a family, about 0 across), a stand-in for provider embeddings that
 * measures the speed of the vector path rather than the quality of any model.
 */
function familyVectors(data: LabelledKeyword[], dims: number): Float32Array[] {
  const normal = gaussian(seededRandom(11));
  const bases = new Map<number, Float32Array>();
  return data.map((d) => {
    let base = bases.get(d.family);
    if (!base) bases.set(d.family, (base = Float32Array.from({ length: dims }, normal)));
    return Float32Array.from(base, (x) => x + 0.58 * normal());
  });
}

function flag(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

/** The clustering options from the command line: a threshold, a granularity, or the defaults. */
function optionsArg(): ClusterOptions {
  const threshold = flag('threshold');
  const granularity = flag('granularity') as Granularity | undefined;
  return { ...(threshold ? { threshold: Number(threshold) } : {}), ...(granularity ? { granularity } : {}) };
}

/** Labels per keyword from groups; keywords left out each count as their own group. */
function labelsFrom(n: number, groups: number[][]): Int32Array {
  const labels = Int32Array.from({ length: n }, (_, i) => n + i);
  groups.forEach((members, g) => members.forEach((m) => (labels[m] = g)));
  return labels;
}

function runCase(name: CaseName, options: ClusterOptions): Outcome {
  const data: LabelledKeyword[] = generateKeywords(SIZES[name]);
  const truth = data.map((d) => d.family);
  const vectors = name.includes('vectors') ? familyVectors(data, 1536) : undefined;
  const started = performance.now();
  const cpu = process.cpuUsage();
  let labels: Int32Array;
  let groups: number;
  let unclustered: number;
  let pillarIsHead: number | null = null;
  if (name.includes('all-pairs')) {
    const matrix = allPairsMatrix(data.map((d) => d.keyword));
    // The baselines have no cut of their own: they run at the level the indexed clustering chose.
    const level = options.threshold ?? clusterKeywords(data.map((d, i) => ({ id: String(i), keyword: d.keyword, volume: null, difficulty: null })), options).level;
    labels = name.endsWith('average') ? naiveAverageLinkage(matrix, level) : naiveSingleLinkage(matrix, level);
    const sizes = new Map<number, number>();
    for (const l of labels) sizes.set(l, (sizes.get(l) ?? 0) + 1);
    groups = [...sizes.values()].filter((s) => s > 1).length;
    unclustered = [...sizes.values()].filter((s) => s === 1).length;
  } else {
    const input: ClusterInput[] = data.map((d, i) => ({ id: String(i), keyword: d.keyword, volume: d.volume, difficulty: d.difficulty, vector: vectors?.[i] }));
    const result = clusterKeywords(input, vectors ? { granularity: options.granularity } : options);
    const memberLists = result.clusters.map((c) => c.memberIds.map(Number));
    labels = labelsFrom(data.length, memberLists);
    groups = result.clusters.length;
    unclustered = result.unclustered.length;
    // Where a cluster holds a family's head term (the keyword the generator made the most searched),
    // the pillar should be that head. Families are generated whole and in order, so a head is the
    // first keyword of its family.
    const heads = new Set<number>();
    data.forEach((d, i) => {
      if (i === 0 || data[i - 1]!.family !== d.family) heads.add(i);
    });
    const holdingHead = result.clusters.filter((c) => c.memberIds.some((id) => heads.has(Number(id))));
    pillarIsHead = holdingHead.filter((c) => heads.has(Number(c.pillarId))).length / Math.max(1, holdingHead.length);
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    name,
    keywords: data.length,
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    peakMiB: process.resourceUsage().maxRSS / 1024,
    ari: adjustedRandIndex(truth, labels),
    groups,
    unclustered,
    pillarIsHead,
  };
}

function inChild(name: CaseName): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = fork(process.argv[1]!, [`--child=${name}`, ...process.argv.slice(2).filter((a) => a.startsWith('--'))], { execArgv: process.execArgv });
    child.once('message', (message) => resolve(message as Outcome));
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`case ${name} exited with ${code}`))));
  });
}

function table(outcomes: Outcome[]): string {
  const header = ['case', 'keywords', 'wall s', 'cpu s', 'peak MiB', 'ARI', 'clusters', 'unclustered', 'pillar=head'];
  const rows = outcomes.map((o) => [
    o.name, String(o.keywords), o.seconds.toFixed(2), o.cpuSeconds.toFixed(2), o.peakMiB.toFixed(0), o.ari.toFixed(3), String(o.groups), String(o.unclustered),
    o.pillarIsHead === null ? '-' : `${(o.pillarIsHead * 100).toFixed(0)}%`,
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main() {
  const child = process.argv.find((a) => a.startsWith('--child='));
  if (child) {
    process.send!(runCase(child.slice('--child='.length) as CaseName, optionsArg()));
    return;
  }
  const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  if (only.includes('quality') || (only.length === 0 && process.env.IGNY8_EVAL_DIR)) {
    const options = optionsArg();
    console.log(`quality, ${options.threshold !== undefined ? `threshold ${options.threshold}` : `granularity ${options.granularity ?? 'balanced'}`}\n`);
    console.log(qualityTable(qualitySets().map((set) => measure(set, options))));
    if (only.length === 1) return;
  }
  const names = only.length > 0 ? CASES.filter((c) => only.includes(c)) : CASES;
  const outcomes: Outcome[] = [];
  for (const name of names) {
    outcomes.push(await inChild(name));
    process.stdout.write(`${name} done\n`);
  }
  const options = optionsArg();
  console.log(`\n${options.threshold !== undefined ? `threshold ${options.threshold}` : `granularity ${options.granularity ?? 'balanced'}`}, node ${process.version}, ${os.availableParallelism()} cores, load ${os.loadavg()[0]!.toFixed(1)}\n`);
  console.log(table(outcomes));
  const fast = outcomes.find((o) => o.name === '5k');
  const naive = outcomes.find((o) => o.name === '5k all-pairs average');
  if (fast && naive) {
    console.log(
      `\n5k: all-pairs average linkage takes ${(naive.cpuSeconds / fast.cpuSeconds).toFixed(1)}× the CPU time ` +
        `(${naive.cpuSeconds.toFixed(2)} s vs ${fast.cpuSeconds.toFixed(2)} s), ARI ${naive.ari.toFixed(3)} vs ${fast.ari.toFixed(3)}`,
    );
    const big = outcomes.find((o) => o.name === '50k');
    if (big) {
      // Not run: the matrix alone would not fit. Quadratic growth from the 5k figure instead.
      const scale = (big.keywords / naive.keywords) ** 2;
      console.log(
        `50k all-pairs would need a ${((big.keywords ** 2 * 4) / 2 ** 30).toFixed(1)} GiB matrix and about ` +
          `${(naive.cpuSeconds * scale).toFixed(0)} s of CPU (${scale}× the 5k run), against ${big.cpuSeconds.toFixed(1)} s indexed`,
      );
    }
  }
}

await main();
