// CSV import at scale: a 1 M-row keyword CSV streamed through POST /planner/keywords/import,
// against `psql \copy` of the same file into a plain table, with the service's peak RSS.
//   npx tsx bench/import.ts [rows]
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, statSync } from 'node:fs';
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

async function writeCsv(file: string) {
  const out = createWriteStream(file);
  out.write('Keyword,Search Volume,Keyword Difficulty,CPC,Intent\n');
  let chunk = '';
  for (let i = 0; i < ROWS; i++) {
    const words = [WORDS[i % 15], WORDS[(i * 7) % 15], WORDS[(i * 13) % 15]].join(' ');
    chunk += `${words} ${i},"${((i * 37) % 90000).toLocaleString('en-US')}",${i % 101},${((i % 500) / 100).toFixed(2)},${INTENTS[i % 4]}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

const dir = mkdtempSync(join(tmpdir(), 'igny8-import-'));
const file = join(dir, 'keywords.csv');
await writeCsv(file);
const size = statSync(file).size;
const db = await benchDatabase({ IGNY8_MAX_IMPORT_BYTES: String(1024 * 1024 * 1024) });
const sql = db.deps.db.owner;
try {
  // ---- baseline: psql \copy into a plain table (no indexes, no parsing beyond CSV)
  await sql`create table plain_import (keyword text, volume text, difficulty int, cpc numeric, intent text)`;
  let t = performance.now();
  execFileSync('psql', [db.url, '-q', '-c', `\\copy plain_import from '${file}' with (format csv, header true)`]);
  const copyMs = performance.now() - t;

  // ---- the API, served by a separate process whose memory we read
  const at = await benchAccount(sql, 'Importer');
  const [user] = await sql`insert into users (account_id, email, role) values (${at.accountId}, 'importer@example.com', 'owner') returning id`;
  const [session] = await sql`insert into auth_sessions (account_id, user_id) values (${at.accountId}, ${user!.id}) returning id`;
  const token = await db.deps.tokens.access({ userId: user!.id, accountId: at.accountId, role: 'owner', sessionId: session!.id });
  const service = await startService(db.url, { ...BENCH_ENV, IGNY8_MAX_IMPORT_BYTES: String(1024 * 1024 * 1024) });
  const idleRss = service.peakRssMb();
  t = performance.now();
  const answer = await new Promise<string>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: service.port, method: 'POST', path: `/api/v1/planner/keywords/import?sector_id=${at.sectorId}`, headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' } },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve(body));
      },
    );
    req.on('error', reject);
    createReadStream(file).pipe(req);
  });
  const apiMs = performance.now() - t;
  const peak = service.peakRssMb();
  await service.stop();
  const result = JSON.parse(answer).data;

  console.log(`file: ${ROWS} rows, ${(size / 1024 / 1024).toFixed(1)} MB`);
  console.log(`psql \\copy into a plain table : ${(copyMs / 1000).toFixed(2)} s`);
  console.log(`POST /planner/keywords/import : ${(apiMs / 1000).toFixed(2)} s  (created ${result.created}, updated ${result.updated}, skipped ${result.skipped}, errors ${result.errors.length})`);
  console.log(`ratio API / psql: ${(apiMs / copyMs).toFixed(2)}x`);
  console.log(`service peak RSS: ${peak.toFixed(0)} MB (${idleRss.toFixed(0)} MB after start-up)`);
} finally {
  await db.drop();
}
