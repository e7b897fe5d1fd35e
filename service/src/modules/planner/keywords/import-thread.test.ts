import { describe, expect, it } from 'vitest';
import { newTally, parseImportBatches, type ParseBatchOptions, type ParsedBatch } from './import-parse';
import { parseImportBatchesInThread } from './import-thread';

/** A file of `rows` keyword lines (every tenth bad, every hundredth repeats the line before), in 4 KB pieces. */
function file(rows: number) {
  let text = 'Keyword,Volume,KD\n';
  for (let i = 0; i < rows; i++) text += i % 10 === 9 ? `bad ${i},-5,\n` : `keyword ${i % 100 === 55 ? i - 1 : i},${i},${i % 101}\n`;
  const bytes = new TextEncoder().encode(text);
  return async function* () {
    for (let at = 0; at < bytes.length; at += 4096) yield bytes.subarray(at, at + 4096);
  };
}

/**
 * The batches' text and counts, read as importKeywords reads them: the next batch is asked for
 * before this one's text is used, `pause` ms later, as a database insert would take.
 */
async function collect(batches: AsyncGenerator<ParsedBatch>, pause = 0) {
  const out: { text: string; rows: number; repeats: number }[] = [];
  let next = batches.next();
  for (;;) {
    const { value: b, done } = await next;
    if (done) break;
    next = batches.next();
    next.catch(() => {});
    if (pause) await new Promise((r) => setTimeout(r, pause));
    out.push({ text: Buffer.from(b.text).toString(), rows: b.rows, repeats: b.repeats });
  }
  return out;
}

describe('parsing an import in a thread', () => {
  it('gives the batches and the tally that parsing in the process gives, with progress on the way', async () => {
    const source = file(30_000);
    const progress: number[][] = [[], []];
    const opts = (i: number): ParseBatchOptions => ({ maxBytes: 1 << 24, batchRows: 1000, progressEvery: 5000, onProgress: (t) => void progress[i]!.push(t.good + t.bad) });
    const here = newTally();
    const there = newTally();
    const inProcess = await collect(parseImportBatches(source(), opts(0), here));
    // The pauses let the parser read pieces ahead while a batch waits to be taken.
    const inThread = await collect(parseImportBatchesInThread(source(), opts(1), there), 5);
    expect(inProcess.reduce((n, b) => n + b.rows, 0)).toBe(27_000);
    // Each batch's text is still whole when it is read, although the parser has gone on meanwhile.
    const keywords = inProcess.flatMap((b) => b.text.split('\n').slice(0, -1).map((line) => line.split('\t')[1]));
    const expected = Array.from({ length: 30_000 }, (_, i) => i).filter((i) => i % 10 !== 9).map((i) => `keyword ${i % 100 === 55 ? i - 1 : i}`);
    expect(keywords).toEqual(expected);
    expect(inThread).toEqual(inProcess);
    expect(there).toEqual(here);
    expect(here).toMatchObject({ good: 27_000, bad: 3000, repeats: true, encoding: 'utf-8' });
    expect(here.errors).toHaveLength(1000);
    expect(progress[1]).toEqual(progress[0]);
    expect(progress[0]).toEqual([5000, 10_000, 15_000, 20_000, 25_000, 30_000]);
  });

  it('throws the file’s fatal error as parsing in the process does', async () => {
    async function* binary() {
      yield new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0, 0]);
    }
    const batches = parseImportBatchesInThread(binary(), { maxBytes: 1 << 20, batchRows: 10, progressEvery: 10 }, newTally());
    await expect(collect(batches)).rejects.toMatchObject({ name: 'CsvFatalError', code: 'binary' });
  });

  it('stops the thread and the file when the reader stops early', async () => {
    let closed = false;
    const source = file(20_000);
    async function* watched() {
      try {
        yield* source();
      } finally {
        closed = true;
      }
    }
    const batches = parseImportBatchesInThread(watched(), { maxBytes: 1 << 24, batchRows: 100, progressEvery: 1000 }, newTally());
    const first = await batches.next();
    expect(first.value?.rows).toBe(100);
    await batches.return(undefined);
    expect(closed).toBe(true);
  });
});
