import { TextDecoder } from 'node:util';
import { CsvFatalError } from './errors';

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

// C0 controls other than tab, LF, VT, FF and CR never occur in a text export; a NUL or one of
// these means a spreadsheet, archive or image was uploaded instead of a CSV.
const CONTROL_CHARS = /[\u0000-\u0008\u000e-\u001f]/;

/** Decides the encoding from the first (up to four) bytes. */
function sniffEncoding(head: Uint8Array): Encoding {
  const [a, b, c, d] = head;
  if (a === 0xef && b === 0xbb && c === 0xbf) return 'utf-8';
  if (a === 0xff && b === 0xfe) return 'utf-16le';
  if (a === 0xfe && b === 0xff) return 'utf-16be';
  // Without a byte order mark, ASCII text in UTF-16 still shows as every other byte being zero.
  if (head.length >= 4) {
    if (a !== 0 && b === 0 && c !== 0 && d === 0) return 'utf-16le';
    if (a === 0 && b !== 0 && c === 0 && d !== 0) return 'utf-16be';
  }
  return 'utf-8';
}

function hasControlBytes(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte < 0x20 && (byte < 0x09 || byte > 0x0d)) return true;
  return false;
}

const BINARY_MESSAGE =
  'The file is not text (is it an Excel workbook or another binary file?); export it as CSV and try again.';

function decodeOrFail(decoder: TextDecoder, bytes: Uint8Array | undefined, stream: boolean): string {
  try {
    return bytes ? decoder.decode(bytes, { stream }) : decoder.decode();
  } catch {
    // A UTF-8 decoding failure in bytes that look like text is a legacy code page (Excel on Windows
    // saves "CSV" as Windows-1252); control bytes mean a binary file.
    if (decoder.encoding === 'utf-8' && bytes && hasControlBytes(bytes)) throw new CsvFatalError('binary', BINARY_MESSAGE);
    throw new CsvFatalError(
      'bad_encoding',
      decoder.encoding === 'utf-8'
        ? 'The file is not valid UTF-8; save it as "CSV UTF-8" and try again.'
        : `The file is not valid ${decoder.encoding.toUpperCase()} text.`,
    );
  }
}

/**
 * Decodes an uploaded CSV into text chunks: UTF-8 (with or without BOM) or UTF-16 LE/BE, BOM
 * removed, every line ending turned into LF so that line numbers count the same way for CRLF files.
 * Throws CsvFatalError `too_large` as soon as more than maxBytes have arrived.
 */
export async function* decodeCsvText(source: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<string> {
  let received = 0;
  let head: Uint8Array = new Uint8Array(0);
  let decoder: TextDecoder | undefined;
  let pendingCR = false;

  function* lines(text: string): Generator<string> {
    if (CONTROL_CHARS.test(text)) throw new CsvFatalError('binary', BINARY_MESSAGE);
    let out = pendingCR ? `\r${text}` : text;
    // A CR at the end of a chunk may be the first half of a CRLF split across chunks.
    pendingCR = out.endsWith('\r');
    if (pendingCR) out = out.slice(0, -1);
    out = out.replace(/\r\n?/g, '\n');
    if (out) yield out;
  }

  for await (const chunk of source) {
    received += chunk.byteLength;
    if (received > maxBytes) {
      throw new CsvFatalError('too_large', `The file is larger than the limit of ${maxBytes} bytes.`);
    }
    let bytes = chunk;
    if (!decoder) {
      head = concat(head, chunk);
      if (head.length < 4) continue;
      decoder = new TextDecoder(sniffEncoding(head), { fatal: true });
      bytes = head;
    }
    yield* lines(decodeOrFail(decoder, bytes, true));
  }
  if (!decoder) {
    if (head.length === 0) return;
    decoder = new TextDecoder(sniffEncoding(head), { fatal: true });
    yield* lines(decodeOrFail(decoder, head, true));
  }
  yield* lines(decodeOrFail(decoder, undefined, false));
  if (pendingCR) yield '\n';
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
