import { parse } from '@wordpress/block-serialization-default-parser';
import { renderArticle } from './markup';
import type { Block, Section } from './schema';

type ParsedBlock = ReturnType<typeof parse>[number];

/** Why block markup was refused, one sentence per problem. */
export class BlockMarkupError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join(' '));
  }
}

const inner = (html: string, re: RegExp) => re.exec(html.trim());
const cellsOf = (row: string, tag: string) => [...row.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!);
const rowsOf = (html: string, tag: string) => [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => cellsOf(m[1]!, tag));

function listItems(list: ParsedBlock, depth: number): { text: string; items: { text: string }[] }[] {
  return list.innerBlocks.map((item) => {
    if (item.blockName !== 'core/list-item') throw new Error('a list holds only list items');
    const text = inner(String(item.innerContent[0] ?? ''), /^<li>([\s\S]*)$/)?.[1];
    if (text === undefined) throw new Error('a list item is not an <li>');
    const nested = item.innerBlocks[0];
    if (item.innerBlocks.length > 1 || (nested && (nested.blockName !== 'core/list' || depth > 0))) throw new Error('lists nest one level deep');
    return { text, items: nested ? listItems(nested, depth + 1) : [] };
  });
}

/** A parsed block as the structured block it must have been rendered from. */
function structured(b: ParsedBlock): Block | { heading: string; level: 2 } {
  const html = b.innerHTML;
  switch (b.blockName) {
    case 'core/paragraph': {
      const m = inner(html, /^<p>([\s\S]*)<\/p>$/);
      if (m) return { type: 'paragraph', text: m[1]! };
      break;
    }
    case 'core/heading': {
      const m = inner(html, /^<h([2-4]) class="wp-block-heading">([\s\S]*)<\/h\1>$/);
      if (m && Number(m[1]) === 2) return { heading: m[2]!, level: 2 };
      if (m) return { type: 'heading', level: Number(m[1]) as 3 | 4, text: m[2]! };
      break;
    }
    case 'core/list':
      return { type: 'list', ordered: b.attrs?.ordered === true, items: listItems(b, 0) };
    case 'core/table': {
      const head = /<thead>([\s\S]*?)<\/thead>/.exec(html)?.[1];
      const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
      return { type: 'table', head: head ? rowsOf(head, 'th')[0] ?? [] : [], rows: rowsOf(body, 'td') };
    }
    case 'core/quote': {
      const [p] = b.innerBlocks;
      const text = p && b.innerBlocks.length === 1 && p.blockName === 'core/paragraph' ? inner(p.innerHTML, /^<p>([\s\S]*)<\/p>$/)?.[1] : undefined;
      if (text === undefined) throw new Error('a quote holds one paragraph');
      return { type: 'quote', text, citation: /<cite>([\s\S]*?)<\/cite>/.exec(html)?.[1] ?? '' };
    }
  }
  throw new Error(`its HTML is not what ${b.blockName} saves`);
}

const squeeze = (markup: string) => markup.replace(/>\s+</g, '><').trim();

/**
 * Reads block markup back into sections and renders it again: accepted only when that gives the
 * same markup, i.e. when every block is one generation itself would produce (core heading,
 * paragraph, list, list item, table and quote, inline HTML already sanitized). Returns the
 * rendering (markup, HTML and word count) of what was accepted.
 */
export function checkBlockMarkup(markup: string) {
  return renderArticle(readSections(markup));
}

/** The sections block markup was rendered from; BlockMarkupError when it holds a block generation would not produce. */
export function readSections(markup: string): Section[] {
  const sections: Section[] = [{ heading: null, level: 2, blocks: [] }];
  const problems: string[] = [];
  parse(markup).forEach((b, i) => {
    if (!b.blockName) {
      if (b.innerHTML.trim()) problems.push(`Block ${i + 1}: text outside of any block is not accepted.`);
      return;
    }
    try {
      const one = structured(b);
      const rendered = renderArticle([{ heading: null, level: 2, blocks: 'type' in one ? [one] : [] }, ...('type' in one ? [] : [{ ...one, blocks: [] }])]);
      if (squeeze(rendered.blocks) !== squeeze(markupOf(b))) throw new Error('it holds markup or attributes the writer does not produce');
      if ('type' in one) sections.at(-1)!.blocks.push(one);
      else sections.push({ ...one, blocks: [] });
    } catch (err) {
      problems.push(`Block ${i + 1} (${b.blockName}): ${(err as Error).message}.`);
    }
  });
  if (problems.length) throw new BlockMarkupError(problems);
  return sections;
}

/** The markup of one top-level block as the author wrote it, delimiters included. */
function markupOf(b: ParsedBlock): string {
  const serialize = (x: ParsedBlock): string => {
    let i = 0;
    const content = x.innerContent.map((c) => (c === null ? serialize(x.innerBlocks[i++]!) : c)).join('');
    const attrs = x.attrs && Object.keys(x.attrs).length ? `${JSON.stringify(x.attrs)} ` : '';
    return `<!-- wp:${x.blockName!.replace(/^core\//, '')} ${attrs}-->${content}<!-- /wp:${x.blockName!.replace(/^core\//, '')} -->`;
  };
  return serialize(b);
}
