import sanitizeHtml from 'sanitize-html';

/**
 * Inline text as `core/paragraph` (and headings, list items, table cells) hold it: strong, em,
 * code, line breaks and links to http(s) and mailto; every other tag is escaped so that it shows
 * as text, and line breaks in the source become spaces as the editor would render them.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['strong', 'em', 'a', 'code', 'br'],
  allowedAttributes: { a: ['href'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: { b: 'strong', i: 'em' },
  selfClosing: ['br'],
  parser: { lowerCaseTags: true },
};

export function inlineHtml(text: string): string {
  const html = sanitizeHtml(text.replace(/\s*[\r\n]+\s*/g, ' ').trim(), OPTIONS);
  // The editor writes <br>, and an <a> without an allowed href is no link.
  return html.replace(/<br \/>/g, '<br>').replace(/<a>(.*?)<\/a>/g, '$1');
}
