import { ALT_TEXT_MAX } from '@igny8/shared';
import { fitMeta } from '../generation/prompts';

// Where an article's images go, read from the article as generation renders it: `position` is the
// 0-based index of an H2 heading in the article's HTML, the image going right after that heading.

/** The FAQ heading generation appends: an image there would illustrate nothing. */
const FAQ_HEADING = 'frequently asked questions';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#039': "'", nbsp: ' ' };

/** HTML to plain text: tags dropped, the common entities decoded, spaces collapsed. */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#0?39|nbsp);/g, (_, e: string) => ENTITIES[e] ?? ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The text of every H2 heading of the article, in order. */
export function h2Headings(html: string): string[] {
  return Array.from(html.matchAll(/<h2\b[^>]*>([\s\S]*?)<\/h2>/gi), (m) => plainText(m[1]!));
}

/** The sections that get an in-article image: the first, then every `every`-th, never the FAQ. */
export function imagePositions(headings: string[], every: number): { position: number; heading: string }[] {
  const sections = headings.map((heading, position) => ({ position, heading })).filter((s) => s.heading.toLowerCase() !== FAQ_HEADING);
  return sections.filter((_, i) => i % every === 0);
}

/** Text cut at a word boundary to at most `max` characters. */
export function clip(text: string, max: number): string {
  const value = text.replace(/\s+/g, ' ').trim();
  if (value.length <= max) return value;
  const cut = value.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : value.slice(0, max)).replace(/[\s,;:–-]+$/, '');
}

/**
 * Alt text within the length screen readers and search engines read. The featured image's alt
 * names the primary keyword (added in front when the model left it out); the others keep the
 * model's words, since the same keyword in every alt reads as stuffing.
 */
export function altText(alt: string, keyword: string, featured: boolean): string {
  return featured && keyword ? fitMeta(alt, keyword, ALT_TEXT_MAX) : clip(alt, ALT_TEXT_MAX);
}
