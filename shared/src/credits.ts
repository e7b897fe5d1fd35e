// Credit prices and the progress phases of AI runs, without zod: the plugin's screens show costs
// and phases, and importing them from here keeps the schema library out of their bundles.

/** Credit prices of the contract: clustering 1 per 30 keywords (min 1), ideas 1 each, content 3 each, images 1 each, image prompts 1 per article, reparse 1. */
export const CREDIT_COSTS = {
  keywordsPerClusteringCredit: 30,
  idea: 1,
  content: 3,
  image: 1,
  /** generate_image_prompts: one text call per article. */
  imagePrompts: 1,
  reparse: 1,
} as const;

/** Credits for clustering `keywords` keywords: one per 30, at least one. */
export function clusteringCredits(keywords: number): number {
  return Math.max(1, Math.ceil(keywords / CREDIT_COSTS.keywordsPerClusteringCredit));
}
