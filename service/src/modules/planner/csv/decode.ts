import { TextDecoder } from 'node:util';
import { CsvFatalError } from './errors';

/** The encodings an uploaded CSV is read in; the import answer names the one used. */
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

// C0 controls other than tab, LF, VT, FF and CR never occur in a text export; a NUL or one of
// these means a spreadsheet, archive or image was uploaded instead of a CSV.
const CONTROL_CHARS = /[\u0000-\u0008\u000e-\u001f]/;

/** How much of the start of a file decides between UTF-8 and Windows-1252. */
export const SNIFF_BYTES = 64 * 1024;

/**
 * Decides the encoding from the start of the file (`complete` when it is the whole file): a byte
 * order mark, else UTF-16 by its zero bytes, else UTF-8 or Windows-1252 by this rule: malformed
 * UTF-8 and not one well-formed multi-byte sequence means a legacy code page (Excel on Windows
 * saves "CSV (Comma delimited)" in Windows-1252); anything else is UTF-8, whose stray bad bytes
 * are then reported on their lines rather than the whole file being read another way.
 */
export function sniffEncoding(head: Uint8Array, complete: boolean): Encoding {
  const [a, b, c, d] = head;
  if (a === 0xef && b === 0xbb && c === 0xbf) return 'utf-8';
  if (a === 0xff && b === 0xfe) return 'utf-16le';
  if (a === 0xfe && b === 0xff) return 'utf-16be';
  // Without a byte order mark, ASCII text in UTF-16 still shows as every other byte being zero.
  if (head.length >= 4) {
    if (a !== 0 && b === 0 && c !== 0 && d === 0) return 'utf-16le';
    if (a === 0 && b !== 0 && c === 0 && d !== 0) return 'utf-16be';
  }
  const { wellFormed, malformed } = utf8Evidence(head, complete);
  return malformed > 0 && wellFormed === 0 ? 'windows-1252' : 'utf-8';
}

/** Counts well-formed multi-byte UTF-8 sequences and malformed bytes (RFC 3629's table). */
function utf8Evidence(bytes: Uint8Array, complete: boolean): { wellFormed: number; malformed: number } {
  let wellFormed = 0;
  let malformed = 0;
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    // A sequence cut by the end of the window is no evidence either way.
    if (length > 0 && i + length > bytes.length && !complete) break;
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) {
      const byte = bytes[i + k]!;
      const [lo, hi] = k > 1 ? [0x80, 0xbf] : lead === 0xe0 ? [0xa0, 0xbf] : lead === 0xed ? [0x80, 0x9f] : lead === 0xf0 ? [0x90, 0xbf] : lead === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
      ok = byte >= lo && byte <= hi;
    }
    if (ok) {
      wellFormed++;
      i += length;
    } else {
      malformed++;
      i++;
    }
  }
  return { wellFormed, malformed };
}

const BINARY_MESSAGE =
  'The file is not text (is it an Excel workbook or another binary file?); export it as CSV and try again.';

function decodeOrFail(decoder: TextDecoder, bytes: Uint8Array | undefined, stream: boolean): string {
  try {
    return bytes ? decoder.decode(bytes, { stream }) : decoder.decode();
  } catch {
    // Only UTF-16 decodes strictly: UTF-8 marks bad bytes with U+FFFD for the row reader to report.
    throw new CsvFatalError('bad_encoding', `The file is not valid ${decoder.encoding.toUpperCase()} text.`);
  }
}

function decoderFor(encoding: Encoding): TextDecoder {
  return new TextDecoder(encoding, { fatal: encoding.startsWith('utf-16') });
}

/**
 * Decodes an uploaded CSV into text chunks (see sniffEncoding for the encodings), BOM removed,
 * every line ending turned into LF so that line numbers count the same way for CRLF files; the
 * encoding is told to `onEncoding` once known. Throws CsvFatalError `too_large` as soon as more
 * than maxBytes have arrived, `binary` for control characters.
 */
export async function* decodeCsvText(source: AsyncIterable<Uint8Array>, maxBytes: number, onEncoding?: (encoding: Encoding) => void): AsyncGenerator<string> {
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
  function start(complete: boolean): TextDecoder {
    const encoding = sniffEncoding(head, complete);
    onEncoding?.(encoding);
    return decoderFor(encoding);
  }

  for await (const chunk of source) {
    received += chunk.byteLength;
    if (received > maxBytes) {
      throw new CsvFatalError('too_large', `The file is larger than the limit of ${maxBytes} bytes.`);
    }
    let bytes = chunk;
    if (!decoder) {
      head = concat(head, chunk);
      if (head.length < SNIFF_BYTES) continue;
      decoder = start(false);
      bytes = head;
    }
    yield* lines(decodeOrFail(decoder, bytes, true));
  }
  if (!decoder) {
    if (head.length === 0) return;
    decoder = start(true);
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
