import { Button, ProgressBar, __experimentalHStack as HStack } from '@wordpress/components';
import { DataViews, type Action, type Field, type View } from '@wordpress/dataviews';
import { useEffect, useState, type ReactElement, type ReactNode } from 'react';
import type { ListPage } from '../api/client';
import { useResource } from '../api/use-resource';
import { ErrorNotice } from './error-notice';
import { FormModal, type FormConfig } from './form-modal';

type Values = Record<string, string>;

/** What makes one table page: its list endpoint, columns, row actions, the create form and what to say when it is empty. */
export type TablePageConfig<T> = {
  title: string;
  endpoint: string;
  fields: Field<T>[];
  empty: ReactNode;
  /** Row actions; each may open the edit form of `forms`, or act at once. */
  actions?: (ctx: TableContext<T>) => Action<T>[];
  create?: { label: string; form: FormConfig; submit: (values: Values) => Promise<unknown> } | null;
  toolbar?: ReactNode;
  perPage?: number;
  /** Reload the list this often (ms) while it is shown, for rows that change on their own. */
  pollMs?: number;
  /** A page holding several tables gives them second-level headings. */
  heading?: 'h1' | 'h2';
};

export type TableContext<T> = {
  reload: () => Promise<void>;
  openForm: (form: FormConfig, initial: Values, submit: (values: Values) => Promise<unknown>) => void;
  /** Runs an immediate action, then reloads; its error is shown above the table. */
  act: (run: () => Promise<unknown>) => Promise<void>;
  rows: T[];
};

// Rows carry an `id`, which DataViews uses; its conditional prop type cannot see that for a generic row.
const Views = DataViews as unknown as <I>(props: Omit<Parameters<typeof DataViews<{ id: string }>>[0], 'data' | 'fields' | 'actions'> & { data: I[]; fields: Field<I>[]; actions: Action<I>[] }) => ReactElement;

type OpenForm = { form: FormConfig; initial: Values; submit: (values: Values) => Promise<unknown> };

/** The one table page of the dashboard: a DataViews table over a paged list endpoint, per a small config. */
export function TablePage<T extends { id: string }>({ config }: { config: TablePageConfig<T> }) {
  const [view, setView] = useState<View>({
    type: 'table',
    page: 1,
    perPage: config.perPage ?? 20,
    fields: config.fields.map((f) => f.id),
    layout: {},
  });
  // A new filter (another endpoint) starts again from its first page.
  useEffect(() => setView((v) => (v.page === 1 ? v : { ...v, page: 1 })), [config.endpoint]);
  const page = view.page ?? 1;
  const perPage = view.perPage ?? 20;
  const sep = config.endpoint.includes('?') ? '&' : '?';
  const list = useResource<ListPage<T>>(`${config.endpoint}${sep}page=${page}&page_size=${perPage}`, config.pollMs);
  const [form, setForm] = useState<OpenForm | null>(null);
  const rows = list.data?.results ?? [];
  const [actionError, setActionError] = useState<Error | null>(null);
  const [acting, setActing] = useState(false);

  const ctx: TableContext<T> = {
    reload: list.reload,
    openForm: (f, initial, submit) => setForm({ form: f, initial, submit }),
    act: async (run) => {
      setActionError(null);
      setActing(true);
      try {
        await run();
      } catch (err) {
        setActionError(err as Error);
      }
      await list.reload();
      setActing(false);
    },
    rows,
  };
  const actions = config.actions?.(ctx) ?? [];
  const count = list.data?.count ?? 0;
  const Heading = config.heading ?? 'h1';

  return (
    <section className="igny8-page" aria-label={config.title}>
      <HStack className="igny8-page-header" wrap>
        <Heading>{config.title}</Heading>
        <HStack expanded={false}>
          {config.toolbar}
          {config.create && (
            <Button variant="primary" __next40pxDefaultSize onClick={() => setForm({ form: config.create!.form, initial: {}, submit: config.create!.submit })}>
              {config.create.label}
            </Button>
          )}
        </HStack>
      </HStack>
      <ErrorNotice error={list.error} onRetry={list.reload} />
      <ErrorNotice error={actionError} />
      {acting && <ProgressBar aria-label="Working" />}
      <Views<T>
        data={rows}
        fields={config.fields}
        view={view}
        onChangeView={setView}
        actions={actions}
        search={false}
        isLoading={list.loading && !list.data}
        defaultLayouts={{ table: {} }}
        paginationInfo={{ totalItems: count, totalPages: Math.max(1, Math.ceil(count / perPage)) }}
        empty={<div className="igny8-empty">{config.empty}</div>}
      />
      {form && (
        <FormModal
          config={form.form}
          initial={form.initial}
          onClose={() => setForm(null)}
          onSubmit={async (values) => {
            await form.submit(values);
            await list.reload();
          }}
        />
      )}
    </section>
  );
}
