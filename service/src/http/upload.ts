import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import busboy from 'busboy';
import type { Context } from 'hono';
import { ApiError } from './errors';

/**
 * The bytes of an uploaded file as a stream, never buffered whole: the raw body for `text/csv`
 * (or any non-multipart type), or the `file` field of a `multipart/form-data` body.
 */
export async function uploadedFile(c: Context, field = 'file'): Promise<AsyncIterable<Uint8Array>> {
  const body = c.req.raw.body;
  if (!body) throw new ApiError('invalid_input', 'The request has no body: send the file as text/csv or as the multipart field "file".', { errors: { [field]: ['Missing.'] } });
  const type = c.req.header('content-type') ?? '';
  const stream = Readable.fromWeb(body as unknown as NodeWebStream<Uint8Array>);
  if (!type.toLowerCase().startsWith('multipart/form-data')) return stream;

  return new Promise((resolve, reject) => {
    let found = false;
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
      found = true;
      resolve(file);
    });
    parser.on('error', (err) => (found ? undefined : reject(new ApiError('invalid_input', `The multipart body cannot be read: ${(err as Error).message}`))));
    parser.on('close', () => {
      if (!found) reject(new ApiError('invalid_input', `The multipart body has no "${field}" file field.`, { errors: { [field]: ['Missing.'] } }));
    });
    stream.on('error', reject);
    stream.pipe(parser);
  });
}
