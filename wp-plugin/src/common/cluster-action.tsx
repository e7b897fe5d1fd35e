/**
 * Auto-clustering, for chosen keywords or a whole sector: the granularity to choose, the cost
 * (one credit per 30 keywords), then the run's progress.
 */
import { RadioControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';
import { clusteringCredits } from '@igny8/shared/credits';
import { AIAction } from './ai-panel';
import { service } from './api';
import { GRANULARITY_LABELS, elementsOf } from './labels';
import type { Granularity } from './types';

type Target = { keyword_ids: string[] } | { sector_id: string };

export function ClusterAction({ target, keywords, onEnded, onClose }: { target: Target; keywords: number; onEnded: () => void; onClose: () => void }) {
  const [granularity, setGranularity] = useState<Granularity>('balanced');
  return (
    <AIAction
      summary={sprintf(
        /* translators: %d: number of keywords */
        _n('Group %d keyword into clusters of the same search intent.', 'Group %d keywords into clusters of the same search intent.', keywords, 'igny8'),
        keywords,
      )}
      credits={clusteringCredits(keywords)}
      startLabel={__('Cluster', 'igny8')}
      start={() => service('planner/keywords/auto-cluster', { method: 'POST', data: { ...target, granularity } })}
      succeeded={() => __('Keywords clustered. See them on the Clusters screen.', 'igny8')}
      onEnded={onEnded}
      onClose={onClose}
    >
      <RadioControl
        label={__('How fine-grained', 'igny8')}
        selected={granularity}
        options={elementsOf(GRANULARITY_LABELS)}
        onChange={(value: string) => setGranularity(value as Granularity)}
      />
    </AIAction>
  );
}
