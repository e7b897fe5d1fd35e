import type { AssistKind } from '@igny8/shared';

/**
 * What each request costs, as the service charges it (its ASSIST_CREDITS; a unit test holds the
 * two equal). Kept here so the sidebar's bundle carries no schema code.
 */
export const ASSIST_COST: Record<AssistKind, number> = { title: 1, outline: 1, section: 1, meta_description: 1, draft: 3, featured_image: 2 };
