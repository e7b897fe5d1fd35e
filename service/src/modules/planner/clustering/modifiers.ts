/**
 * Words searchers add to a topic to say what they want of it — price, quality, place, audience,
 * comparison, time — rather than what it is about. They still tell intent apart ("cheap flights"
 * against "flights"), and stay in the keyword for naming and labelling, but two keywords sharing
 * "best" or "near me" do not share a topic, so they weigh MODIFIER_WEIGHT of a topic word.
 */
export const MODIFIERS: ReadonlySet<string> = new Set([
  // quality and ranking
  'best', 'top', 'good', 'great', 'better', 'rated', 'popular', 'recommended', 'review', 'reviews', 'rating', 'ratings',
  // price and buying
  'cheap', 'cheapest', 'affordable', 'budget', 'price', 'prices', 'pricing', 'cost', 'costs', 'buy', 'sale', 'deal', 'deals',
  'discount', 'discounts', 'coupon', 'coupons', 'free', 'online', 'shop', 'store', 'order', 'near', 'nearby', 'local',
  // comparison and research
  'vs', 'versus', 'compare', 'comparison', 'alternative', 'alternatives', 'guide', 'tips', 'ideas', 'examples', 'list',
  'reddit', 'meaning', 'definition', 'explained', 'pros', 'cons',
  // audience
  'women', 'womens', 'woman', 'men', 'mens', 'man', 'kids', 'kid', 'children', 'baby', 'beginners', 'beginner', 'adults',
  'seniors', 'girls', 'boys',
  // time and novelty
  'new', 'latest', 'today', 'now', 'year', 'month', 'uk', 'usa', 'us',
]);

export const MODIFIER_WEIGHT = 0.3;

/** Whether a (lower-case) token qualifies a keyword rather than naming its topic; numbers and years do. */
export function isModifier(token: string): boolean {
  return MODIFIERS.has(token) || /^\d+$/.test(token);
}
