import { seededRandom } from '../../service/src/modules/planner/clustering/random';
import { MARKETS, type Market } from './topics';

/** A generated keyword with the family (head term) it was generated from, the ground truth. */
export type LabelledKeyword = { keyword: string; family: number; volume: number | null; difficulty: number | null };

type Family = { head: string; qualifier: string; noun: string; market: Market; siblings: string[] };

const YEARS = ['2024', '2025'];

/**
 * Head terms of every market, in a fixed shuffled order. Each noun takes a share of its market's
 * qualifiers (`pairing`): real lists hold "trail running shoes" but not every qualifier with every
 * noun. pairing = 1 gives the full grid, the hardest case, where each head shares a word with a
 * dozen or more others.
 */
function families(random: () => number, pairing: number): Family[] {
  const all: Family[] = [];
  for (const market of MARKETS) {
    for (const noun of market.nouns) {
      for (const qualifier of market.qualifiers) {
        if (random() >= pairing) continue;
        all.push({ head: `${qualifier} ${noun}`, qualifier, noun, market, siblings: [] });
      }
    }
  }
  // "X vs Y" compares a head with another head sharing its noun or its qualifier: a cross-family bridge.
  for (const family of all) {
    family.siblings = all.filter((other) => other !== family && other.market === family.market && (other.noun === family.noun || other.qualifier === family.qualifier)).map((other) => other.head);
  }
  return shuffle(all, random);
}

function shuffle<T>(list: T[], random: () => number): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

function pick<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(random() * list.length)]!;
}

/** A typo in one longer word: a dropped, doubled or swapped letter, as searchers make them. */
function misspell(phrase: string, random: () => number): string {
  const words = phrase.split(' ');
  const candidates = words.map((w, i) => (w.length >= 4 ? i : -1)).filter((i) => i >= 0);
  if (candidates.length === 0) return phrase;
  const at = pick(candidates, random);
  const word = words[at]!;
  const p = 1 + Math.floor(random() * (word.length - 2));
  const kind = Math.floor(random() * 3);
  words[at] =
    kind === 0 ? word.slice(0, p) + word.slice(p + 1)
    : kind === 1 ? word.slice(0, p) + word[p] + word.slice(p)
    : word.slice(0, p - 1) + word[p] + word[p - 1] + word.slice(p + 1);
  return words.join(' ');
}

/** Singular for plural heads and the reverse, the way search logs hold both. */
function otherNumber(noun: string): string {
  const words = noun.split(' ');
  const last = words.pop()!;
  const swapped = last.endsWith('ies') ? `${last.slice(0, -3)}y` : last.endsWith('s') && !last.endsWith('ss') ? last.slice(0, -1) : `${last}s`;
  return [...words, swapped].join(' ');
}

/** The variants of one head term, one per template; a family draws its members from these. */
function variants(f: Family, random: () => number): string[] {
  const x = f.head;
  const brand = pick(f.market.brands, random);
  const use = pick(f.market.uses, random);
  const year = pick(YEARS, random);
  const sibling = f.siblings.length > 0 ? pick(f.siblings, random) : `${f.noun}`;
  const singular = `${f.qualifier} ${otherNumber(f.noun)}`;
  return [
    `best ${x}`, `cheap ${x}`, `${x} for women`, `${x} for men`, `${x} near me`, `buy ${x} online`,
    `${x} sale`, `${x} reviews`, `${x} price`, `best ${x} ${year}`, `${x} ${year}`, `how to clean ${x}`,
    `how to choose ${x}`, `${x} vs ${sibling}`, `${brand} ${x}`, `${brand} ${x} review`, `${x} under 100`,
    `is ${brand} ${x} worth it`, `${x} for ${use}`, `best ${x} for ${use}`, `what is the best ${x}`,
    `${x} for beginners`, `used ${x}`, `${x} deals`, `${x} black friday`, `top rated ${x}`,
    `${x} uk`, `${x} amazon`, `${x} repair`, `${x} accessories`, `affordable ${x}`, `${x} size guide`,
    singular, `best ${singular}`, `${f.noun} ${f.qualifier}`, `${f.noun} for ${f.qualifier}`,
    misspell(x, random), `best ${misspell(x, random)}`, `${misspell(x, random)} ${year}`,
    `cheap ${x} for ${use}`, `${x} vs ${pick(f.siblings.length > 0 ? f.siblings : [f.noun], random)} which is better`,
    `${x} ideas`, `luxury ${x}`, `${x} clearance`, `${brand} vs ${pick(f.market.brands, random)} ${x}`,
  ];
}

/**
 * Generates about `count` keywords from head-term families, families taken whole in a fixed
 * shuffled order, each with 10–40 members: the head term (the most searched), then variants with
 * search modifiers, brands, years, comparisons with sibling heads, misspellings, plurals and
 * reordered words. The same seed gives the same list.
 */
export function generateKeywords(count: number, { seed = 7, pairing = 0.55 } = {}): LabelledKeyword[] {
  const random = seededRandom(seed);
  const out: LabelledKeyword[] = [];
  const seen = new Set<string>();
  const all = families(random, pairing);
  for (let familyIndex = 0; familyIndex < all.length && out.length < count; familyIndex++) {
    const f = all[familyIndex]!;
    const size = Math.min(count - out.length, 10 + Math.floor(random() * 31));
    const headVolume = Math.round(2000 + random() * 60000);
    const chosen = [f.head, ...shuffle(variants(f, random), random)];
    for (const [rank, keyword] of chosen.entries()) {
      if (out.length >= count || rank >= size) break;
      const key = keyword.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        keyword,
        family: familyIndex,
        // Long-tail volumes fall off roughly as a power law; a few are unknown, as in real exports.
        volume: random() < 0.05 ? null : rank === 0 ? headVolume : Math.round(headVolume * 0.3 * random() ** 2 / Math.sqrt(rank)),
        difficulty: random() < 0.05 ? null : Math.round(10 + random() * 80),
      });
    }
  }
  if (out.length < count) throw new RangeError(`only ${out.length} keywords can be generated from ${all.length} families`);
  return out;
}
