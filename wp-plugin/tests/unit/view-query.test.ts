import { describe, expect, it } from 'vitest';
import type { View } from '@wordpress/dataviews/wp';
import { viewToQuery, type QueryMap } from '../../src/common/view-query';

const map: QueryMap = {
  search: 'search',
  sort: { keyword: 'keyword', volume: 'volume' },
  filters: { status: 'status', intent: 'intent', volume: { min: 'min_volume', max: 'max_volume' } },
};
const base: View = { type: 'table', page: 3, perPage: 25 };

describe('a view as the list query', () => {
  it('sends the page and page size', () => {
    expect(viewToQuery(base, map)).toEqual({ page: 3, page_size: 25 });
  });

  it('sends the sort as the ordering the endpoint knows, descending with a minus', () => {
    expect(viewToQuery({ ...base, sort: { field: 'volume', direction: 'desc' } }, map).ordering).toBe('-volume');
    expect(viewToQuery({ ...base, sort: { field: 'keyword', direction: 'asc' } }, map).ordering).toBe('keyword');
    // A column the endpoint cannot sort by sends no ordering at all, rather than one it would refuse.
    expect(viewToQuery({ ...base, sort: { field: 'intent', direction: 'asc' } }, map).ordering).toBeUndefined();
  });

  it('sends the search trimmed, and none when blank', () => {
    expect(viewToQuery({ ...base, search: '  rose care ' }, map).search).toBe('rose care');
    expect(viewToQuery({ ...base, search: '   ' }, map)).not.toHaveProperty('search');
  });

  it('sends "is" filters as parameters and number ranges as min/max pairs', () => {
    const query = viewToQuery(
      {
        ...base,
        filters: [
          { field: 'status', operator: 'is', value: 'clustered' },
          { field: 'intent', operator: 'isAny', value: ['commercial'] },
          { field: 'volume', operator: 'between', value: [100, 5000] },
        ],
      },
      map,
    );
    expect(query).toMatchObject({ status: 'clustered', intent: 'commercial', min_volume: 100, max_volume: 5000 });
    expect(viewToQuery({ ...base, filters: [{ field: 'volume', operator: 'greaterThanOrEqual', value: 50 }] }, map)).toMatchObject({ min_volume: 50 });
    expect(viewToQuery({ ...base, filters: [{ field: 'volume', operator: 'lessThanOrEqual', value: 10 }] }, map)).toMatchObject({ max_volume: 10 });
  });

  it('leaves out filters with no value and fields the endpoint cannot filter', () => {
    const query = viewToQuery(
      { ...base, filters: [{ field: 'status', operator: 'is', value: undefined }, { field: 'cpc', operator: 'is', value: 3 }, { field: 'volume', operator: 'between', value: ['', 9] }] },
      map,
    );
    expect(query).toEqual({ page: 3, page_size: 25, min_volume: undefined, max_volume: 9 });
  });
});
