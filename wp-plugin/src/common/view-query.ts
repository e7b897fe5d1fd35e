/**
 * Turns a DataViews view (page, sort, filters, search) into the query string of the service's
 * list endpoints, so paging, sorting and filtering happen on the server, over every row.
 */
import type { View } from '@wordpress/dataviews/wp';
import type { Query } from './api';

/** How one filterable field reaches the query: one parameter (`is`), or a min/max pair (ranges). */
export type FilterParam = string | { min: string; max: string };

export type QueryMap = {
  /** Field id → query parameter(s). */
  filters?: Record<string, FilterParam>;
  /** Sortable field id → the `ordering` name the endpoint knows (`-name` is sent for descending). */
  sort?: Record<string, string>;
  /** The parameter free-text search goes to, when the endpoint has one. */
  search?: string;
};

type Filter = NonNullable<View['filters']>[number];

function numberOf(value: unknown): number | undefined {
  if (value === '' || value === null || value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

function filterQuery(filter: Filter, param: FilterParam): Query {
  const { operator, value } = filter;
  if (typeof param === 'string') {
    const one = Array.isArray(value) ? value[0] : value;
    return one === undefined || one === null || one === '' ? {} : { [param]: String(one) };
  }
  if (operator === 'between' && Array.isArray(value)) return { [param.min]: numberOf(value[0]), [param.max]: numberOf(value[1]) };
  if (operator === 'greaterThanOrEqual' || operator === 'greaterThan') return { [param.min]: numberOf(value) };
  if (operator === 'lessThanOrEqual' || operator === 'lessThan') return { [param.max]: numberOf(value) };
  if (operator === 'is') return { [param.min]: numberOf(value), [param.max]: numberOf(value) };
  return {};
}

export function viewToQuery(view: View, map: QueryMap): Query {
  const query: Query = { page: view.page ?? 1, page_size: view.perPage ?? 20 };
  const sortName = view.sort && map.sort?.[view.sort.field];
  if (sortName) query.ordering = view.sort!.direction === 'desc' ? `-${sortName}` : sortName;
  if (map.search && view.search?.trim()) query[map.search] = view.search.trim();
  for (const filter of view.filters ?? []) {
    const param = map.filters?.[filter.field];
    if (param) Object.assign(query, filterQuery(filter, param));
  }
  return query;
}
