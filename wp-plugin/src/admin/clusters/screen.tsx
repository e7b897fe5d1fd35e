/**
 * Clusters: the sector's clusters with their keyword counts and volume totals, the keywords of
 * each, idea generation for chosen clusters and re-clustering of the sector.
 */
import { RangeControl, Spinner } from '@wordpress/components';
import type { Field } from '@wordpress/dataviews/wp';
import { useEffect, useMemo, useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';
import { CREDIT_COSTS } from '@igny8/shared/credits';
import { AIAction } from '../../common/ai-panel';
import { aiItemsAction, AIActionButton } from '../../common/ai-entry';
import { service, serviceList } from '../../common/api';
import { ClusterAction } from '../../common/cluster-action';
import { errorMessage } from '../../common/errors';
import { elementsOf, formatNumber, INTENT_LABELS } from '../../common/labels';
import { TablePage, type TableContext, type TablePageConfig } from '../../common/table-page';
import type { Cluster, Keyword } from '../../common/types';

type ClusterKeywords = Cluster & { keywords: Pick<Keyword, 'id' | 'keyword' | 'volume' | 'difficulty' | 'intent'>[]; keywords_truncated: boolean };

const STATUS_LABELS = { active: __('Active', 'igny8'), archived: __('Archived', 'igny8') } satisfies Record<Cluster['status'], string>;

function KeywordsOf({ cluster }: { cluster: Cluster }) {
  const [loaded, setLoaded] = useState<ClusterKeywords | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    service<ClusterKeywords>(`planner/clusters/${cluster.id}`).then(setLoaded, (err: unknown) => setError(errorMessage(err)));
  }, [cluster.id]);
  if (error) return <p role="alert">{error}</p>;
  if (!loaded) return <Spinner />;
  return (
    <div className="igny8-report">
      <p>
        {sprintf(
          /* translators: 1: number of keywords, 2: their total search volume */
          __('%1$s keywords, total volume %2$s.', 'igny8'),
          formatNumber(loaded.keyword_count),
          formatNumber(loaded.total_volume),
        )}
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">{__('Keyword', 'igny8')}</th>
            <th scope="col">{__('Volume', 'igny8')}</th>
            <th scope="col">{__('Difficulty', 'igny8')}</th>
          </tr>
        </thead>
        <tbody>
          {loaded.keywords.map((k) => (
            <tr key={k.id}>
              <td>{k.keyword}</td>
              <td>{formatNumber(k.volume)}</td>
              <td>{formatNumber(k.difficulty)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {loaded.keywords_truncated && <p>{__('Only the first keywords are listed; filter the Keywords screen by this cluster to see all.', 'igny8')}</p>}
    </div>
  );
}

function GenerateIdeas({ clusters, onEnded, onClose }: { clusters: Cluster[]; onEnded: () => void; onClose: () => void }) {
  const [perCluster, setPerCluster] = useState(3);
  return (
    <AIAction
      summary={sprintf(
        /* translators: %d: number of clusters */
        _n('Write content ideas for %d cluster.', 'Write content ideas for %d clusters.', clusters.length, 'igny8'),
        clusters.length,
      )}
      credits={clusters.length * perCluster * CREDIT_COSTS.idea}
      startLabel={__('Generate ideas', 'igny8')}
      start={() => service('planner/clusters/generate-ideas', { method: 'POST', data: { cluster_ids: clusters.map((c) => c.id), ideas_per_cluster: perCluster } })}
      succeeded={() => __('Ideas written. See them on the Ideas screen.', 'igny8')}
      onEnded={onEnded}
      onClose={onClose}
    >
      <RangeControl __next40pxDefaultSize __nextHasNoMarginBottom label={__('Ideas per cluster', 'igny8')} min={1} max={10} value={perCluster} onChange={(n?: number) => setPerCluster(n ?? 3)} />
    </AIAction>
  );
}

function ReclusterButton({ ctx }: { ctx: TableContext<Cluster> }) {
  const [keywords, setKeywords] = useState<number | null>(null);
  useEffect(() => {
    if (!ctx.sectorId) return;
    serviceList<Keyword>('planner/keywords', { sector_id: ctx.sectorId, page_size: 1 }).then((p) => setKeywords(p.count), () => setKeywords(null));
  }, [ctx.sectorId, ctx.count]);
  if (!ctx.sectorId) return null;
  return (
    <AIActionButton
      label={__('Re-cluster sector', 'igny8')}
      title={__('Re-cluster the sector', 'igny8')}
      disabled={!keywords}
      render={(close) => <ClusterAction target={{ sector_id: ctx.sectorId! }} keywords={keywords ?? 0} onEnded={ctx.reload} onClose={close} />}
    />
  );
}

export function ClustersScreen() {
  const config = useMemo<TablePageConfig<Cluster>>(() => {
    const fields: Field<Cluster>[] = [
      { id: 'name', label: __('Cluster', 'igny8'), enableHiding: false, enableSorting: true, filterBy: false },
      { id: 'pillar_keyword', label: __('Pillar keyword', 'igny8'), enableSorting: false, filterBy: false, render: ({ item }) => item.pillar_keyword ?? '—' },
      { id: 'keyword_count', label: __('Keywords', 'igny8'), type: 'integer', enableSorting: true, filterBy: false },
      { id: 'total_volume', label: __('Total volume', 'igny8'), type: 'integer', enableSorting: true, filterBy: false, render: ({ item }) => formatNumber(item.total_volume) },
      { id: 'avg_difficulty', label: __('Avg. difficulty', 'igny8'), enableSorting: false, filterBy: false, render: ({ item }) => (item.avg_difficulty === null ? '—' : Math.round(item.avg_difficulty)) },
      { id: 'intent', label: __('Intent', 'igny8'), elements: elementsOf(INTENT_LABELS), enableSorting: false, filterBy: false },
      { id: 'status', label: __('Status', 'igny8'), elements: elementsOf(STATUS_LABELS), enableSorting: false, filterBy: { operators: ['is'] } },
    ];
    return {
      title: __('Clusters', 'igny8'),
      endpoint: 'planner/clusters',
      perSector: true,
      fields,
      sort: { field: 'total_volume', direction: 'desc' },
      query: { search: 'search', sort: { name: 'name', keyword_count: 'keyword_count', total_volume: 'total_volume' }, filters: { status: 'status' } },
      actions: (ctx) => [
        {
          id: 'keywords',
          label: __('View keywords', 'igny8'),
          modalHeader: __('Keywords of the cluster', 'igny8'),
          RenderModal: ({ items }) => <KeywordsOf cluster={items[0]!} />,
        },
        aiItemsAction<Cluster>({
          id: 'generate-ideas',
          label: __('Generate ideas', 'igny8'),
          isPrimary: true,
          render: (items, close) => <GenerateIdeas clusters={items} onEnded={ctx.reload} onClose={close} />,
        }),
      ],
      toolbar: (ctx) => <ReclusterButton ctx={ctx} />,
      empty: () => <p>{__('No clusters yet. On the Keywords screen, choose keywords (or the whole sector) and auto-cluster them.', 'igny8')}</p>,
    };
  }, []);
  return <TablePage config={config} />;
}
