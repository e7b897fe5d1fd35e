import type { AuthorProfileRow, StrategyRow } from './queries';

// The text the {{author_profile}} and {{strategy}} prompt variables receive. Empty fields are left
// out so the model is not told "Audience: " with nothing after it.

const line = (label: string, value: string | number | null | undefined) =>
  value === null || value === undefined || value === '' ? null : `${label}: ${value}`;

const bullets = (label: string, items: readonly string[]) =>
  items.length === 0 ? null : `${label}:\n${items.map((i) => `- ${i}`).join('\n')}`;

type ProfileFields = Pick<AuthorProfileRow, 'name' | 'description' | 'tone' | 'audience' | 'reading_level' | 'do_list' | 'dont_list'>;
type StrategyFields = Pick<StrategyRow, 'name' | 'description' | 'content_types' | 'target_word_count' | 'tone' | 'instructions'>;

/** An author profile as prompt text; a neutral instruction when there is none. */
export function describeAuthorProfile(profile: ProfileFields | null): string {
  if (!profile) return 'No specific author profile: write as a knowledgeable, friendly expert for a general audience.';
  return [
    line('Author', profile.name),
    line('About', profile.description),
    line('Voice and tone', profile.tone),
    line('Audience', profile.audience),
    line('Reading level', profile.reading_level),
    bullets('Always', profile.do_list),
    bullets('Never', profile.dont_list),
  ]
    .filter((l) => l !== null)
    .join('\n');
}

/** A content strategy as prompt text; a neutral instruction when there is none. */
export function describeStrategy(strategy: StrategyFields | null): string {
  if (!strategy) return 'No specific strategy: choose the format and depth that best serve the search intent.';
  return [
    line('Strategy', strategy.name),
    line('Goal', strategy.description),
    line('Preferred content types', strategy.content_types.join(', ')),
    line('Target length (words)', strategy.target_word_count),
    line('Tone', strategy.tone),
    line('Instructions', strategy.instructions),
  ]
    .filter((l) => l !== null)
    .join('\n');
}
