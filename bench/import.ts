// CSV import at scale: a 1 M-row keyword CSV through POST /planner/keywords/import (a job, polled
// to the end, for a file this size), against two `psql \copy` baselines: the CSV into a plain table
// without indexes, and the same rows as the import stores them into a table with the keywords
// table's own schema (`like keywords including all`: its indexes, defaults and checks), which is
// the limit the schema sets, run before and after the API. Prints the service's peak RSS.
//   npx tsx bench/import.ts [rows]
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { benchDatabase, BENCH_ENV } from './bench-db';
import { startService } from './http-load';
import { benchAccount } from './keyword-data';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const INTENTS = ['informational', 'navigational', 'commercial', 'transactional'];
const WORDS = ['best', 'cheap', 'running', 'shoes', 'coffee', 'grinder', 'yoga', 'mat', 'review', 'near', 'me', 'how', 'to', 'for', 'women'];

const volumeOf = (i: number) => (i * 37) % 90000;
const keywordOf = (i: number) => `${[WORDS[i % 15], WORDS[(i * 7) % 15], WORDS[(i * 13) % 15]].join(' ')} ${i}`;

/** Writes `line(i)` for every row, in 64 KB pieces. */
async function writeFile(file: string, head: string, line: (i: number) => string) {
  const out = createWriteStream(file);
  out.write(head);
  let chunk = '';
  for (let i = 0; i < ROWS; i++) {
    chunk += line(i);
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

function post(port: number, path: string, token: string, file: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path, headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(body) }));
    });
    req.on('error', reject);
    createReadStream(file).pipe(req);
  });
}

async function get(port: number, path: string, token: string): Promise<any> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return res.json();
}

const dir = mkdtempSync(join(tmpdir(), 'igny8-import-'));
const file = join(dir, 'keywords.csv');
await writeFile(file, 'Keyword,Search Volume,Keyword Difficulty,CPC,Intent\n', (i) =>
  `${keywordOf(i)},"${volumeOf(i).toLocaleString('en-US')}",${i % 101},${((i % 500) / 100).toFixed(2)},${INTENTS[i % 4]}\n`);
const size = statSync(file).size;
const db = await benchDatabase({ IGNY8_MAX_IMPORT_BYTES: String(1024 * 1024 * 1024) });
const sql = db.deps.db.owner;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
try {
  const at = await benchAccount(sql, 'Importer');

  // ---- baseline 1: psql \copy of the CSV into a plain table (no indexes, no parsing beyond CSV)
  await sql`create table plain_import (keyword text, volume text, difficulty int, cpc numeric, intent text)`;
  let t = performance.now();
  execFileSync('psql', [db.url, '-q', '-c', `\\copy plain_import from '${file}' with (format csv, header true)`]);
  const plainMs = performance.now() - t;

  // ---- baseline 2: the rows as the import stores them, into a table with the keywords table's schema
  const rowsFile = join(dir, 'keywords.tsv');
  await writeFile(rowsFile, '', (i) =>
    `${at.accountId}\t${at.siteId}\t${at.sectorId}\t${keywordOf(i)}\t${keywordOf(i)}\t${volumeOf(i)}\t${i % 101}\t${((i % 500) / 100).toFixed(2)}\t${INTENTS[i % 4]}\n`);
  // The machine's speed drifts by a fifth within minutes: the same-schema copy runs before and
  // after the API, which is compared against their mean.
  const sameSchemaCopy = async () => {
    await sql`create table same_schema (like keywords including all)`;
    const start = performance.now();
    execFileSync('psql', [db.url, '-q', '-c', `\\copy same_schema (account_id, site_id, sector_id, keyword, normalized, volume, difficulty, cpc, intent) from '${rowsFile}'`]);
    const ms = performance.now() - start;
    await sql`drop table same_schema`;
    return ms;
  };
  const schemaBeforeMs = await sameSchemaCopy();

  // ---- the API, served by a separate process (with its in-process worker) whose memory we read
  const [user] = await sql`insert into users (account_id, email, role) values (${at.accountId}, 'importer@example.com', 'owner') returning id`;
  const [session] = await sql`insert into auth_sessions (account_id, user_id) values (${at.accountId}, ${user!.id}) returning id`;
  const token = await db.deps.tokens.access({ userId: user!.id, accountId: at.accountId, role: 'owner', sessionId: session!.id });
  const service = await startService(db.url, { ...BENCH_ENV, IGNY8_WORKER: 'in-process', IGNY8_MAX_IMPORT_BYTES: String(1024 * 1024 * 1024) });
  const idleRss = service.peakRssMb();
  t = performance.now();
  const answer = await post(service.port, `/api/v1/planner/keywords/import?sector_id=${at.sectorId}`, token, file);
  const answeredMs = performance.now() - t;
  let result = answer.body.data;
  if (answer.status === 202) {
    for (;;) {
      const state = (await get(service.port, answer.body.data.status_url, token)).data;
      if (state.status === 'failed') throw new Error(state.error);
      if (state.status === 'succeeded') {
        result = state.result;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const apiMs = performance.now() - t;
  if (result.created !== ROWS) throw new Error(`the import created ${result.created} keywords of ${ROWS}`);
  const peak = service.peakRssMb();
  await service.stop();
  const schemaAfterMs = await sameSchemaCopy();
  const schemaMs = (schemaBeforeMs + schemaAfterMs) / 2;

  console.log(`file: ${ROWS} rows, ${(size / 1024 / 1024).toFixed(1)} MB`);
  console.log(`psql \\copy into a plain table            : ${seconds(plainMs)}`);
  console.log(`psql \\copy into a keywords-schema table  : ${seconds(schemaBeforeMs)} before the API, ${seconds(schemaAfterMs)} after, ${seconds(schemaMs)} mean`);
  console.log(`POST /planner/keywords/import (${answer.status}) : ${seconds(apiMs)}${answer.status === 202 ? ` (answered in ${seconds(answeredMs)}, then the job)` : ''}` +
    `  (created ${result.created}, updated ${result.updated}, skipped ${result.skipped}, errors ${result.errors.length})`);
  console.log(`ratio API / plain \\copy: ${(apiMs / plainMs).toFixed(2)}x; API / same-schema \\copy (mean): ${(apiMs / schemaMs).toFixed(2)}x`);
  console.log(`service peak RSS: ${peak.toFixed(0)} MB (${idleRss.toFixed(0)} MB after start-up)`);
} finally {
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
}
