import { isModifier } from './modifiers';
import { STOP_WORDS } from './stop-words';

/** Longest abbreviation looked for, in letters (and so words of its expansion). */
const LONGEST = 5;
/**
 * Evidence asked of an expansion: keywords holding it, and topic words it shares with the keywords
 * holding the abbreviation. One shared word is found by chance in short-text lists of thousands
 * ("hi" read as "hi im", "st" as "several times" in banking queries); two rarely are.
 */
const MIN_USES = 2;
const MIN_SHARED = 2;
/**
 * Share of the smaller of the two sets of surrounding words that both hold. An abbreviation is used
 * like its expansion, so their company overlaps; a common word ("go", "way") keeps company of its own.
 */
const MIN_OVERLAP = 0.3;

/**
 * Words of conversational queries that are neither topic nor abbreviation: neither side of an
 * abbreviation may be one ("hi" is not "hello im", nor "go" "get one").
 */
const FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'im', 'ive', 'id', 'youre', 'dont', 'cant', 'isnt', 'hi', 'hello', 'hey', 'oh', 'ok', 'okay', 'please', 'thanks', 'yes', 'no',
  'not', 'am', 'has', 'have', 'had', 'get', 'got', 'go', 'use', 'make', 'made', 'do', 'doing', 'done', 'one', 'any', 'some',
  'all', 'out', 'up', 'he', 'she', 'him', 'her', 'his', 'they', 'us', 'only', 'else', 'just', 'yet', 'already', 'still',
  'way', 'sort', 'kind', 'need', 'want', 'there', 'here', 'been', 'should', 'would', 'could', 'may', 'might', 'must',
]);

const plain = (token: string) => /^\p{L}+$/u.test(token) && !STOP_WORDS.has(token) && !FUNCTION_WORDS.has(token);

/**
 * Abbreviations of a keyword list with their expansion, found from the list itself: a short token
 * ("acv") whose letters are the initials of a run of words ("apple cider vinegar") used elsewhere in
 * the list, where a keyword with the token and a keyword with the run also share another topic word
 * ("acv gummies", "apple cider vinegar gummies"). The shared word is what tells a real abbreviation
 * from a word that happens to spell some initials. Takes each keyword's tokens; returns the
 * expansion's tokens by abbreviation.
 */
export function findAbbreviations(keywords: ReadonlyArray<readonly string[]>): Map<string, string[]> {
  const candidates = new Set<string>();
  for (const tokens of keywords) for (const t of tokens) if (t.length >= 2 && t.length <= LONGEST && plain(t) && !isModifier(t)) candidates.add(t);

  // Topic words around each candidate, and around each run of words it could abbreviate.
  const around = new Map<string, Set<string>>();
  const runs = new Map<string, Map<string, { count: number; context: Set<string> }>>();
  for (const tokens of keywords) {
    const context = (skip: (i: number) => boolean) => new Set(tokens.filter((t, i) => !skip(i) && plain(t) && !isModifier(t)));
    tokens.forEach((t, i) => {
      if (!candidates.has(t)) return;
      const words = around.get(t) ?? new Set<string>();
      for (const w of context((j) => j === i)) words.add(w);
      around.set(t, words);
    });
    for (let start = 0; start < tokens.length; start++) {
      let initials = '';
      for (let end = start; end < tokens.length && end - start < LONGEST; end++) {
        if (!plain(tokens[end]!) || tokens[end]!.length < 2) break;
        initials += tokens[end]![0];
        if (end === start || !candidates.has(initials)) continue;
        const phrase = tokens.slice(start, end + 1).join(' ');
        const byPhrase = runs.get(initials) ?? new Map();
        const seen = byPhrase.get(phrase) ?? { count: 0, context: new Set<string>() };
        seen.count++;
        for (const w of context((j) => j >= start && j <= end)) seen.context.add(w);
        byPhrase.set(phrase, seen);
        runs.set(initials, byPhrase);
      }
    }
  }

  const found = new Map<string, string[]>();
  for (const [abbreviation, byPhrase] of runs) {
    const words = around.get(abbreviation);
    if (!words) continue;
    let best: { phrase: string; shared: number; count: number } | null = null;
    for (const [phrase, { count, context }] of byPhrase) {
      const parts = phrase.split(' ');
      if (count < MIN_USES || parts.includes(abbreviation)) continue;
      const shared = [...context].filter((w) => words.has(w) && !parts.includes(w) && w !== abbreviation).length;
      if (shared < MIN_SHARED || shared < MIN_OVERLAP * Math.min(words.size, context.size)) continue;
      const better = !best || shared > best.shared || (shared === best.shared && (count > best.count || (count === best.count && phrase < best.phrase)));
      if (better) best = { phrase, shared, count };
    }
    if (best) found.set(abbreviation, best.phrase.split(' '));
  }
  return found;
}
