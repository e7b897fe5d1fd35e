import { createReadStream } from 'node:fs';
import { promisify } from 'node:util';
import { deflateRaw, inflateRaw } from 'node:zlib';
import type { Deps } from '../../../context';
import type { Tx } from '../../../db/client';
import * as q from './queries';

/** The upload is stored in the database in pieces of this size (before deflating) for the job to read back. */
const STORED_CHUNK_BYTES = 1024 * 1024;

// The parser turns each piece it is given into records at once: pieces the size of a file read
// keep that many rows in memory, where whole stored chunks would hold sixteen times as many.
const PARSE_PIECE_BYTES = 64 * 1024;

// The fastest level: a keyword CSV shrinks about four times, and the driver, which passes bytea as
// hex text, builds strings of half a megabyte per piece instead of two, both ways.
const deflate = promisify(deflateRaw);
const inflate = promisify(inflateRaw);
const DEFLATE_LEVEL = 1;

/** Stores a staged upload for the keywords__import job, deflated, in the caller's transaction. */
export async function storeUpload(tx: Tx, importId: string, accountId: string, path: string): Promise<void> {
  let seq = 0;
  // Each chunk is deflated while the one before is being inserted: the transaction would otherwise
  // sit idle for every chunk's deflating.
  let inserting: Promise<void> = Promise.resolve();
  for await (const chunk of createReadStream(path, { highWaterMark: STORED_CHUNK_BYTES })) {
    const deflated = await deflate(chunk as Buffer, { level: DEFLATE_LEVEL });
    await inserting;
    inserting = q.insertImportChunk(tx, importId, accountId, seq++, deflated);
    // Awaited with the next chunk or at the end; this only keeps a failure meanwhile from counting
    // as unhandled.
    inserting.catch(() => {});
  }
  await inserting;
}

/** The stored upload, chunk by chunk, each read in its own short statement, in pieces for the parser. */
export async function* readStoredUpload(deps: Deps, importId: string): AsyncGenerator<Uint8Array> {
  for (let seq = 0; ; seq++) {
    const chunk = await deps.db.bookkeeping((sql) => q.importChunk(sql, importId, seq));
    if (!chunk) return;
    const data = chunk.deflated ? await inflate(chunk.data) : chunk.data;
    for (let at = 0; at < data.byteLength; at += PARSE_PIECE_BYTES) yield data.subarray(at, at + PARSE_PIECE_BYTES);
  }
}
