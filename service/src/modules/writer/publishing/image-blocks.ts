/** An image as it goes into the post: its attachment in the media library and its texts. */
export type PlacedImage = { attachmentId: number; url: string; alt: string; caption: string; position: number };

// What the block editor's serializer escapes in attributes and in text.
const escapeAttribute = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A `core/image` block exactly as the editor saves it for a media-library image at full size. */
export function imageBlock(img: Omit<PlacedImage, 'position'>): string {
  const caption = img.caption.trim() ? `<figcaption class="wp-element-caption">${escapeText(img.caption.trim())}</figcaption>` : '';
  return [
    `<!-- wp:image ${JSON.stringify({ id: img.attachmentId, sizeSlug: 'full', linkDestination: 'none' })} -->`,
    `<figure class="wp-block-image size-full"><img src="${escapeAttribute(img.url)}" alt="${escapeAttribute(img.alt.trim())}" class="wp-image-${img.attachmentId}"/>${caption}</figure>`,
    '<!-- /wp:image -->',
  ].join('\n');
}

// A section's heading is an H2, which the writer saves without attributes (level 2 is the default).
const SECTION_HEADING = /<!-- wp:heading -->[\s\S]*?<!-- \/wp:heading -->/g;

/**
 * The article's block markup with its in-article images: an image of position p goes right after
 * the heading of section p (0-based); an image whose section no longer exists goes at the end.
 */
export function withImages(markup: string, images: readonly PlacedImage[]): string {
  if (images.length === 0) return markup;
  const ends = [...markup.matchAll(SECTION_HEADING)].map((m) => m.index + m[0].length);
  const byPosition = [...images].sort((a, b) => a.position - b.position);
  let out = '';
  let from = 0;
  ends.forEach((end, section) => {
    const here = byPosition.filter((i) => i.position === section);
    if (here.length === 0) return;
    out += markup.slice(from, end) + here.map((i) => `\n\n${imageBlock(i)}`).join('');
    from = end;
  });
  out += markup.slice(from);
  const after = byPosition.filter((i) => i.position >= ends.length);
  return [out.trim(), ...after.map(imageBlock)].filter(Boolean).join('\n\n');
}
