import { describe, expect, it } from 'vitest';
import { chunks, fatalOf, fixture, parseAll, utf16 } from './fixtures';
import { SNIFF_BYTES } from './decode';
import { CsvFatalError, parseKeywordCsv } from './parse-keywords';

const row = (fields: Record<string, unknown>) => expect.objectContaining(fields);

describe('exports of keyword tools', () => {
  const plannerText = fixture('keyword-planner.tsv').toString('utf8');
  const plannerRows = [
    // Ranges give their lower bound; CPC is the mean of the low and high top-of-page bids.
    row({ line: 4, keyword: 'running shoes', volume: 10_000, cpc: 0.84, difficulty: null, intent: null, country: null }),
    row({ line: 5, keyword: 'trail running shoes', volume: 1000, cpc: 1.1 }),
    row({ line: 6, keyword: 'best running shoes for flat feet', volume: 100, cpc: 2.1 }),
    row({ line: 7, keyword: 'laufschuhe für damen', volume: 12_100, cpc: 0.65 }),
    row({ line: 8, keyword: 'how to choose running shoes', volume: 0, cpc: null }),
  ];

  it('reads Google Keyword Planner: UTF-16 LE with BOM, tabs, two title lines, ranges', async () => {
    const file = utf16(plannerText, 'le');
    expect([...file.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    // Odd chunk sizes split UTF-16 code units across chunks.
    const { rows, errors } = await parseAll(file, undefined, 7);
    expect(errors).toEqual([]);
    expect(rows).toEqual(plannerRows);
  });

  it('reads the same export as UTF-16 BE, and as UTF-16 LE without a BOM', async () => {
    expect((await parseAll(utf16(plannerText, 'be'), undefined, 5)).rows).toEqual(plannerRows);
    expect((await parseAll(utf16(plannerText, 'le', false))).rows).toEqual(plannerRows);
  });

  it('reads Semrush: Keyword Difficulty, CPC (USD), intent words and letters', async () => {
    const { rows, errors } = await parseAll(fixture('semrush.csv'));
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      row({ line: 2, keyword: 'running shoes', intent: 'commercial', volume: 74_000, difficulty: 100, cpc: 0.95 }),
      row({ line: 3, keyword: 'nike running shoes', intent: 'navigational', volume: 40_500, difficulty: 85, cpc: 1.02 }),
      row({ line: 4, keyword: 'buy running shoes online', intent: 'transactional', volume: 1900, difficulty: 62, cpc: 1.58 }),
      row({ line: 5, keyword: 'how often to replace running shoes', intent: 'informational', difficulty: null, cpc: 0 }),
      // An intent we do not model is no reason to drop the keyword.
      row({ line: 6, keyword: 'running shoes brand', intent: null, volume: 880 }),
    ]);
  });

  it('reads Ahrefs: UTF-8 BOM, KD, Volume over Global volume, one column per intent', async () => {
    const file = fixture('ahrefs.csv');
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { rows, errors } = await parseAll(file);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      row({ line: 2, keyword: 'running shoes', country: 'US', difficulty: 76, volume: 74_000, cpc: 0.9, intent: 'commercial' }),
      row({ line: 3, keyword: 'running shoes women', volume: 33_000, intent: 'commercial' }),
      row({ line: 4, keyword: 'nike pegasus', intent: 'navigational' }),
      row({ line: 5, keyword: 'how to clean running shoes', cpc: null, intent: 'informational' }),
      row({ line: 6, keyword: 'running shoes near me', volume: 2400, intent: null }),
    ]);
  });

  it('reads European semicolon files: dotted thousands, decimal commas, currency signs', async () => {
    const { rows, errors } = await parseAll(fixture('european.csv'));
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      row({ line: 2, keyword: 'laufschuhe', volume: 1200, difficulty: 45, cpc: 0.8, intent: 'commercial', country: 'DE' }),
      row({ line: 3, keyword: 'laufschuhe damen', volume: 12_100, cpc: 1.05, intent: 'commercial', country: 'DE' }),
      row({ line: 4, keyword: 'laufschuhe test', volume: 880, cpc: 0.45, country: 'AT' }),
      row({ line: 5, keyword: 'trailrunning; schuhe', volume: 1300, cpc: 2.1, intent: 'transactional', country: 'CH' }),
      row({ line: 6, keyword: 'laufschuhe kaufen', volume: 2_345_000, difficulty: 61, cpc: 1000.5, intent: 'transactional' }),
    ]);
  });

  it('reads our own export, undoing the formula escaping', async () => {
    const { rows, errors } = await parseAll(fixture('export.csv'));
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { line: 2, keyword: 'running shoes', normalized: 'running shoes', volume: 74_000, difficulty: 76, cpc: 0.9, intent: 'commercial', country: 'US' },
      row({ line: 3, keyword: 'shoes, cheap', volume: 1200, cpc: 0.35 }),
      row({ line: 4, keyword: '=HYPERLINK("http://example.test")', volume: 10 }),
      row({ line: 5, keyword: '-5 off running shoes', volume: 0, difficulty: 0, cpc: 0, country: 'GB' }),
    ]);
  });
});

