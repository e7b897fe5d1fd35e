import { parentPort, workerData } from 'node:worker_threads';
import { CsvFatalError } from '../csv/parse-keywords';
import { newTally, parseImportBatches } from './import-parse';
import type { FromThread, TallyNews, ThreadOptions, ToThread } from './import-thread';

// The parsing thread of parseImportBatchesInThread: asks for the file piece by piece, and after
// each batch it sends waits for leave to parse the next.
const port = parentPort!;
const options = workerData as ThreadOptions;
const tally = newTally();
let sentErrors = 0;

// The parser reads ahead of the batches, so a piece may be asked for while a batch waits for leave:
// each kind of answer has its own queue of waiters.
const waiting = { piece: [] as ((m: ToThread) => void)[], go: [] as ((m: ToThread) => void)[] };
port.on('message', (m: ToThread) => (m.kind === 'go' ? waiting.go : waiting.piece).shift()?.(m));
const reply = (kind: keyof typeof waiting) => new Promise<ToThread>((resolve) => waiting[kind].push(resolve));
const send = (m: FromThread, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

function news(): TallyNews {
  const errors = tally.errors.slice(sentErrors);
  sentErrors = tally.errors.length;
  return { good: tally.good, bad: tally.bad, repeats: tally.repeats, encoding: tally.encoding, errors };
}

async function* file(): AsyncGenerator<Uint8Array> {
  for (;;) {
    const asked = reply('piece');
    send({ kind: 'need' });
    const m = await asked;
    if (m.kind !== 'piece') return;
    yield m.bytes;
  }
}

try {
  // Batch texts are written into shared memory, which the parent reads in place: the parser
  // reuses a batch's buffer only once the parent has asked for the batch after next.
  const batches = parseImportBatches(file(), { ...options, shared: true, onProgress: () => send({ kind: 'progress', ...news() }) }, tally);
  for await (const batch of batches) {
    const go = reply('go');
    send({ kind: 'batch', batch, ...news() });
    await go;
  }
  send({ kind: 'done', ...news() });
} catch (err) {
  if (err instanceof CsvFatalError) send({ kind: 'fatal', code: err.code, message: err.message, columns: err.columns });
  else send({ kind: 'failed', message: (err as Error).message });
}
