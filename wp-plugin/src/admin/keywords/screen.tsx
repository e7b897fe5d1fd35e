/**
 * Keywords: the sector's keyword list with server-side filters and sort, CSV import and export,
 * bulk delete, and auto-clustering of chosen keywords or the whole sector.
 */
import { Button, Spinner } from '@wordpress/components';
import type { Field } from '@wordpress/dataviews/wp';
import { lazy, Suspense, useCallback, useMemo, useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';
import { aiItemsAction, AIActionButton } from '../../common/ai-entry';
import { service } from '../../common/api';
import { ClusterAction } from '../../common/cluster-action';
import { confirmAction } from '../../common/confirm-action';
import { download } from '../../common/download';
import { elementsOf, formatNumber, INTENT_LABELS, KEYWORD_STATUS_LABELS } from '../../common/labels';
import { useSector } from '../../common/sector';
import { TablePage, type TableContext, type TablePageConfig } from '../../common/table-page';
import type { Keyword } from '../../common/types';
import { useClusters } from '../../common/use-clusters';

// The import dialog is not shown at first: it loads when asked for.
const ImportDialog = lazy(() => import(/* webpackChunkName: "keywords-import" */ './import-dialog'));

const range = { operators: ['between', 'greaterThanOrEqual', 'lessThanOrEqual'] as const };

export function KeywordsScreen() {
  const [generation, setGeneration] = useState(0);
  const { sectorId } = useSector();
  const clusters = useClusters(sectorId, generation);

  const actions = useCallback(
    (ctx: TableContext<Keyword>) => [
      aiItemsAction<Keyword>({
        id: 'auto-cluster',
        label: __('Auto-cluster', 'igny8'),
        isPrimary: true,
        render: (items, close) => (
          <ClusterAction
            target={{ keyword_ids: items.map((k) => k.id) }}
            keywords={items.length}
            onEnded={() => {
              ctx.reload();
              setGeneration((g) => g + 1);
            }}
            onClose={close}
          />
        ),
      }),
      confirmAction<Keyword>({
        id: 'delete',
        label: __('Delete', 'igny8'),
        destructive: true,
        ctx,
        question: (items) =>
          sprintf(/* translators: %d: number of keywords */ _n('Delete %d keyword? This cannot be undone.', 'Delete %d keywords? This cannot be undone.', items.length, 'igny8'), items.length),
        confirmLabel: __('Delete', 'igny8'),
        act: (items) => service('planner/keywords/bulk-delete', { method: 'POST', data: { ids: items.map((k) => k.id) } }),
        done: (items) => sprintf(/* translators: %d: number of keywords */ _n('%d keyword deleted.', '%d keywords deleted.', items.length, 'igny8'), items.length),
      }),
    ],
    [],
  );

  const config = useMemo<TablePageConfig<Keyword>>(() => {
    const fields: Field<Keyword>[] = [
      { id: 'keyword', label: __('Keyword', 'igny8'), enableHiding: false, enableSorting: true, filterBy: false },
      { id: 'volume', label: __('Volume', 'igny8'), type: 'integer', enableSorting: true, filterBy: { operators: [...range.operators] }, render: ({ item }) => formatNumber(item.volume) },
      { id: 'difficulty', label: __('Difficulty', 'igny8'), type: 'integer', enableSorting: true, filterBy: { operators: [...range.operators] }, render: ({ item }) => formatNumber(item.difficulty) },
      { id: 'cpc', label: __('CPC', 'igny8'), type: 'number', enableSorting: true, filterBy: false, render: ({ item }) => (item.cpc === null ? '—' : item.cpc.toFixed(2)) },
      { id: 'intent', label: __('Intent', 'igny8'), elements: elementsOf(INTENT_LABELS), enableSorting: false, filterBy: { operators: ['is'] } },
      { id: 'status', label: __('Status', 'igny8'), elements: elementsOf(KEYWORD_STATUS_LABELS), enableSorting: false, filterBy: { operators: ['is'] } },
      {
        id: 'cluster_id',
        label: __('Cluster', 'igny8'),
        enableSorting: false,
        elements: [...clusters.values()].map((c) => ({ value: c.id, label: c.name })),
        filterBy: { operators: ['is'] },
        render: ({ item }) => (item.cluster_id ? (clusters.get(item.cluster_id)?.name ?? '…') : '—'),
      },
    ];
    return {
      title: __('Keywords', 'igny8'),
      endpoint: 'planner/keywords',
      perSector: true,
      fields,
      sort: { field: 'volume', direction: 'desc' },
      query: {
        search: 'search',
        sort: { keyword: 'keyword', volume: 'volume', difficulty: 'difficulty', cpc: 'cpc' },
        filters: {
          status: 'status',
          intent: 'intent',
          cluster_id: 'cluster_id',
          volume: { min: 'min_volume', max: 'max_volume' },
          difficulty: { min: 'min_difficulty', max: 'max_difficulty' },
        },
      },
      actions,
      toolbar: (ctx) => <KeywordsToolbar ctx={ctx} onClustered={() => setGeneration((g) => g + 1)} />,
      empty: (ctx) => (
        <>
          <p>{__('No keywords here yet. Import a CSV with a "keyword" column (volume, difficulty, cpc and intent are optional), then auto-cluster them.', 'igny8')}</p>
          <ImportButton ctx={ctx} />
        </>
      ),
    };
  }, [actions, clusters]);

  return <TablePage config={config} />;
}

function ImportButton({ ctx }: { ctx: TableContext<Keyword> }) {
  const [open, setOpen] = useState(false);
  if (!ctx.sectorId) return null;
  return (
    <>
      <Button variant="secondary" __next40pxDefaultSize onClick={() => setOpen(true)}>
        {__('Import CSV', 'igny8')}
      </Button>
      {open && (
        <Suspense fallback={<Spinner />}>
          <ImportDialog sectorId={ctx.sectorId} onImported={ctx.reload} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}

function KeywordsToolbar({ ctx, onClustered }: { ctx: TableContext<Keyword>; onClustered: () => void }) {
  const [exporting, setExporting] = useState(false);
  const { sectorId } = ctx;
  if (!sectorId) return null;
  const unfiltered = Object.keys(ctx.query).every((k) => ['sector_id', 'page', 'page_size', 'ordering'].includes(k));
  return (
    <>
      <ImportButton ctx={ctx} />
      <Button
        variant="secondary"
        __next40pxDefaultSize
        isBusy={exporting}
        disabled={exporting}
        onClick={async () => {
          setExporting(true);
          try {
            await download('keywords/export', { sector_id: sectorId }, 'keywords.csv');
          } catch (err) {
            ctx.notify.error(err);
          }
          setExporting(false);
        }}
      >
        {__('Export CSV', 'igny8')}
      </Button>
      <AIActionButton
        label={__('Auto-cluster sector', 'igny8')}
        title={__('Auto-cluster the sector', 'igny8')}
        // The cost counts the whole sector, which the list's count is only when nothing filters it.
        disabled={!unfiltered || ctx.count === 0}
        render={(close) => (
          <ClusterAction
            target={{ sector_id: sectorId }}
            keywords={ctx.count}
            onEnded={() => {
              ctx.reload();
              onClustered();
            }}
            onClose={close}
          />
        )}
      />
    </>
  );
}
