import { isPlaceholder, type Parsed } from './numbers';

import { INTENTS, type Intent } from '@igny8/shared';

export { INTENTS, type Intent };

export const MAX_KEYWORD_CHARS = 255;

// Invisible characters that copy-paste from web pages leaves in keywords. ZWNJ/ZWJ are kept: they
// change how Persian, Indic and emoji text is written.
const INVISIBLE = /[\u200b\u2060\ufeff]/g;

/** The keyword as stored: invisible characters removed, whitespace collapsed and trimmed. */
export function cleanKeyword(keyword: string): string {
  return keyword.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/**
 * The duplicate key of a keyword: NFKC (full-width and compatibility forms fold to their plain
 * letters), lower-case, whitespace collapsed and trimmed. Two keywords are the same when this is.
 */
export function normalizeKeyword(keyword: string): string {
  return cleanKeyword(keyword.normalize('NFKC')).toLowerCase();
}

// Words, Semrush letters (I, N, C, T) and Semrush API codes (0 commercial, 1 informational,
// 2 navigational, 3 transactional).
const INTENT_TOKENS: Record<string, Intent> = {
  informational: 'informational',
  navigational: 'navigational',
  commercial: 'commercial',
  transactional: 'transactional',
  i: 'informational',
  n: 'navigational',
  c: 'commercial',
  t: 'transactional',
  '0': 'commercial',
  '1': 'informational',
  '2': 'navigational',
  '3': 'transactional',
};

/**
 * The first recognised intent of a cell such as "Commercial, Informational" or "C, I". Intents we
 * do not model (Ahrefs' "Branded", "Local") give null rather than an error: the keyword is worth
 * importing without one.
 */
export function parseIntent(cell: string): Intent | null {
  for (const token of cell.toLowerCase().split(/[\s,;/|+]+/)) {
    const intent = INTENT_TOKENS[token];
    if (intent) return intent;
  }
  return null;
}

/** Ahrefs marks each intent in its own column with TRUE/FALSE. */
export function isTruthyFlag(cell: string): boolean {
  return ['true', 'yes', '1', 'x', '✓', '✔'].includes(cell.trim().toLowerCase());
}

const REGIONS = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
// ISO's user-assigned codes (pseudo-locales, "Unknown Region"), except Kosovo's widely used XK.
const PRIVATE_USE = /^(?:AA|Q[M-Z]|X[A-JL-Z]|ZZ)$/;
const WORLDWIDE = new Set(['ww', 'worldwide', 'global', 'all', 'all locations']);

/**
 * An ISO 3166-1 alpha-2 code, upper-cased; "UK" (Semrush's database name) becomes "GB" so one
 * country has one code. "Worldwide" and friends mean no country.
 */
export function parseCountry(cell: string): Parsed<string> {
  const text = cell.trim();
  if (text.length > 2) return readCountry(text);
  // A file repeats a handful of codes; asking Intl every time would cost more than the rest of a row.
  let parsed = knownCodes.get(text);
  if (!parsed) knownCodes.set(text, (parsed = readCountry(text)));
  return parsed;
}

const knownCodes = new Map<string, Parsed<string>>();

function readCountry(text: string): Parsed<string> {
  if (isPlaceholder(text) || WORLDWIDE.has(text.toLowerCase())) return { ok: true, value: null };
  const code = text.toUpperCase() === 'UK' ? 'GB' : text.toUpperCase();
  if (/^[A-Z]{2}$/.test(code) && !PRIVATE_USE.test(code) && REGIONS.of(code) !== undefined) return { ok: true, value: code };
  return { ok: false, reason: 'is not a two-letter country code' };
}
