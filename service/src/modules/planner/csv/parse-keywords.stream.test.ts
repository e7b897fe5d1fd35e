import { expect, it } from 'vitest';
import { parseKeywordCsv } from './parse-keywords';

const ROWS = 200_000;
const ROWS_PER_CHUNK = 500;
const CHUNKS = ROWS / ROWS_PER_CHUNK;

it('streams a 200 000-row file: rows come out while the source is still being read, with bounded read-ahead', async () => {
  let pulled = 0; // chunks of rows handed to the parser so far
  async function* source() {
    yield Buffer.from('keyword,volume,difficulty,cpc,intent,country\n');
    for (let c = 0; c < CHUNKS; c++) {
      pulled++;
      let text = '';
      for (let r = c * ROWS_PER_CHUNK; r < (c + 1) * ROWS_PER_CHUNK; r++) {
        const volume = r % 50_000 === 7 ? 'bad' : String(r);
        text += `keyword number ${r},${volume},${r % 101},${(r % 500) / 100},commercial,US\n`;
      }
      yield Buffer.from(text);
    }
  }

  let rows = 0;
  let misread = 0;
  let pulledAtFirstRow = 0;
  let maxReadAhead = 0;
  const errors: { line: number; message: string }[] = [];
  for await (const event of parseKeywordCsv(source())) {
    const index = (event.ok ? event.row.line : event.error.line) - 2;
    // How many chunks past the one holding this row the parser has already taken.
    maxReadAhead = Math.max(maxReadAhead, pulled - (Math.floor(index / ROWS_PER_CHUNK) + 1));
    if (!event.ok) {
      errors.push(event.error);
      continue;
    }
    if (rows === 0) pulledAtFirstRow = pulled;
    if (event.row.keyword !== `keyword number ${index}` || event.row.volume !== index) misread++;
    rows++;
  }

  expect(rows + errors.length).toBe(ROWS);
  expect(misread).toBe(0);
  expect(errors).toEqual([7, 50_007, 100_007, 150_007].map((r) => ({ line: r + 2, message: 'volume "bad" is not a number' })));
  expect(pulledAtFirstRow).toBeLessThan(CHUNKS / 10);
  // Memory stays flat: the parser never holds more than a few chunks (each ~25 KB) ahead of the reader.
  expect(maxReadAhead).toBeLessThan(32);
}, 120_000); // a generous bound for a loaded machine, not a speed requirement
