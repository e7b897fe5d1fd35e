/**
 * Labelled short-text sets nobody here generated, read from IGNY8_EVAL_DIR (none of their text is
 * kept in this repository). Each loader names its source; to get the files, fetch the repository and
 * copy the file under the name given:
 *
 *   stackoverflow   20 000 question titles, 20 tags           jacoxu/STC2 dataset/StackOverflow.txt
 *                                                             and dataset/StackOverflow_gnd.txt
 *   searchsnippets  12 340 web search snippets, 8 domains     jacoxu/STC2 dataset/SearchSnippets.txt, _gnd.txt
 *   biomedical      20 000 paper titles, 20 MeSH topics       jacoxu/STC2 dataset/Biomedical.txt, _gnd.txt
 *   tweet           2 472 tweets, 89 TREC microblog queries   junyachen/GSDMM Tweet, saved as Tweet.jsonl
 *   banking77       10 003 banking queries, 77 intents        PolyAI-LDN/task-specific-datasets
 *                                                             banking_data/train.csv, saved as banking77-train.csv
 *   clinc150        4 500 assistant queries, 150 intents      clinc/oos-eval data/data_full.json ("test"),
 *                                                             saved as clinc150-data_full.json
 *   seo-planner-seeds  15 834 real search keywords: Google Ads Keyword Planner "keyword ideas" exports
 *                   for 16 seed terms (bathroom and kitchen fittings, India), labelled by the seed they
 *                   were asked for; keywords given for more than one seed are left out
 *                                                             JellyTheFish29/alex-and-arms
 *                                                             seo/keyword-research/keyword_run_2.0/Dump/*-wide.csv
 *                                                             (UTF-16 as the Planner saves them), into keyword-planner/
 *   seo-page-mapping   1 192 of those keywords mapped by an SEO to 9 site pages (the catch-all brand
 *                   group left out)                           JellyTheFish29/alex-and-arms
 *                                                             seo/keyword-research/output_1.0/PAGE_KEYWORD_MAPPING_DRAFT.csv
 *   *.tsv           hand-labelled keywords, one "label<TAB>keyword" a line (any file name ending .tsv)
 *   *.vectors.jsonl texts with a label AND the vector a real embedding model gave them, one JSON object
 *                   {"text", "label", "vector"} a line; bench/cluster-dense.ts clusters these by their
 *                   vectors (the provider path) next to their words (see there for the sets measured
 *                   and how each file was made from its source)
 *
 * e.g. `git --git-dir=<snapshot of jacoxu/STC2> show HEAD:dataset/StackOverflow.txt > $IGNY8_EVAL_DIR/StackOverflow.txt`.
 * A set whose files are missing is skipped.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

export type EvalSet = {
  name: string; source: string; texts: string[]; labels: Array<string | number>;
  /** One vector per text from a real embedding model, when the set carries them. */
  vectors?: number[][];
};

const lines = (file: string) => readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);

/** Two line-aligned files, texts and their numeric labels (the STC2 layout). */
function aligned(dir: string, name: string, source: string, stem: string): EvalSet | null {
  const textFile = path.join(dir, `${stem}.txt`);
  const labelFile = path.join(dir, `${stem}_gnd.txt`);
  if (!existsSync(textFile) || !existsSync(labelFile)) return null;
  const labels = lines(labelFile).filter((l) => l.trim() !== '');
  const texts = lines(textFile).slice(0, labels.length);
  return { name, source, texts, labels };
}

function tweet(dir: string): EvalSet | null {
  const file = path.join(dir, 'Tweet.jsonl');
  if (!existsSync(file)) return null;
  const rows = lines(file).filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as { text: string; cluster: number });
  return { name: 'tweet', source: 'junyachen/GSDMM Tweet', texts: rows.map((r) => r.text), labels: rows.map((r) => r.cluster) };
}

function banking77(dir: string): EvalSet | null {
  const file = path.join(dir, 'banking77-train.csv');
  if (!existsSync(file)) return null;
  const rows = parse(readFileSync(file), { columns: true }) as Array<{ text: string; category: string }>;
  return { name: 'banking77', source: 'PolyAI-LDN/task-specific-datasets banking_data/train.csv', texts: rows.map((r) => r.text), labels: rows.map((r) => r.category) };
}

