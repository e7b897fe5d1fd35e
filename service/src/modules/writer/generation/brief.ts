import type { Tx } from '../../../db/client';
import { describeAuthorProfile, describeStrategy, getAuthorProfile, getPromptTemplate, getStrategy, renderPrompt } from '../../thinker';
import type { GenerationTask } from '../tasks/queries';

/**
 * What every prompt about an article starts with: the account's generate_content template (its
 * own or the default) filled in from the task, with the task's author profile and strategy (or
 * the account's defaults) and the editor's brief.
 */
export async function articleBrief(tx: Tx, task: GenerationTask, accountId: string): Promise<string> {
  const template = (await getPromptTemplate(tx, 'generate_content', accountId)).template;
  const author = describeAuthorProfile(await getAuthorProfile(tx, task.author_profile_id, accountId));
  const strategy = describeStrategy(await getStrategy(tx, task.strategy_id, accountId));
  const brief = renderPrompt(template, {
    title: task.title,
    outline: task.outline.map((s) => `${s.level === 3 ? '  ' : ''}- ${s.heading}${s.notes ? `: ${s.notes}` : ''}`).join('\n') || '(none: plan it)',
    primary_keyword: task.primary_keyword || task.title,
    secondary_keywords: task.secondary_keywords.join(', ') || '(none)',
    word_count: String(task.target_word_count),
    content_type: task.content_type,
    author_profile: author,
    strategy,
  });
  return task.brief ? `${brief}\n\nBrief from the editor:\n${task.brief}` : brief;
}
