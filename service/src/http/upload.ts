import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import busboy from 'busboy';
import type { Context } from 'hono';
import type { AppEnv } from '../context';
import { ApiError } from './errors';

/** An uploaded file written to a private temporary folder; `remove()` deletes it. */
export type StagedUpload = { path: string; bytes: number; remove(): Promise<void> };

export type StageOptions = { maxBytes: number; idleTimeoutMs: number; field?: string };

/**
 * Reads an uploaded file whole into a temporary file before anything else happens: the raw body
 * for `text/csv` (or any non-multipart type), or the `file` field of a `multipart/form-data` body.
 * A slow client then holds only a socket and a file, never a database connection. Answers 413 past
 * maxBytes and 408 when the client sends nothing for idleTimeoutMs; a client that goes away is
 * logged at info level (it is the client's doing, not a fault of the service).
 */
export async function stageUpload(c: Context<AppEnv>, opts: StageOptions): Promise<StagedUpload> {
  const field = opts.field ?? 'file';
  const body = c.req.raw.body;
  if (!body) throw new ApiError('invalid_input', 'The request has no body: send the file as text/csv or as the multipart field "file".', { errors: { [field]: ['Missing.'] } });
  const dir = await mkdtemp(join(tmpdir(), 'igny8-upload-'));
  const path = join(dir, 'upload');
  const remove = () => rm(dir, { recursive: true, force: true });
  let bytes = 0;
  try {
    const type = c.req.header('content-type') ?? '';
    const raw = guardedBody(body, opts.idleTimeoutMs);
    const file = type.toLowerCase().startsWith('multipart/form-data') ? await multipartField(raw, type, field) : raw;
    const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
    try {
      for await (const chunk of file as AsyncIterable<Uint8Array>) {
        bytes += chunk.byteLength;
        if (bytes > opts.maxBytes) throw new ApiError('payload_too_large', `The file is larger than the limit of ${opts.maxBytes} bytes.`);
        if (!out.write(chunk)) await once(out, 'drain');
      }
    } finally {
      out.end();
      await once(out, 'close');
    }
    return { path, bytes, remove };
  } catch (err) {
    await remove();
    if (err instanceof ApiError && err.code === 'request_aborted') c.get('logger').info({ received_bytes: bytes }, 'upload aborted by the client');
    throw err;
  }
}

/**
 * The request body as a stream that fails with 408 `request_timeout` when no byte arrives for
 * idleMs, and with `request_aborted` when the client closes the connection mid-way.
 */
function guardedBody(body: ReadableStream<Uint8Array>, idleMs: number): Readable {
  const reader = body.getReader();
  let timer: NodeJS.Timeout | undefined;
  const stream = new Readable({
    async read() {
      const idle = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new ApiError('request_timeout', `The upload sent nothing for ${idleMs} ms; it was dropped.`)), idleMs);
      });
      try {
        const next = await Promise.race([reader.read(), idle]);
        this.push(next.done ? null : next.value);
      } catch (err) {
        reader.cancel().catch(() => {});
        this.destroy(err instanceof ApiError ? err : new ApiError('request_aborted', 'The client closed the connection before the upload was complete.'));
      } finally {
        clearTimeout(timer);
      }
    },
    destroy(err, callback) {
      clearTimeout(timer);
      reader.cancel().catch(() => {});
      callback(err);
    },
  });
  return stream;
}

/** The stream of one file field of a multipart body; the other parts are read past and dropped. */
function multipartField(source: Readable, type: string, field: string): Promise<Readable> {
  return new Promise((resolve, reject) => {
    let found: Readable | undefined;
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { 'content-type': type }, limits: { files: 1, fields: 20 } });
    } catch {
      reject(new ApiError('invalid_input', 'The multipart body cannot be read (boundary missing?).'));
      return;
    }
    parser.on('file', (name, file) => {
      if (name !== field || found) {
        file.resume();
        return;
      }
      found = file;
      resolve(file);
    });
    parser.on('error', (err) => {
      const e = new ApiError('invalid_input', `The multipart body cannot be read: ${(err as Error).message}`);
      if (found) found.destroy(e);
      else reject(e);
    });
    parser.on('close', () => {
      if (!found) reject(new ApiError('invalid_input', `The multipart body has no "${field}" file field.`, { errors: { [field]: ['Missing.'] } }));
    });
    // A timeout or an abort of the body ends the file's stream with the same error.
    source.on('error', (err) => {
      if (found) found.destroy(err);
      else reject(err);
      parser.destroy();
    });
    source.pipe(parser);
  });
}