function clinc150(dir: string): EvalSet | null {
  const file = path.join(dir, 'clinc150-data_full.json');
  if (!existsSync(file)) return null;
  const rows = (JSON.parse(readFileSync(file, 'utf8')) as { test: Array<[string, string]> }).test;
  return { name: 'clinc150', source: 'clinc/oos-eval data/data_full.json (test)', texts: rows.map((r) => r[0]), labels: rows.map((r) => r[1]) };
}

/** Keyword Planner "keyword ideas" exports, one per seed (`<seed>-wide.csv`): UTF-16, two title lines, then a tab-separated table. */
function plannerSeeds(dir: string): EvalSet | null {
  const folder = path.join(dir, 'keyword-planner');
  if (!existsSync(folder)) return null;
  const seeds = new Map<string, Set<string>>();
  for (const file of readdirSync(folder).filter((f) => f.endsWith('-wide.csv')).sort()) {
    const seed = file.slice(0, -'-wide.csv'.length);
    const text = new TextDecoder('utf-16le').decode(readFileSync(path.join(folder, file))).replace(/^\uFEFF/, '');
    for (const line of text.split(/\r?\n/).slice(3)) {
      const keyword = line.split('\t')[0]!.trim();
      if (keyword) (seeds.get(keyword) ?? seeds.set(keyword, new Set()).get(keyword)!).add(seed);
    }
  }
  const kept = [...seeds].filter(([, of]) => of.size === 1);
  return {
    name: 'seo-planner-seeds',
    source: 'JellyTheFish29/alex-and-arms seo/keyword-research/keyword_run_2.0/Dump/*-wide.csv',
    texts: kept.map(([keyword]) => keyword),
    labels: kept.map(([, of]) => [...of][0]!),
  };
}

function pageMapping(dir: string): EvalSet | null {
  const file = path.join(dir, 'PAGE_KEYWORD_MAPPING_DRAFT.csv');
  if (!existsSync(file)) return null;
  const rows = (parse(readFileSync(file), { columns: true }) as Array<{ mapped_page: string; keyword: string }>).filter((r) => !r.mapped_page.startsWith('Brand Keywords'));
  return {
    name: 'seo-page-mapping',
    source: 'JellyTheFish29/alex-and-arms seo/keyword-research/output_1.0/PAGE_KEYWORD_MAPPING_DRAFT.csv',
    texts: rows.map((r) => r.keyword),
    labels: rows.map((r) => r.mapped_page),
  };
}

function handLabelled(dir: string): EvalSet[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.tsv'))
    .sort()
    .map((f) => {
      const rows = lines(path.join(dir, f)).map((l) => l.split('\t')).filter((r) => r.length >= 2 && r[1]!.trim() !== '');
      return { name: f.replace(/\.tsv$/, ''), source: `hand-labelled ${f}`, texts: rows.map((r) => r[1]!), labels: rows.map((r) => r[0]!) };
    });
}

/** Sets that carry their own embedding vectors (`<name>.vectors.jsonl`), smallest first. */
export function loadVectorSets(dir: string): EvalSet[] {
  if (!existsSync(dir)) throw new Error(`IGNY8_EVAL_DIR ${dir} does not exist`);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.vectors.jsonl'))
    .sort()
    .map((f) => {
      const rows = lines(path.join(dir, f)).filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as { text: string; label: string | number; vector: number[] });
      return { name: f.slice(0, -'.vectors.jsonl'.length), source: `vectors ${f}`, texts: rows.map((r) => r.text), labels: rows.map((r) => r.label), vectors: rows.map((r) => r.vector) };
    })
    .sort((a, b) => a.texts.length - b.texts.length);
}

/** Every set found in the directory, smallest first. */
export function loadEvalSets(dir: string): EvalSet[] {
  if (!existsSync(dir)) throw new Error(`IGNY8_EVAL_DIR ${dir} does not exist`);
  const found = [
    ...handLabelled(dir),
    plannerSeeds(dir),
    pageMapping(dir),
    tweet(dir),
    clinc150(dir),
    banking77(dir),
    aligned(dir, 'searchsnippets', 'jacoxu/STC2 dataset/SearchSnippets.txt', 'SearchSnippets'),
    aligned(dir, 'stackoverflow', 'jacoxu/STC2 dataset/StackOverflow.txt', 'StackOverflow'),
    aligned(dir, 'biomedical', 'jacoxu/STC2 dataset/Biomedical.txt', 'Biomedical'),
  ];
  return found.filter((s): s is EvalSet => s !== null).sort((a, b) => a.texts.length - b.texts.length);
}
