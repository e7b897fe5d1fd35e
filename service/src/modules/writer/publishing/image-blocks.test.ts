import { beforeAll, describe, expect, it } from 'vitest';
import { checkBlocks } from '../../../../test/block-editor';
import { renderArticle } from '../blocks/markup';
import { withImages } from './image-blocks';
import { seoMeta } from './seo-meta';

const article = renderArticle([
  { heading: null, level: 2, blocks: [{ type: 'paragraph', text: 'Intro.' }] },
  { heading: 'One', level: 2, blocks: [{ type: 'heading', level: 3, text: 'Sub' }, { type: 'paragraph', text: 'First.' }] },
  { heading: 'Two', level: 2, blocks: [{ type: 'paragraph', text: 'Second.' }] },
]).blocks;
const image = (attachmentId: number, position: number, extra: Partial<{ alt: string; caption: string }> = {}) =>
  ({ attachmentId, url: `https://blog.example.com/wp-content/uploads/${attachmentId}.webp`, alt: 'A cup', caption: '', position, ...extra });

describe('in-article images', () => {
  // The block editor's packages take a while to load on a busy machine.
  beforeAll(() => checkBlocks('').then(() => undefined), 300_000);

  it('go right after the H2 of their section, in order, and past the last section at the end', () => {
    const out = withImages(article, [image(3, 1), image(1, 0), image(2, 0), image(9, 7)]);
    const at = (s: string) => out.indexOf(s);
    expect(at('"id":1,')).toBeGreaterThan(at('>One</h2>'));
    expect(at('"id":1,')).toBeLessThan(at('"id":2,'));
    expect(at('"id":2,')).toBeLessThan(at('>Sub</h3>'));
    expect(at('"id":3,')).toBeGreaterThan(at('>Two</h2>'));
    expect(at('"id":3,')).toBeLessThan(at('Second.'));
    expect(at('"id":9,')).toBeGreaterThan(at('Second.'));
    expect(withImages(article, [])).toBe(article);
  });

  it('are blocks the editor takes as valid, with alt text and captions holding HTML special characters', async () => {
    const out = withImages(article, [image(5, 0, { alt: 'Tea & "cups" <hot>', caption: 'Steeped 2 < 3 minutes & served' }), image(6, 1)]);
    const { invalid, names } = await checkBlocks(out);
    expect(invalid).toEqual([]);
    expect(names.filter((n) => n === 'core/image')).toHaveLength(2);
    expect(out).toContain('alt="Tea &amp; &quot;cups&quot; &lt;hot&gt;"');
    expect(out).toContain('<figcaption class="wp-element-caption">Steeped 2 &lt; 3 minutes &amp; served</figcaption>');
  });
});

describe('SEO meta', () => {
  const values = { meta_title: 'Tea guide', meta_description: 'How to brew.', focus_keyword: 'green tea' };

  it('goes to every SEO plugin key the site exposes', () => {
    const exposed = new Set(['_igny8_meta_title', '_igny8_meta_description', '_igny8_focus_keyword', 'rank_math_title', 'footnotes']);
    expect(seoMeta(values, exposed)).toEqual({
      meta: { _igny8_meta_title: 'Tea guide', rank_math_title: 'Tea guide', _igny8_meta_description: 'How to brew.', _igny8_focus_keyword: 'green tea' },
      notSet: [],
    });
  });

  it('lists the fields with a value that no exposed key takes, and skips empty ones', () => {
    expect(seoMeta({ ...values, meta_description: ' ' }, new Set(['_yoast_wpseo_focuskw']))).toEqual({
      meta: { _yoast_wpseo_focuskw: 'green tea' },
      notSet: ['meta_title'],
    });
  });
});
