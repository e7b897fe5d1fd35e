/** Tasks: what is to be written; generating content writes the chosen tasks' articles. */
import type { Field } from '@wordpress/dataviews/wp';
import { useMemo } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';
import { CREDIT_COSTS } from '@igny8/shared/credits';
import { AIAction } from '../../common/ai-panel';
import { aiItemsAction } from '../../common/ai-entry';
import { service } from '../../common/api';
import { CONTENT_TYPE_LABELS, elementsOf, formatNumber, TASK_STATUS_LABELS } from '../../common/labels';
import { TablePage, type TablePageConfig } from '../../common/table-page';
import type { ContentType, Task } from '../../common/types';

/** Tasks one generation may name (the service's limit). */
const MAX_TASKS = 50;

export function TasksScreen() {
  const config = useMemo<TablePageConfig<Task>>(() => {
    const fields: Field<Task>[] = [
      { id: 'title', label: __('Task', 'igny8'), enableHiding: false, enableSorting: false, filterBy: false },
      { id: 'primary_keyword', label: __('Primary keyword', 'igny8'), enableSorting: false, filterBy: false },
      { id: 'content_type', label: __('Type', 'igny8'), enableSorting: false, filterBy: false, render: ({ item }) => CONTENT_TYPE_LABELS[item.content_type as ContentType] ?? item.content_type },
      { id: 'target_word_count', label: __('Words', 'igny8'), type: 'integer', enableSorting: false, filterBy: false, render: ({ item }) => formatNumber(item.target_word_count) },
      { id: 'status', label: __('Status', 'igny8'), elements: elementsOf(TASK_STATUS_LABELS), enableSorting: false, filterBy: { operators: ['is'] } },
    ];
    return {
      title: __('Tasks', 'igny8'),
      endpoint: 'writer/tasks',
      perSector: true,
      fields,
      query: { filters: { status: 'status' } },
      actions: (ctx) => [
        aiItemsAction<Task>({
          id: 'generate-content',
          label: __('Generate content', 'igny8'),
          isPrimary: true,
          isEligible: (task) => task.status !== 'in_progress',
          render: (items, close) => (
            <AIAction
              summary={
                items.length > MAX_TASKS
                  ? sprintf(/* translators: %d: the most tasks at once */ __('Choose at most %d tasks at once.', 'igny8'), MAX_TASKS)
                  : sprintf(/* translators: %d: number of articles */ _n('Write %d article, outline first, then section by section.', 'Write %d articles, outline first, then section by section.', items.length, 'igny8'), items.length)
              }
              credits={Math.min(items.length, MAX_TASKS) * CREDIT_COSTS.content}
              startLabel={__('Generate', 'igny8')}
              start={() => service('writer/tasks/generate-content', { method: 'POST', data: { task_ids: items.slice(0, MAX_TASKS).map((t) => t.id) } })}
              succeeded={() => __('Articles written. Review them on the Content screen.', 'igny8')}
              onEnded={ctx.reload}
              onClose={close}
            />
          ),
        }),
      ],
      empty: () => <p>{__('No tasks yet. On the Ideas screen, choose ideas and create tasks from them.', 'igny8')}</p>,
    };
  }, []);
  return <TablePage config={config} />;
}
