/**
 * The sector the planner and writer lists show. The site is the connected one (a signed request
 * acts inside its site only, so `GET /sites` lists just it); the chosen sector is remembered in
 * the browser so moving between screens keeps it.
 */
import { SelectControl } from '@wordpress/components';
import { createContext, useContext, useEffect, useState } from '@wordpress/element';
import type { ReactNode } from 'react';
import { __ } from '@wordpress/i18n';
import type { Sector, Site } from '@igny8/shared';
import { serviceList } from './api';
import { useNotify } from './notices';

const STORAGE_KEY = 'igny8.sector';

export type SectorState = {
  site: Pick<Site, 'id' | 'name'> | null;
  sectors: Pick<Sector, 'id' | 'name' | 'status'>[];
  sectorId: string | null;
  setSectorId: (id: string) => void;
  loading: boolean;
};

const SectorContext = createContext<SectorState>({ site: null, sectors: [], sectorId: null, setSectorId: () => {}, loading: true });

export const useSector = () => useContext(SectorContext);

function remembered(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function SectorProvider({ children }: { children: ReactNode }) {
  const notify = useNotify();
  const [state, setState] = useState<Omit<SectorState, 'setSectorId'>>({ site: null, sectors: [], sectorId: null, loading: true });

  useEffect(() => {
    let live = true;
    (async () => {
      const sites = await serviceList<Site>('sites', { page_size: 1 });
      const site = sites.results[0] ?? null;
      const sectors = site ? (await serviceList<Sector>(`sites/${site.id}/sectors`, { page_size: 100 })).results.filter((s) => s.status === 'active') : [];
      const kept = remembered();
      const sectorId = sectors.find((s) => s.id === kept)?.id ?? sectors[0]?.id ?? null;
      if (live) setState({ site, sectors, sectorId, loading: false });
    })().catch((err: unknown) => {
      if (!live) return;
      notify.error(err);
      setState((s) => ({ ...s, loading: false }));
    });
    return () => {
      live = false;
    };
  }, [notify]);

  const setSectorId = (id: string) => {
    try {
      window.localStorage.setItem(STORAGE_KEY, id);
    } catch {
      // Private browsing may refuse storage; the choice then lasts for this page only.
    }
    setState((s) => ({ ...s, sectorId: id }));
  };

  return <SectorContext.Provider value={{ ...state, setSectorId }}>{children}</SectorContext.Provider>;
}

export function SectorPicker() {
  const { sectors, sectorId, setSectorId, loading } = useSector();
  if (loading || sectors.length === 0) return null;
  return (
    <SelectControl
      __next40pxDefaultSize
      __nextHasNoMarginBottom
      label={__('Sector', 'igny8')}
      value={sectorId ?? ''}
      options={sectors.map((s) => ({ value: s.id, label: s.name }))}
      onChange={(id: string) => setSectorId(id)}
    />
  );
}