describe('bad rows', () => {
  it('reports each bad row with its physical line and reason while good rows keep flowing', async () => {
    const { events } = await parseAll(fixture('bad-rows.csv'));
    expect(events.map((e) => (e.ok ? `${e.row.line} ok ${e.row.keyword}` : `${e.error.line} ${e.error.message}`))).toEqual([
      '2 ok good one',
      '3 keyword is empty',
      '4 volume "-5" is negative',
      // The multi-line cell starts on line 5; the next row is on line 7.
      '5 volume "abc" is not a number',
      '7 difficulty "101" is not between 0 and 100',
      '9 ok good two',
      '10 country "Atlantis" is not a two-letter country code',
      '12 ok last good',
    ]);
  });

  it('counts CRLF line endings inside and outside quoted cells once, however the bytes are chunked', async () => {
    const csv = 'keyword,volume\r\n"a\r\nb\r\nc",1\r\nd,x\r\n\r\n"e\nf",2\r\ng,-1\r\n';
    const { events } = await parseAll(csv, undefined, 1);
    expect(events).toEqual([
      { ok: true, row: row({ line: 2, keyword: 'a b c' }) },
      { ok: false, error: { line: 5, message: 'volume "x" is not a number' } },
      { ok: true, row: row({ line: 7, keyword: 'e f' }) },
      { ok: false, error: { line: 9, message: 'volume "-1" is negative' } },
    ]);
  });

  it('rejects a 10 000-character cell on its line and carries on', async () => {
    const long = 'x'.repeat(10_000);
    const { events } = await parseAll(`keyword,volume\nfine,1\n${long},2\n"${long}",3\nafter,4\n`);
    expect(events).toEqual([
      { ok: true, row: row({ keyword: 'fine' }) },
      { ok: false, error: { line: 3, message: 'keyword is longer than 1000 characters' } },
      { ok: false, error: { line: 4, message: 'keyword is longer than 1000 characters' } },
      { ok: true, row: row({ line: 5, keyword: 'after' }) },
    ]);
  });

  it('ignores long cells in columns it does not read', async () => {
    const { rows } = await parseAll(`Keyword,SERP Features\nshoes,${'y'.repeat(5000)}\n`);
    expect(rows).toEqual([row({ keyword: 'shoes' })]);
  });

  it('limits keywords to 255 characters and collapses whitespace before counting', async () => {
    const at = 'k'.repeat(255);
    const { events } = await parseAll(`keyword\n  ${at}  \n${at}k\n\t many \u00a0 spaces\u200b \n`);
    expect(events).toEqual([
      { ok: true, row: row({ line: 2, keyword: at }) },
      { ok: false, error: { line: 3, message: 'keyword is longer than 255 characters' } },
      { ok: true, row: row({ line: 4, keyword: 'many spaces', normalized: 'many spaces' }) },
    ]);
  });

  it('names the column as the file does and lists every problem of a row', async () => {
    const { errors } = await parseAll('Keyword,Avg. monthly searches,KD\nshoes,lots,-3\n');
    expect(errors).toEqual([{ line: 2, message: 'Avg. monthly searches "lots" is not a number; KD "-3" is negative' }]);
  });

  it('refuses rows with more filled cells than the header, as an unquoted "1,200" makes', async () => {
    const { events } = await parseAll('keyword,volume,cpc\nshoes,1,200,0.5\ntrailing empties,5,1.5,,,\nboots,"1,200",0.5\n');
    expect(events).toEqual([
      { ok: false, error: { line: 2, message: 'the row has 4 cells but the header has 3; put cells that contain a comma in double quotes' } },
      { ok: true, row: row({ line: 3, volume: 5, cpc: 1.5 }) },
      { ok: true, row: row({ line: 4, volume: 1200, cpc: 0.5 }) },
    ]);
  });

  it('reports a quote left open at the end of the file on the line it opens, after the rows before it', async () => {
    const { events } = await parseAll('keyword,volume\nfine,1\n\n"never closed,2\nmore,3\n');
    expect(events).toEqual([
      { ok: true, row: row({ line: 2, keyword: 'fine' }) },
      { ok: false, error: { line: 4, message: expect.stringContaining('never closed') } },
    ]);
  });

  it('fails the file when an open quote runs on past any sane row length', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `keyword ${i},${i}`).join('\n');
    const err = await fatalOf(`keyword,volume\nfine,1\n"open,2\n${rows}\n`);
    expect(err).toBeInstanceOf(CsvFatalError);
    expect(err).toMatchObject({ code: 'malformed', message: expect.stringMatching(/^Line 3: .*never closed/) });
  });
});

