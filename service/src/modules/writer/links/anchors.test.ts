import { describe, expect, it } from 'vitest';
import { anchorCandidates, linkPhrase, placeLinks, unlink } from './anchors';

describe('anchor phrases', () => {
  it('offers the primary keyword first, then title phrases longest first, never starting or ending with a filler word', () => {
    const phrases = anchorCandidates({ title: 'The Complete Guide to Pour-Over Coffee: Ratios and Grind', primaryKeyword: 'pour over coffee' }, '');
    expect(phrases[0]).toBe('pour over coffee');
    expect(phrases).toContain('Pour-Over Coffee');
    expect(phrases).toContain('Ratios and Grind');
    expect(phrases.indexOf('Ratios and Grind')).toBeLessThan(phrases.indexOf('Pour-Over Coffee'));
    // Punctuation ends a phrase, and no phrase starts or ends with "the", "to" or "and".
    expect(phrases.some((p) => /Coffee Ratios/.test(p))).toBe(false);
    expect(phrases.some((p) => /^(the|to|and) |\s(the|to|and)$/i.test(p))).toBe(false);
  });

  it('never offers the linking article’s own primary keyword', () => {
    expect(anchorCandidates({ title: 'Green Tea Basics', primaryKeyword: 'green tea' }, 'Green Tea')).toEqual(['Green Tea Basics', 'Tea Basics']);
  });
});

describe('placing a link in inline HTML', () => {
  const url = 'https://blog.example.com/tea/?a=1&b=2';

  it('links whole words in any case, keeping the article’s words, outside links and code', () => {
    const text = 'Try <code>green tea</code> or <a href="https://x.example">green tea</a>; evergreen teapots aside, Green Tea wins.';
    const linked = linkPhrase(text, 'green tea', url)!;
    expect(linked.anchor).toBe('Green Tea');
    expect(linked.text).toBe('Try <code>green tea</code> or <a href="https://x.example">green tea</a>; evergreen teapots aside, <a href="https://blog.example.com/tea/?a=1&amp;b=2">Green Tea</a> wins.');
    expect(linkPhrase('Evergreen teas only.', 'green tea', url)).toBeNull();
  });

  it('matches text with HTML special characters as the article stores them, and never inside an entity', () => {
    expect(linkPhrase('Salt &amp; pepper tea.', 'salt & pepper', url)!.anchor).toBe('Salt & pepper');
    expect(linkPhrase('Fish &amp; chips', 'amp', url)).toBeNull();
  });

  it('takes out the links placed before, keeping their words', () => {
    const before = 'Read <a href="https://blog.example.com/tea/?a=1&amp;b=2">Green Tea</a> and <a href="https://keep.example">this</a>.';
    expect(unlink(before, new Set([url]))).toBe('Read Green Tea and <a href="https://keep.example">this</a>.');
  });

  it('links each target once, one new link per paragraph, up to the cap, pillar first', () => {
    const sections = [{ heading: null, level: 2 as const, blocks: [
      { type: 'paragraph' as const, text: 'Sencha and matcha are both green tea.' },
      { type: 'paragraph' as const, text: 'Sencha again, and matcha again.' },
      { type: 'paragraph' as const, text: 'More sencha.' },
    ] }];
    const targets = [
      { id: 'p', title: 'Green tea', primaryKeyword: 'green tea', url: 'https://e.example/p', kind: 'pillar' as const },
      { id: 's', title: 'Sencha', primaryKeyword: 'sencha', url: 'https://e.example/s', kind: 'sibling' as const },
      { id: 'm', title: 'Matcha', primaryKeyword: 'matcha', url: 'https://e.example/m', kind: 'sibling' as const },
    ];
    const { sections: out, links } = placeLinks(sections, { previous: new Set(), targets, max: 2, ownKeyword: '' });
    expect(links.map((l) => [l.target_content_id, l.anchor])).toEqual([['p', 'green tea'], ['s', 'Sencha']]);
    const texts = out[0]!.blocks.map((b) => ('text' in b ? b.text : ''));
    expect(texts[0]).toBe('Sencha and matcha are both <a href="https://e.example/p">green tea</a>.');
    expect(texts[1]).toBe('<a href="https://e.example/s">Sencha</a> again, and matcha again.');
    expect(texts.join(' ').match(/href="https:\/\/e\.example\/s"/g)).toHaveLength(1);
    // The input is left as it was.
    expect(sections[0]!.blocks[0]!.text).toBe('Sencha and matcha are both green tea.');
  });
});
