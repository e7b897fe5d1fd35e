import type { Tx } from '../../../db/client';
import { csvRow, EXPORT_COLUMNS } from '../csv/write-keywords';
import * as q from './queries';

/** Keywords read per transaction: large enough to be cheap, small enough that no transaction lasts. */
export const EXPORT_BATCH = 2000;

/**
 * Yields the keywords matching `f` as CSV text in chunks, sector by sector in keyword order. Each
 * batch is read in its own short transaction (`read`) and handed out only after it committed, so
 * a slow reader never holds a connection or a transaction; keywords changed during a long export
 * appear as they are when their batch is read. The file starts with a byte order mark so that
 * spreadsheets read non-English keywords as UTF-8; the import accepts it.
 */
export async function* exportKeywords(
  read: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>,
  f: q.ExportFilter,
  accountId: string | null,
  batch = EXPORT_BATCH,
): AsyncGenerator<string> {
  yield `\ufeff${csvRow(EXPORT_COLUMNS)}`;
  const sectors = await read((tx) => q.exportSectors(tx, f, accountId));
  for (const sectorId of sectors) {
    let after: string | null = null;
    for (;;) {
      const rows = await read((tx) => q.exportBatch(tx, sectorId, f, after, batch));
      if (rows.length > 0) yield rows.map((r) => csvRow(EXPORT_COLUMNS.map((col) => r[col]))).join('');
      if (rows.length < batch) break;
      after = rows.at(-1)!.normalized as string;
    }
  }
}

/**
 * A byte stream of `chunks` that reads the next chunk only when its reader asks for it. A reader
 * that asks for nothing for idleMs is given up on: `onIdle` closes its connection (answering
 * whether there was one to close) and the stream ends; `onEnd` runs once, however the stream ends.
 */
export function pulledStream(chunks: AsyncGenerator<string>, opts: { idleMs: number; onIdle: () => boolean; onEnd: () => void }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let timer: NodeJS.Timeout | undefined;
  let ended = false;
  const end = () => {
    clearTimeout(timer);
    if (ended) return;
    ended = true;
    opts.onEnd();
    void chunks.return(undefined).catch(() => {});
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        clearTimeout(timer);
        try {
          const next = await chunks.next();
          if (next.done) {
            end();
            controller.close();
            return;
          }
          controller.enqueue(encoder.encode(next.value));
          timer = setTimeout(() => {
            end();
            // Closing the connection cancels the stream; without one, end the stream as failed.
            if (!opts.onIdle()) controller.error(new Error(`The reader took nothing for ${opts.idleMs} ms.`));
          }, opts.idleMs);
        } catch (err) {
          end();
          controller.error(err);
        }
      },
      cancel: end,
    },
    { highWaterMark: 0 },
  );
}
