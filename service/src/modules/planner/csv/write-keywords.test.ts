import { describe, expect, it } from 'vitest';
import { fixture, parseAll } from './fixtures';
import { csvRow, EXPORT_COLUMNS } from './write-keywords';

describe('csvRow', () => {
  it('quotes per RFC 4180 and ends lines with CRLF', () => {
    expect(csvRow(['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\rhere'])).toBe(
      'plain,"a,b","say ""hi""","two\nlines","cr\rhere"\r\n',
    );
  });

  it('writes empty cells for null and undefined, numbers as numbers, negatives unescaped', () => {
    expect(csvRow([null, undefined, 0, -5, 1.25, Number.NaN, 10n, true])).toBe(',,0,-5,1.25,,10,true\r\n');
  });

  it('escapes text a spreadsheet would run as a formula, including numeric-looking strings', () => {
    expect(csvRow(['=1+2', '+1', '-1', '@SUM(A1)', '\tx', '\rx', 'safe-text'])).toBe(
      `'=1+2,'+1,'-1,'@SUM(A1),'\tx,"'\rx",safe-text\r\n`,
    );
    expect(csvRow(['=HYPERLINK("http://evil.test","click")'])).toBe(`"'=HYPERLINK(""http://evil.test"",""click"")"\r\n`);
  });

  it('writes exactly the committed export fixture', () => {
    const file =
      csvRow(EXPORT_COLUMNS) +
      csvRow(['running shoes', 74_000, 76, 0.9, 'commercial', 'US', 'mapped', 'Running shoes']) +
      csvRow(['shoes, cheap', 1200, null, 0.35, null, null, 'new', null]) +
      csvRow(['=HYPERLINK("http://example.test")', 10, null, null, null, null, 'new', null]) +
      csvRow(['-5 off running shoes', 0, 0, 0, 'transactional', 'GB', 'new', 'Deals "2024"']);
    expect(file).toBe(fixture('export.csv').toString('utf8'));
  });
});

describe('export round trip', () => {
  it('reads back every keyword and figure it wrote, whatever the text', async () => {
    const keywords = [
      '=SUM(A1:A9)',
      '+49 phone shoes',
      '-shoes',
      '@shoes',
      "'=looks escaped",
      "''+twice",
      "rock 'n' roll shoes",
      'shoes, cheap; fast',
      'the "best" shoes',
      'ünïcödé 日本語 🏃',
    ];
    const written = [
      // A byte order mark lets spreadsheets open the UTF-8 export with the right characters.
      '\ufeff',
      csvRow(EXPORT_COLUMNS),
      ...keywords.map((keyword, i) => csvRow([keyword, i * 1000, i * 10, i / 4, 'informational', 'FR', 'new', `cluster ${i}`])),
    ].join('');
    const { rows, errors } = await parseAll(written, undefined, 5);
    expect(errors).toEqual([]);
    expect(rows).toEqual(
      keywords.map((keyword, i) => ({
        line: i + 2,
        keyword,
        normalized: keyword.toLowerCase(),
        volume: i * 1000,
        difficulty: i * 10,
        cpc: i / 4,
        intent: 'informational',
        country: 'FR',
      })),
    );
  });
});
