import { Worker } from 'node:worker_threads';
import { CsvFatalError, type CsvFatalCode } from '../csv/parse-keywords';
import type { ParseBatchOptions, ParsedBatch, ParseTally } from './import-parse';

/** The tally as the thread sends it: its counts and encoding, and only the bad lines not yet sent. */
export type TallyNews = ParseTally;

/** From the thread: it wants the next piece of the file, or has news. */
export type FromThread =
  | { kind: 'need' }
  | ({ kind: 'progress' } & TallyNews)
  | ({ kind: 'batch'; batch: ParsedBatch } & TallyNews)
  | ({ kind: 'done' } & TallyNews)
  | { kind: 'fatal'; code: CsvFatalCode; message: string; columns?: readonly string[] }
  | { kind: 'failed'; message: string };

/** To the thread: a piece of the file, its end, or leave to parse the batch after the one it sent. */
export type ToThread = { kind: 'piece'; bytes: Uint8Array } | { kind: 'end' } | { kind: 'go' };

export type ThreadOptions = Omit<ParseBatchOptions, 'onProgress'>;

// Parsing a million rows makes gigabytes of short-lived objects. In a thread of its own, with a
// small young generation, they stay out of the service's heap, and the seconds of CPU off the
// event loop that serves requests.
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 256 };

/**
 * parseImportBatches run in a worker thread: the same batches and the same tally, with the file
 * handed to the thread piece by piece as it asks and one batch parsed ahead. Closing the generator
 * early stops the thread.
 */
export async function* parseImportBatchesInThread(
  source: AsyncIterable<Uint8Array>,
  opts: ParseBatchOptions,
  tally: ParseTally,
): AsyncGenerator<ParsedBatch> {
  const { onProgress, ...threadOptions } = opts;
  const worker = new Worker(new URL('./import-thread-entry.mjs', import.meta.url), { workerData: threadOptions satisfies ThreadOptions, resourceLimits: RESOURCE_LIMITS });
  const pieces = source[Symbol.asyncIterator]();
  const inbox: (FromThread | { kind: 'crashed'; err: unknown })[] = [];
  let wake: (() => void) | undefined;
  const deliver = (m: (typeof inbox)[number]) => {
    inbox.push(m);
    wake?.();
  };
  const send = (m: ToThread, transfer: ArrayBuffer[] = []) => worker.postMessage(m, transfer);
  async function feed() {
    try {
      const next = await pieces.next();
      if (next.done) return send({ kind: 'end' });
      // A copy of its own, moved to the thread: posting a view would copy the whole buffer under it.
      const bytes = new Uint8Array(next.value);
      send({ kind: 'piece', bytes }, [bytes.buffer]);
    } catch (err) {
      deliver({ kind: 'crashed', err });
    }
  }
  worker.on('message', (m: FromThread) => (m.kind === 'need' ? void feed() : deliver(m)));
  worker.on('error', (err) => deliver({ kind: 'crashed', err }));
  worker.on('exit', (code) => deliver({ kind: 'crashed', err: new Error(`the import's parsing thread stopped with code ${code}`) }));
  try {
    for (;;) {
      while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const m = inbox.shift()!;
      switch (m.kind) {
        case 'progress':
          take(tally, m);
          await onProgress?.(tally);
          break;
        case 'batch':
          take(tally, m);
          yield m.batch;
          send({ kind: 'go' });
          break;
        case 'done':
          take(tally, m);
          return;
        case 'fatal':
          throw new CsvFatalError(m.code, m.message, m.columns);
        case 'failed':
          throw new Error(m.message);
        case 'crashed':
          throw m.err;
      }
    }
  } finally {
    worker.removeAllListeners('exit');
    await worker.terminate();
    await pieces.return?.();
  }
}

function take(tally: ParseTally, news: TallyNews) {
  tally.good = news.good;
  tally.bad = news.bad;
  tally.repeats = news.repeats;
  tally.encoding = news.encoding;
  tally.errors.push(...news.errors);
}
