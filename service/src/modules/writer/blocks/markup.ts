import type { Block, Section } from './schema';
import { inlineHtml } from './inline';

/** A block as WordPress serializes it: name, attributes, and its HTML around any inner blocks. */
type Node = { name: string; attrs?: Record<string, unknown>; html: (inner: string) => string; inner?: Node[] };

const leaf = (name: string, html: string, attrs?: Record<string, unknown>): Node => ({ name, attrs, html: () => html });

function heading(level: 2 | 3 | 4, text: string): Node {
  // Level 2 is the block's default and is not written in its comment, as the editor does.
  return leaf('heading', `<h${level} class="wp-block-heading">${inlineHtml(text)}</h${level}>`, level === 2 ? undefined : { level });
}

function list(ordered: boolean, items: { text: string; items?: { text: string }[] }[]): Node {
  const tag = ordered ? 'ol' : 'ul';
  return {
    name: 'list',
    attrs: ordered ? { ordered: true } : undefined,
    html: (inner) => `<${tag} class="wp-block-list">${inner}</${tag}>`,
    inner: items.map((item) => {
      const nested = item.items?.length ? [list(false, item.items)] : [];
      return { name: 'list-item', html: (inner: string) => `<li>${inlineHtml(item.text)}${inner}</li>`, inner: nested };
    }),
  };
}

function table(head: string[], rows: string[][]): Node {
  const cells = (tag: string, row: string[]) => `<tr>${row.map((c) => `<${tag}>${inlineHtml(c)}</${tag}>`).join('')}</tr>`;
  const thead = head.length ? `<thead>${cells('th', head)}</thead>` : '';
  return leaf('table', `<figure class="wp-block-table"><table class="has-fixed-layout">${thead}<tbody>${rows.map((r) => cells('td', r)).join('')}</tbody></table></figure>`);
}

function quote(text: string, citation: string): Node {
  const cite = citation.trim() ? `<cite>${inlineHtml(citation)}</cite>` : '';
  return { name: 'quote', html: (inner) => `<blockquote class="wp-block-quote">${inner}${cite}</blockquote>`, inner: [paragraph(text)] };
}

const paragraph = (text: string): Node => leaf('paragraph', `<p>${inlineHtml(text)}</p>`);

function node(block: Block): Node | null {
  switch (block.type) {
    case 'paragraph':
      return block.text.trim() ? paragraph(block.text) : null;
    case 'heading':
      return heading(block.level, block.text);
    case 'list':
      return list(block.ordered, block.items);
    case 'table':
      return table(block.head, block.rows);
    case 'quote':
      return quote(block.text, block.citation);
  }
}

/** Serialized like WordPress's `serialize()`: a comment pair around each block, blocks apart by a blank line. */
function serialize(nodes: Node[]): string {
  return nodes.map((n) => {
    const attrs = n.attrs ? `${JSON.stringify(n.attrs)} ` : '';
    return `<!-- wp:${n.name} ${attrs}-->\n${n.html(serialize(n.inner ?? []))}\n<!-- /wp:${n.name} -->`;
  }).join('\n\n');
}

function plain(nodes: Node[]): string {
  return nodes.map((n) => n.html(plain(n.inner ?? []))).join('\n');
}

/** The blocks of sections, in order: each section's heading, then its blocks. */
export function sectionNodes(sections: readonly Section[]): Node[] {
  return sections.flatMap((s) => [
    ...(s.heading ? [heading(s.level, s.heading)] : []),
    ...s.blocks.map(node).filter((n): n is Node => n !== null),
  ]);
}

/** An article's block markup, its plain HTML and its word count. */
export function renderArticle(sections: readonly Section[]): { blocks: string; html: string; wordCount: number } {
  const nodes = sectionNodes(sections);
  const html = plain(nodes);
  return { blocks: serialize(nodes), html, wordCount: countWords(html) };
}

/** Words a reader sees: text between tags, entities counted as the characters they stand for. */
export function countWords(html: string): number {
  const text = html.replace(/<[^>]*>/g, ' ').replace(/&[#a-z0-9]+;/gi, '');
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
