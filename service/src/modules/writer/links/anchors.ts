import type { InternalLink } from '@igny8/shared';
import type { Section } from '../blocks/schema';

/** An article of the cluster that links may point to, with the address it is published at. */
export type LinkTarget = { id: string; title: string; primaryKeyword: string; url: string; kind: InternalLink['kind'] };

// Words that make a poor first or last word of an anchor taken from a title ("the best", "guide to").
const STOPWORDS = new Set(
  'a an the and or but nor of to in on at by for from with without into onto over under about as is are was were be been your you our my their its this that these those how what why when where which who vs versus best top guide complete ultimate'.split(' '),
);
const MAX_WORDS = 12;

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const decode = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#0?39;/g, "'").replace(/&amp;/g, '&');
const bare = (w: string) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Phrases that may carry a link to `target`, best first: its primary keyword, then runs of two or
 * more words of its title, longest first, that neither start nor end with a filler word. Never
 * the linking article's own primary keyword, which should not send readers elsewhere.
 */
export function anchorCandidates(target: Pick<LinkTarget, 'title' | 'primaryKeyword'>, ownKeyword: string): string[] {
  const out: string[] = [];
  const add = (p: string) => {
    if (p.length >= 3 && !(ownKeyword && same(p, ownKeyword)) && !out.some((o) => same(o, p))) out.push(p);
  };
  if (target.primaryKeyword.trim()) add(target.primaryKeyword.trim().replace(/\s+/g, ' '));
  // Punctuation ends a phrase: "Pour-Over Coffee: A Guide" gives phrases of "Pour-Over Coffee" and "A Guide".
  const runs = target.title.split(/[:;,.!?()[\]|–—]+|\s-\s/).map((r) => r.split(/\s+/).map(bare).filter(Boolean).slice(0, MAX_WORDS));
  const phrases: string[][] = [];
  for (const words of runs) {
    for (let n = words.length; n >= 2; n--) {
      for (let i = 0; i + n <= words.length; i++) {
        const phrase = words.slice(i, i + n);
        if (!STOPWORDS.has(phrase[0]!.toLowerCase()) && !STOPWORDS.has(phrase.at(-1)!.toLowerCase())) phrases.push(phrase);
      }
    }
  }
  phrases.sort((a, b) => b.length - a.length).forEach((p) => add(p.join(' ')));
  return out;
}

/** Removes the links to `urls` from inline HTML, keeping their words. */
export function unlink(text: string, urls: ReadonlySet<string>): string {
  return text.replace(/<a href="([^"]*)">([\s\S]*?)<\/a>/g, (whole, href: string, words: string) => (urls.has(decode(href)) ? words : whole));
}

/** Whether inline HTML already links to `url`. */
export function linksTo(text: string, url: string): boolean {
  return [...text.matchAll(/<a href="([^"]*)">/g)].some((m) => decode(m[1]!) === url);
}

/**
 * Inline HTML with the first occurrence of `phrase` (whole words, any case) that is outside a
 * link or code wrapped in a link to `url`; null when the text has none. The anchor keeps the
 * article's own words and casing.
 */
export function linkPhrase(text: string, phrase: string, url: string): { text: string; anchor: string } | null {
  const words = phrase.split(/\s+/).map((w) => escapeRegExp(escapeText(w)));
  // Not inside a word, nor inside an entity such as &amp; or &#39;.
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}&#])${words.join('\\s+')}(?![\\p{L}\\p{N}])`, 'iu');
  const parts = text.split(/(<[^>]*>)/);
  let inside = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i % 2 === 1) {
      if (/^<(a|code)[\s>]/i.test(part)) inside++;
      else if (/^<\/(a|code)>/i.test(part)) inside = Math.max(0, inside - 1);
      continue;
    }
    if (inside > 0) continue;
    const m = pattern.exec(part);
    if (!m) continue;
    parts[i] = `${part.slice(0, m.index)}<a href="${escapeAttr(url)}">${m[0]}</a>${part.slice(m.index + m[0].length)}`;
    return { text: parts.join(''), anchor: decode(m[0]) };
  }
  return null;
}

/**
 * Places links to `targets` (in order of preference) into the article's top-level paragraphs: one
 * link per target and at most one new link per paragraph, `max` links in all. The links placed
 * earlier (to `previous` addresses) are taken out first, so placing again gives the same text.
 * A target the author already links to is left as it is. A pillar that no paragraph can carry is
 * listed as `no_anchor`.
 */
export function placeLinks(sections: readonly Section[], opts: { previous: ReadonlySet<string>; targets: readonly LinkTarget[]; max: number; ownKeyword: string }) {
  const out: Section[] = sections.map((s) => ({
    ...s,
    blocks: s.blocks.map((b) => (b.type === 'paragraph' ? { ...b, text: unlink(b.text, opts.previous) } : b)),
  }));
  const paragraphs = out.flatMap((s) => s.blocks.filter((b) => b.type === 'paragraph'));
  const used = new Set<object>();
  const links: InternalLink[] = [];
  let placed = 0;
  for (const target of opts.targets) {
    if (placed >= opts.max) break;
    if (paragraphs.some((p) => linksTo(p.text, target.url))) continue;
    let hit: { anchor: string } | null = null;
    for (const phrase of anchorCandidates(target, opts.ownKeyword)) {
      for (const p of paragraphs) {
        if (used.has(p)) continue;
        const linked = linkPhrase(p.text, phrase, target.url);
        if (!linked) continue;
        p.text = linked.text;
        used.add(p);
        hit = linked;
        break;
      }
      if (hit) break;
    }
    const base = { target_content_id: target.id, target_title: target.title, kind: target.kind };
    if (hit) {
      links.push({ ...base, status: 'linked', url: target.url, anchor: hit.anchor });
      placed++;
    } else if (target.kind === 'pillar') {
      links.push({ ...base, status: 'no_anchor', url: target.url, anchor: null });
    }
  }
  return { sections: out, links };
}
