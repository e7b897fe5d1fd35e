/**
 * The article as it will read, from its stored HTML. The HTML came from an AI and may hold
 * anything, so it is shown in a sandboxed frame: no scripts, no forms, no access to wp-admin,
 * and a content policy that lets only images and inline styles load.
 */
import { __ } from '@wordpress/i18n';

const POLICY = "default-src 'none'; img-src https: http: data: blob:; style-src 'unsafe-inline'";
const STYLE = 'body{font:16px/1.6 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,sans-serif;max-width:720px;margin:24px auto;padding:0 16px;color:#1e1e1e}img{max-width:100%;height:auto}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:4px 8px}';

export function previewDocument(title: string, html: string): string {
  const escapedTitle = title.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${POLICY}"><base target="_blank"><style>${STYLE}</style></head><body><h1>${escapedTitle}</h1>${html}</body></html>`;
}

export function Preview({ title, html }: { title: string; html: string }) {
  return <iframe className="igny8-preview" sandbox="" referrerPolicy="no-referrer" title={__('Article preview', 'igny8')} srcDoc={previewDocument(title, html)} />;
}
