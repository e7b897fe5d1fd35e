/**
 * What the post is about: a keyword, a cluster or an idea of the planner (found by typing, through
 * the proxy) or a topic typed in.
 */
import { ComboboxControl, SelectControl, TextControl } from '@wordpress/components';
import { useEffect, useRef, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { serviceList } from '../common/api';

export type SubjectType = 'topic' | 'keyword' | 'cluster' | 'idea';
export type Subject = { type: SubjectType; value: string };

/** The request fields that name a subject, or null while none is chosen. */
export function subjectFields(s: Subject): Record<string, string> | null {
  const value = s.value.trim();
  if (!value) return null;
  return s.type === 'topic' ? { topic: value } : { [`${s.type}_id`]: value };
}

const LISTS: Record<Exclude<SubjectType, 'topic'>, { path: string; label: (row: any) => string }> = {
  keyword: { path: 'planner/keywords', label: (k) => (k.volume ? `${k.keyword} (${k.volume})` : k.keyword) },
  cluster: { path: 'planner/clusters', label: (c) => `${c.name} (${c.keyword_count})` },
  idea: { path: 'planner/ideas', label: (i) => i.title },
};

type Option = { value: string; label: string };

/** How long typing pauses before a search is sent. */
export const SEARCH_DELAY_MS = 300;

function Search({ type, value, onChange }: { type: Exclude<SubjectType, 'topic'>; value: string; onChange: (id: string) => void }) {
  const [options, setOptions] = useState<Option[]>([]);
  const [search, setSearch] = useState('');
  const chosen = useRef<Option | null>(null);
  useEffect(() => {
    let stale = false;
    const timer = setTimeout(async () => {
      try {
        const page = await serviceList<any>(LISTS[type].path, { search: search.trim() || undefined, page_size: 20 });
        if (stale) return;
        const found = page.results.map((row) => ({ value: row.id as string, label: LISTS[type].label(row) }));
        // The chosen one stays an option, so the field keeps showing it while another search runs.
        const keep = chosen.current && !found.some((o) => o.value === chosen.current!.value) ? [chosen.current] : [];
        setOptions([...keep, ...found]);
      } catch {
        if (!stale) setOptions(chosen.current ? [chosen.current] : []);
      }
    }, SEARCH_DELAY_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [type, search]);
  const labels = { keyword: __('Keyword', 'igny8'), cluster: __('Cluster', 'igny8'), idea: __('Idea', 'igny8') };
  return (
    <ComboboxControl
      __next40pxDefaultSize
      __nextHasNoMarginBottom
      label={labels[type]}
      value={value || null}
      options={options}
      onFilterValueChange={setSearch}
      onChange={(id) => {
        chosen.current = options.find((o) => o.value === id) ?? null;
        onChange(id ?? '');
      }}
    />
  );
}

export function SubjectPicker({ subject, onChange }: { subject: Subject; onChange: (s: Subject) => void }) {
  return (
    <>
      <SelectControl
        __next40pxDefaultSize
        __nextHasNoMarginBottom
        label={__('Write about', 'igny8')}
        value={subject.type}
        options={[
          { value: 'topic', label: __('A topic I type', 'igny8') },
          { value: 'keyword', label: __('A keyword', 'igny8') },
          { value: 'cluster', label: __('A cluster', 'igny8') },
          { value: 'idea', label: __('An idea', 'igny8') },
        ]}
        onChange={(type) => onChange({ type: type as SubjectType, value: '' })}
      />
      {subject.type === 'topic' ? (
        <TextControl
          __next40pxDefaultSize
          __nextHasNoMarginBottom
          label={__('Topic', 'igny8')}
          value={subject.value}
          onChange={(value) => onChange({ type: 'topic', value })}
        />
      ) : (
        <Search key={subject.type} type={subject.type} value={subject.value} onChange={(value) => onChange({ ...subject, value })} />
      )}
    </>
  );
}
