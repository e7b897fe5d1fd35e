import { useEffect, useState } from '@wordpress/element';
import { serviceList } from './api';
import type { Cluster } from './types';

/** The sector's clusters by id (names for columns, choices for filters); reloads when `generation` changes. */
export function useClusters(sectorId: string | null, generation = 0): Map<string, Pick<Cluster, 'id' | 'name'>> {
  const [clusters, setClusters] = useState(new Map<string, Pick<Cluster, 'id' | 'name'>>());
  useEffect(() => {
    if (!sectorId) return undefined;
    let live = true;
    serviceList<Cluster>('planner/clusters', { sector_id: sectorId, page_size: 500, ordering: 'name' }).then(
      (page) => live && setClusters(new Map(page.results.map((c) => [c.id, { id: c.id, name: c.name }]))),
      // The names are a convenience: without them the column shows no name and the list still works.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [sectorId, generation]);
  return clusters;
}
