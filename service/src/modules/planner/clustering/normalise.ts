import { stemmer } from 'stemmer';
import { isModifier, MODIFIER_WEIGHT } from './modifiers';
import { STOP_WORDS } from './stop-words';

/**
 * Splits a keyword into lower-case, accent-free word tokens. Apostrophes are removed rather than
 * split on, so "men's" stays one word instead of leaving a stray "s".
 */
export function tokenise(keyword: string): string[] {
  return keyword
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['\u2019]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 0);
}

/**
 * The topic-bearing stems of a keyword. When a keyword is made of stop words only ("how to"), they
 * are kept, so that it still has a representation and is not silently lost.
 */
export function stems(keyword: string): string[] {
  return contentTokens(tokenise(keyword)).map((token) => stemmer(token));
}

function contentTokens(tokens: string[]): string[] {
  const content = tokens.filter((token) => !STOP_WORDS.has(token));
  return content.length > 0 ? content : tokens;
}

/** Character n-grams of a stem padded with word boundaries ("#run#"), sizes min..max inclusive. */
export function charNgrams(stem: string, min = 3, max = 4): string[] {
  const padded = `#${stem}#`;
  const grams: string[] = [];
  for (let size = min; size <= max; size++) {
    for (let start = 0; start + size <= padded.length; start++) grams.push(padded.slice(start, start + size));
  }
  return grams;
}

/** Feature kinds carry a prefix so a word and an n-gram with the same letters stay distinct. */
export const WORD_PREFIX = 'w:';
export const NGRAM_PREFIX = 'g:';

/**
 * How much a word's n-grams weigh together against the word itself. They are there to catch
 * misspellings and inflections the stemmer misses, not to outvote whole words.
 */
export const NGRAM_SHARE = 0.7;

/**
 * The lexical features of one keyword with their raw weights: each stem counts 1 (a modifier
 * MODIFIER_WEIGHT), and its character n-grams share NGRAM_SHARE of that between them (each gets
 * NGRAM_SHARE / sqrt(count)), so a long word like "stainless" does not outweigh a short one like
 * "pot" just by having more n-grams. Known abbreviations count as the words they stand for.
 */
export function lexicalFeatures(keyword: string | string[], abbreviations: ReadonlyMap<string, string[]> = new Map()): Map<string, number> {
  const tokens = (typeof keyword === 'string' ? tokenise(keyword) : keyword).flatMap((t) => abbreviations.get(t) ?? [t]);
  const weights = new Map<string, number>();
  const add = (feature: string, weight: number) => weights.set(feature, (weights.get(feature) ?? 0) + weight);
  for (const token of contentTokens(tokens)) {
    const stem = stemmer(token);
    const weight = isModifier(token) ? MODIFIER_WEIGHT : 1;
    add(WORD_PREFIX + stem, weight);
    const grams = charNgrams(stem);
    const each = (weight * NGRAM_SHARE) / Math.sqrt(grams.length);
    for (const gram of grams) add(NGRAM_PREFIX + gram, each);
  }
  return weights;
}
