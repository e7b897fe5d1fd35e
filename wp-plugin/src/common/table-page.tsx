/**
 * The one table page of the plugin's screens: a DataViews table over a paged list endpoint of the
 * service, per a small config (endpoint, fields, how the view maps to the query, actions, what to
 * say when empty). Paging, sorting and filtering happen on the server: every view change becomes
 * the list's query string.
 */
import { __experimentalHStack as HStack, Notice } from '@wordpress/components';
import { DataViews, type Action, type Field, type View } from '@wordpress/dataviews/wp';
import { useCallback, useEffect, useMemo, useRef, useState } from '@wordpress/element';
import type { ReactElement, ReactNode } from 'react';
import { __ } from '@wordpress/i18n';
import { serviceList, type Query } from './api';
import { errorMessage } from './errors';
import { useNotify, type Notify } from './notices';
import { SectorPicker, useSector } from './sector';
import { viewToQuery, type QueryMap } from './view-query';
import './screens.css';

export type TableContext<T> = {
  reload: () => void;
  sectorId: string | null;
  rows: T[];
  /** Rows matching the current filters, over all pages. */
  count: number;
  /** The list query of the current view (filters included), e.g. for an action over all of them. */
  query: Query;
  notify: Notify;
};

export type TablePageConfig<T> = {
  title: string;
  /** The service's list path, e.g. `planner/keywords`. */
  endpoint: string;
  fields: Field<T>[];
  query: QueryMap;
  /** Lists filtered by the chosen sector show nothing until one exists. */
  perSector?: boolean;
  /** Extra fixed query parameters. */
  fixed?: Query;
  sort?: View['sort'];
  perPage?: number;
  actions?: (ctx: TableContext<T>) => Action<T>[];
  toolbar?: (ctx: TableContext<T>) => ReactNode;
  /** What to say, and what to do next, when the list is empty. */
  empty: (ctx: TableContext<T>) => ReactNode;
};

// Rows carry an `id`, which DataViews uses; its conditional prop type cannot see that for a generic row.
const Views = DataViews as unknown as <I>(
  props: Omit<Parameters<typeof DataViews<{ id: string }>>[0], 'data' | 'fields' | 'actions'> & { data: I[]; fields: Field<I>[]; actions: Action<I>[] },
) => ReactElement;

type Loaded<T> = { rows: T[]; count: number; loading: boolean; error: unknown };

export function TablePage<T extends { id: string }>({ config }: { config: TablePageConfig<T> }) {
  const notify = useNotify();
  const { sectorId, loading: sectorLoading, sectors } = useSector();
  const [view, setView] = useState<View>(() => ({
    type: 'table',
    page: 1,
    perPage: config.perPage ?? 20,
    sort: config.sort,
    search: '',
    filters: [],
    fields: config.fields.map((f) => f.id),
    layout: {},
  }));
  const [loaded, setLoaded] = useState<Loaded<T>>({ rows: [], count: 0, loading: true, error: null });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  const query = useMemo<Query>(
    () => ({ ...config.fixed, ...(config.perSector ? { sector_id: sectorId ?? undefined } : {}), ...viewToQuery(view, config.query) }),
    [config.fixed, config.perSector, config.query, sectorId, view],
  );
  const queryKey = JSON.stringify(query);
  const waiting = config.perSector && !sectorId;

  // A new sector shows its first page.
  useEffect(() => setView((v) => (v.page === 1 ? v : { ...v, page: 1 })), [sectorId]);

  useEffect(() => {
    if (waiting) {
      setLoaded({ rows: [], count: 0, loading: sectorLoading, error: null });
      return undefined;
    }
    let live = true;
    setLoaded((l) => ({ ...l, loading: true }));
    serviceList<T>(config.endpoint, query).then(
      (page) => live && setLoaded({ rows: page.results, count: page.count, loading: false, error: null }),
      (error: unknown) => live && setLoaded({ rows: [], count: 0, loading: false, error }),
    );
    return () => {
      live = false;
    };
    // The query's content, not its identity, decides a reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [config.endpoint, queryKey, waiting, sectorLoading, generation]);

  const ctx: TableContext<T> = { reload, sectorId, rows: loaded.rows, count: loaded.count, query, notify };
  // Actions are made once per config: DataViews renders an open action's modal from its
  // RenderModal, and a new one on every list change would remount the panel and lose its run.
  // They read the rest of the context when they act, through the ref.
  const current = useRef(ctx);
  current.current = ctx;
  const actions = useMemo(
    () =>
      config.actions?.({
        reload,
        notify,
        get sectorId() {
          return current.current.sectorId;
        },
        get rows() {
          return current.current.rows;
        },
        get count() {
          return current.current.count;
        },
        get query() {
          return current.current.query;
        },
      }) ?? [],
    [config.actions, reload, notify],
  );
  const perPage = view.perPage ?? 20;
  const noSector = config.perSector && !sectorLoading && sectors.length === 0;

  return (
    <section className="igny8-page" aria-label={config.title}>
      <HStack className="igny8-page__header" wrap alignment="bottom" justify="flex-start">
        <h1 className="wp-heading-inline">{config.title}</h1>
        <HStack expanded={false} alignment="bottom" className="igny8-page__tools">
          {config.perSector && <SectorPicker />}
          {!waiting && config.toolbar?.(ctx)}
        </HStack>
      </HStack>
      {loaded.error != null && (
        <Notice status="error" isDismissible={false} actions={[{ label: __('Try again', 'igny8'), onClick: reload }]}>
          {errorMessage(loaded.error)}
        </Notice>
      )}
      {noSector ? (
        <Notice status="warning" isDismissible={false}>
          {__('The connected site has no active sector yet. Add one in the IGNY8 dashboard, or ask an administrator to.', 'igny8')}
        </Notice>
      ) : (
        <Views<T>
          data={loaded.rows}
          fields={config.fields}
          view={view}
          onChangeView={setView}
          actions={actions}
          search={Boolean(config.query.search)}
          searchLabel={__('Search', 'igny8')}
          isLoading={loaded.loading}
          getItemId={(item: { id: string }) => item.id}
          defaultLayouts={{ table: {} }}
          paginationInfo={{ totalItems: loaded.count, totalPages: Math.max(1, Math.ceil(loaded.count / perPage)) }}
          empty={<div className="igny8-empty">{config.empty(ctx)}</div>}
        />
      )}
    </section>
  );
}
