import { z } from 'zod';

/**
 * An article as structured sections, the way the provider writes it and the way block markup is
 * read back: the server alone turns it into block markup, so every block is one the editor knows.
 * Text fields hold inline HTML (strong, em, a, code, br); anything else is escaped.
 */
const text = z.string().max(20_000);

export const listItemSchema = z.object({
  text,
  /** A nested list under this item (one level deep). */
  items: z.array(z.object({ text })).max(50),
});

export const blockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('paragraph'), text }),
  z.object({ type: z.literal('heading'), level: z.union([z.literal(3), z.literal(4)]), text }),
  z.object({ type: z.literal('list'), ordered: z.boolean(), items: z.array(listItemSchema).min(1).max(100) }),
  z.object({ type: z.literal('table'), head: z.array(text).max(20), rows: z.array(z.array(text).max(20)).min(1).max(200) }),
  z.object({ type: z.literal('quote'), text, citation: z.string().max(500) }),
]);
export type Block = z.infer<typeof blockSchema>;

/** A section of the article: an H2 (or H3) heading and its blocks; the introduction has no heading. */
export type Section = { heading: string | null; level: 2 | 3; blocks: Block[] };
