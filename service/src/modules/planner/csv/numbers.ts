/** A parsed cell: a value (null for an empty cell) or the reason it is not one. */
export type Parsed<T> = { ok: true; value: T | null } | { ok: false; reason: string };

/**
 * `count` columns (search volume) hold whole numbers, so "1.200" and "1,200" are both twelve
 * hundred; `decimal` columns (CPC, difficulty) read a lone separator followed by three digits with
 * the file's convention: decimal comma in semicolon files (European locales), decimal point otherwise.
 */
export type NumberKind = 'count' | 'decimal';

// Cells the exporting tools write when they have no figure.
const PLACEHOLDERS = new Set(['', '-', '–', '—', '--', 'n/a', 'na', 'null', 'none', '#n/a']);

const MULTIPLIERS: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9 };

// Separators inside one number: spaces of every width and the Swiss apostrophe group thousands.
const GROUPING = /[\s\u00a0\u2007\u202f\u2009'’]/g;

// "1K – 10K", "100 - 1,000", "10 to 100": a dash or "to" between two figures.
const RANGE = /^(.*?\d\S*)\s*(?:[–—~]|-|\bto\b)\s*(\S.*)$/i;

export function isPlaceholder(cell: string): boolean {
  return PLACEHOLDERS.has(cell.trim().toLowerCase());
}

/**
 * Reads a figure as the keyword tools export it: thousands separators, K/M/B suffixes, currency
 * signs or codes, percent signs, and ranges. A range gives its lower bound — what the tool vouches
 * for, and a value users recognise as the bucket's edge (Keyword Planner's "1K – 10K" becomes 1000)
 * rather than an invented midpoint. Negative values are returned as such; callers decide.
 */
export function parseNumber(cell: string, kind: NumberKind, decimalComma: boolean): Parsed<number> {
  const text = cell.trim();
  // Most cells are plain figures; they need none of the work below.
  if (/^\d{1,15}$/.test(text) || (kind === 'decimal' && !decimalComma && /^\d{1,15}\.\d{1,15}$/.test(text))) {
    return { ok: true, value: Number(text) };
  }
  if (isPlaceholder(text)) return { ok: true, value: null };
  const range = RANGE.exec(text);
  if (range && !/^[-−(]/.test(text)) {
    const low = parseSingle(range[1]!, kind, decimalComma);
    const high = parseSingle(range[2]!, kind, decimalComma);
    if (low !== null && high !== null) return { ok: true, value: Math.min(low, high) };
  }
  const value = parseSingle(text, kind, decimalComma);
  return value === null ? { ok: false, reason: 'is not a number' } : { ok: true, value };
}

function parseSingle(input: string, kind: NumberKind, decimalComma: boolean): number | null {
  let s = input.trim();
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true; // accounting style
    s = s.slice(1, -1).trim();
  }
  // Currency: symbols anywhere at the edges ("$1.20", "0,80 €", "-$1") and ISO codes ("USD 1.20").
  s = s.replace(/^[A-Za-z]{3}(?=[\s\d\p{Sc}.,-])|(?<=[\d\s])[A-Za-z]{3}$/u, '').replace(/\p{Sc}/gu, '').trim();
  if (/^[-−]/.test(s)) {
    negative = !negative;
    s = s.slice(1).trim();
  }
  s = s.replace(/%$/, '').trim();
  let multiplier = 1;
  const suffix = /^(.*?)\s*([kmb])$/i.exec(s);
  if (suffix) {
    multiplier = MULTIPLIERS[suffix[2]!.toLowerCase()]!;
    s = suffix[1]!;
  }
  s = s.replace(GROUPING, '');
  if (!/^(?:\d[\d.,]*|[.,]\d+)$/.test(s)) return null;
  const plain = toPlainDecimal(s, kind, decimalComma);
  if (plain === null) return null;
  const value = Number(plain) * multiplier;
  if (!Number.isFinite(value)) return null;
  return negative ? -value : value;
}

/** Rewrites "1.234,56", "1,234.56", "1.200", "0,8" … as a JavaScript decimal ("1234.56"). */
function toPlainDecimal(s: string, kind: NumberKind, decimalComma: boolean): string | null {
  const dots = count(s, '.');
  const commas = count(s, ',');
  if (dots === 0 && commas === 0) return s;
  if (dots > 0 && commas > 0) {
    // The separator that comes last is the decimal one; the other groups thousands.
    const decimal = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    const grouping = decimal === '.' ? ',' : '.';
    if (count(s, decimal) > 1) return null;
    return s.split(grouping).join('').replace(decimal, '.');
  }
  const sep = dots > 0 ? '.' : ',';
  // Repeated, the separator can only group thousands: "1.234.567".
  if (count(s, sep) > 1) return groupsOfThree(s, sep) ? s.split(sep).join('') : null;
  const [whole = '', fraction = ''] = s.split(sep);
  const looksGrouped = fraction.length === 3 && /^[1-9]\d{0,2}$/.test(whole);
  if (looksGrouped) {
    const isDecimal = kind === 'decimal' && sep === (decimalComma ? ',' : '.');
    if (!isDecimal) return whole + fraction;
  }
  return `${whole || '0'}.${fraction}`;
}

function groupsOfThree(s: string, sep: string): boolean {
  const [first = '', ...rest] = s.split(sep);
  return /^\d{1,3}$/.test(first) && rest.every((g) => /^\d{3}$/.test(g));
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}
