/**
 * The post meta keys of the SEO plugins that publishing fills, per IGNY8 field: IGNY8's own (its
 * plugin registers them), Yoast SEO's and Rank Math's. A site exposes through REST only those a
 * plugin registered with `show_in_rest`; publishing writes the ones it finds.
 */
export const SEO_META_KEYS = {
  meta_title: ['_igny8_meta_title', '_yoast_wpseo_title', 'rank_math_title'],
  meta_description: ['_igny8_meta_description', '_yoast_wpseo_metadesc', 'rank_math_description'],
  focus_keyword: ['_igny8_focus_keyword', '_yoast_wpseo_focuskw', 'rank_math_focus_keyword'],
} as const;
export type SeoField = keyof typeof SEO_META_KEYS;

/**
 * The meta to send for `values` on a site exposing `exposed`, and the fields (with a value) that no
 * exposed key could take: the post is published anyway and the content says what is missing.
 */
export function seoMeta(values: Record<SeoField, string>, exposed: ReadonlySet<string>): { meta: Record<string, string>; notSet: SeoField[] } {
  const meta: Record<string, string> = {};
  const notSet: SeoField[] = [];
  for (const field of Object.keys(SEO_META_KEYS) as SeoField[]) {
    const value = values[field].trim();
    if (!value) continue;
    const keys = SEO_META_KEYS[field].filter((k) => exposed.has(k));
    if (keys.length === 0) notSet.push(field);
    for (const k of keys) meta[k] = value;
  }
  return { meta, notSet };
}