describe('files that cannot be imported', () => {
  it('rejects an empty file, a BOM alone and blank lines as empty', async () => {
    for (const file of ['', '\ufeff', '\n\n  \r\n']) {
      expect(await fatalOf(file)).toMatchObject({ code: 'empty', message: 'The file is empty.' });
    }
    expect(await fatalOf(Buffer.alloc(0))).toBeInstanceOf(CsvFatalError);
  });

  it('rejects a header without rows as empty', async () => {
    for (const file of ['keyword,volume', 'keyword,volume\r\n', 'keyword,volume\n\n,\n']) {
      expect(await fatalOf(file)).toMatchObject({ code: 'empty', message: 'The file has a header row but no keyword rows.' });
    }
  });

  it('names the columns it found when none holds keywords', async () => {
    const err = await fatalOf('Term;Searches;Cost\nshoes;10;1\n');
    expect(err).toMatchObject({ code: 'no_keyword_column', columns: ['Term', 'Searches', 'Cost'] });
    expect((err as Error).message).toContain('"Term", "Searches", "Cost"');
  });

  it('looks for the header in the first ten lines only', async () => {
    const titles = Array.from({ length: 10 }, (_, i) => `title ${i}`).join('\n');
    expect(await fatalOf(`${titles}\nkeyword\nshoes\n`)).toMatchObject({ code: 'no_keyword_column' });
    const nine = Array.from({ length: 9 }, (_, i) => `title ${i}`).join('\n');
    expect((await parseAll(`${nine}\nkeyword\nshoes\n`)).rows).toEqual([row({ line: 11, keyword: 'shoes' })]);
  });

  it('rejects binary uploads: a workbook, NUL bytes in text', async () => {
    const xlsx = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00]);
    expect(await fatalOf(xlsx)).toMatchObject({ code: 'binary' });
    expect(await fatalOf('keyword\nshoes\u0000\n')).toMatchObject({ code: 'binary' });
    expect(await fatalOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00]))).toMatchObject({ code: 'binary' });
  });

  it('reads an Excel "CSV (Comma delimited)" file as Windows-1252, and says so', async () => {
    const file = fixture('excel-windows-1252.csv');
    let encoding: string | undefined;
    // Small chunks: the choice is made over the start of the file, not the first chunk.
    const { rows, errors } = await parseAll(file, { onEncoding: (e) => (encoding = e) }, 5);
    expect(encoding).toBe('windows-1252');
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      row({ line: 2, keyword: 'crème brûlée', volume: 1200, cpc: 0.8 }),
      row({ line: 3, keyword: 'café au lait', volume: 880 }),
      // Characters Windows-1252 has where ISO-8859-1 has control codes.
      row({ line: 4, keyword: 'bœuf bourguignon', volume: 500 }),
      row({ line: 5, keyword: '€ exchange rate', volume: 90 }),
    ]);
  });

  it('keeps a UTF-8 file with a few bad bytes as UTF-8 and reports the lines that hold them', async () => {
    let encoding: string | undefined;
    const { rows, errors } = await parseAll(fixture('utf8-stray-bytes.csv'), { onEncoding: (e) => (encoding = e) });
    expect(encoding).toBe('utf-8');
    expect(rows).toEqual([row({ line: 2, keyword: 'São Paulo', volume: 900 }), row({ line: 4, keyword: 'Rio de Janeiro', volume: 800 })]);
    expect(errors).toEqual([{ line: 3, message: expect.stringContaining('not valid UTF-8') }]);
    // A multi-byte character cut off at the end of a file that is otherwise UTF-8.
    const cut = await parseAll(Buffer.concat([Buffer.from('keyword\nSão Paulo\ncaf'), Buffer.from([0xc3])]));
    expect(cut.rows.map((r) => r.keyword)).toEqual(['São Paulo']);
    expect(cut.errors).toEqual([{ line: 3, message: expect.stringContaining('not valid UTF-8') }]);
  });

  it('decides between UTF-8 and Windows-1252 by the start of the file only', async () => {
    const ascii = Array.from({ length: 3000 }, (_, i) => `keyword ${i}`).join('\n');
    expect(ascii.length).toBeGreaterThan(SNIFF_BYTES / 4);
    const late = Buffer.concat([Buffer.from(`keyword\n${ascii.repeat(3)}\n`), Buffer.from('crème\n', 'latin1')]);
    let encoding: string | undefined;
    const { errors } = await parseAll(late, { onEncoding: (e) => (encoding = e) });
    // Nothing but ASCII in the first 64 KB: UTF-8, and the late legacy line is reported, not misread.
    expect(encoding).toBe('utf-8');
    expect(errors).toHaveLength(1);
  });

  it('rejects broken UTF-16 as badly encoded', async () => {
    const lone = Buffer.concat([utf16('keyword\nshoes', 'le'), Buffer.from([0x00, 0xd8]), utf16('\n', 'le', false)]);
    expect(await fatalOf(lone)).toMatchObject({ code: 'bad_encoding', message: expect.stringContaining('UTF-16LE') });
    const odd = Buffer.concat([utf16('keyword\nshoes\n', 'be'), Buffer.from([0x41])]);
    expect(await fatalOf(odd)).toMatchObject({ code: 'bad_encoding', message: expect.stringContaining('UTF-16BE') });
  });

  it('stops with too_large as soon as more than maxBytes arrived, without reading on', async () => {
    let pulled = 0;
    async function* endless() {
      yield Buffer.from('keyword\n');
      for (;;) {
        pulled++;
        yield Buffer.from('shoes\n'.repeat(100));
      }
    }
    const seen: unknown[] = [];
    const err = await (async () => {
      try {
        for await (const event of parseKeywordCsv(endless(), { maxBytes: 10_000 })) seen.push(event);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toMatchObject({ code: 'too_large', message: expect.stringContaining('10000 bytes') });
    expect(pulled).toBe(17); // 8 + 17 × 600 bytes is the first total over 10 000
  });
});

describe('delimiters and headers', () => {
  it('detects tab, semicolon and comma from the header, keeping quoted delimiters in cells', async () => {
    for (const [sep, file] of [
      ['tab', 'Keyword\tVolume\nshoes, cheap\t10\n'],
      ['semicolon', 'Keyword;Volume\n"shoes; cheap";10\n'],
      ['comma', 'Keyword,Volume\n"shoes, cheap",10\n'],
    ]) {
      const { rows } = await parseAll(file!);
      expect(rows, sep).toEqual([row({ keyword: expect.stringMatching(/^shoes[,;] cheap$/), volume: 10 })]);
    }
  });

  it('keeps commas in a one-column list of keywords', async () => {
    const { rows } = await parseAll('keywords\nshoes, cheap\nrunning shoes\n');
    expect(rows.map((r) => r.keyword)).toEqual(['shoes, cheap', 'running shoes']);
  });

  it('matches header names without case, spaces or punctuation, in any order', async () => {
    const { rows } = await parseAll('COUNTRY ,  C.P.C , key-word,Search Volume,Keyword Difficulty,search_intent\nus,1.5,shoes,10,20,i\n');
    expect(rows).toEqual([{ line: 2, keyword: 'shoes', normalized: 'shoes', volume: 10, difficulty: 20, cpc: 1.5, intent: 'informational', country: 'US' }]);
  });

  it('does not let a stray quote in a title line swallow the data', async () => {
    const { rows } = await parseAll('Report "shoes\nAll locations\nkeyword,volume\nshoes,1\n');
    expect(rows).toEqual([row({ line: 4, keyword: 'shoes', volume: 1 })]);
  });
});

describe('streaming', () => {
  it('stops reading the source when the reader stops early', async () => {
    let pulledBytes = 0;
    let closed = false;
    async function* source() {
      try {
        yield Buffer.from('keyword\n');
        for (let i = 0; i < 100_000; i++) {
          const chunk = Buffer.from(`kw ${i}\n`);
          pulledBytes += chunk.length;
          yield chunk;
        }
      } finally {
        closed = true;
      }
    }
    for await (const event of parseKeywordCsv(source())) {
      expect(event.ok).toBe(true);
      break;
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(true);
    // Read-ahead is the window that decides the encoding, the parser's stream buffer (16 KiB) and a
    // few chunks, not the 1 MB file.
    expect(pulledBytes).toBeLessThan(SNIFF_BYTES + 64 * 1024);
  });

  it('accepts any chunking, down to single bytes of multi-byte characters', async () => {
    const text = 'keyword,volume\nçà et là,1\n日本語 キーワード,2\n🏃 shoes,3\n';
    const whole = await parseAll(text, undefined, 1 << 20);
    const bytewise = await parseAll(text, undefined, 1);
    expect(bytewise.rows).toEqual(whole.rows);
    expect(whole.rows.map((r) => r.keyword)).toEqual(['çà et là', '日本語 キーワード', '🏃 shoes']);
  });

  it('is a plain async generator over any async iterable of bytes', async () => {
    const events = [];
    for await (const e of parseKeywordCsv(chunks(new TextEncoder().encode('keyword\nshoes\n')))) events.push(e);
    expect(events).toHaveLength(1);
  });
});
