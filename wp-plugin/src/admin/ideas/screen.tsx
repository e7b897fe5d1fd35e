/** Ideas: the sector's content ideas, turned into writing tasks. */
import type { Field } from '@wordpress/dataviews/wp';
import { useCallback, useMemo } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';
import { service } from '../../common/api';
import { confirmAction } from '../../common/confirm-action';
import { CONTENT_TYPE_LABELS, elementsOf, formatNumber, IDEA_STATUS_LABELS } from '../../common/labels';
import { useSector } from '../../common/sector';
import { TablePage, type TableContext, type TablePageConfig } from '../../common/table-page';
import type { Idea } from '../../common/types';
import { useClusters } from '../../common/use-clusters';

export function IdeasScreen() {
  const { sectorId } = useSector();
  const clusters = useClusters(sectorId);
  const actions = useCallback(
    (ctx: TableContext<Idea>) => [
      confirmAction<Idea>({
        id: 'create-tasks',
        label: __('Create tasks', 'igny8'),
        ctx,
        isEligible: (idea) => idea.status === 'new',
        question: (items) => sprintf(/* translators: %d: number of ideas */ _n('Create a writing task from %d idea?', 'Create writing tasks from %d ideas?', items.length, 'igny8'), items.length),
        confirmLabel: __('Create tasks', 'igny8'),
        act: (items) => service('planner/ideas/create-tasks', { method: 'POST', data: { idea_ids: items.map((i) => i.id) } }),
        done: (items) =>
          sprintf(
            /* translators: %d: number of tasks */ _n(
              '%d task created. Generate its article on the Tasks screen.',
              '%d tasks created. Generate their articles on the Tasks screen.',
              items.length,
              'igny8',
            ),
            items.length,
          ),
      }),
    ],
    [],
  );
  const config = useMemo<TablePageConfig<Idea>>(() => {
    const fields: Field<Idea>[] = [
      { id: 'title', label: __('Idea', 'igny8'), enableHiding: false, enableSorting: false, filterBy: false },
      { id: 'target_keyword', label: __('Target keyword', 'igny8'), enableSorting: false, filterBy: false },
      { id: 'content_type', label: __('Type', 'igny8'), elements: elementsOf(CONTENT_TYPE_LABELS), enableSorting: false, filterBy: { operators: ['is'] } },
      {
        id: 'cluster_id',
        label: __('Cluster', 'igny8'),
        enableSorting: false,
        elements: [...clusters.values()].map((c) => ({ value: c.id, label: c.name })),
        filterBy: { operators: ['is'] },
        render: ({ item }) => (item.cluster_id ? (clusters.get(item.cluster_id)?.name ?? '…') : '—'),
      },
      { id: 'estimated_word_count', label: __('Words', 'igny8'), type: 'integer', enableSorting: false, filterBy: false, render: ({ item }) => formatNumber(item.estimated_word_count) },
      { id: 'status', label: __('Status', 'igny8'), elements: elementsOf(IDEA_STATUS_LABELS), enableSorting: false, filterBy: { operators: ['is'] } },
    ];
    return {
      title: __('Ideas', 'igny8'),
      endpoint: 'planner/ideas',
      perSector: true,
      fields,
      query: { search: 'search', filters: { status: 'status', content_type: 'content_type', cluster_id: 'cluster_id' } },
      actions,
      empty: () => <p>{__('No ideas yet. On the Clusters screen, choose clusters and generate ideas for them.', 'igny8')}</p>,
    };
  }, [actions, clusters]);
  return <TablePage config={config} />;
}
