import type { Field } from '@wordpress/dataviews';
import { can } from '@igny8/shared/roles';
import { api } from '../api/client';
import { useSignedIn } from '../api/session';
import type { FormConfig } from '../components/form-modal';
import { TablePage, type TablePageConfig } from '../components/table-page';
import { IntegrationsSection } from './integrations';
import { PromptsSection } from './prompts';

type AuthorProfile = { id: string; name: string; tone: string; audience: string; reading_level: string; description: string; is_default: boolean };
type Strategy = { id: string; name: string; tone: string; description: string; content_types: string[]; target_word_count: number | null; instructions: string; is_default: boolean };

const yesNo = [
  { label: 'No', value: 'no' },
  { label: 'Yes', value: 'yes' },
];

const profileForm = (title: string): FormConfig => ({
  title,
  submitLabel: 'Save',
  fields: [
    { name: 'name', label: 'Name', required: true },
    { name: 'tone', label: 'Tone', help: 'e.g. warm, expert, plain-spoken' },
    { name: 'audience', label: 'Audience' },
    { name: 'reading_level', label: 'Reading level' },
    { name: 'description', label: 'Description', type: 'textarea' },
    { name: 'is_default', label: 'Use by default', type: 'select', options: yesNo },
  ],
});

const strategyForm = (title: string): FormConfig => ({
  title,
  submitLabel: 'Save',
  fields: [
    { name: 'name', label: 'Name', required: true },
    { name: 'content_types', label: 'Content types', help: 'Comma-separated slugs, e.g. blog_post, guide' },
    { name: 'target_word_count', label: 'Target word count' },
    { name: 'tone', label: 'Tone' },
    { name: 'instructions', label: 'Instructions', type: 'textarea' },
    { name: 'is_default', label: 'Use by default', type: 'select', options: yesNo },
  ],
});

const profileBody = (v: Record<string, string>) => ({ ...v, is_default: v.is_default === 'yes' });
const strategyBody = (v: Record<string, string>) => ({
  ...v,
  is_default: v.is_default === 'yes',
  content_types: (v.content_types ?? '').split(',').map((t) => t.trim()).filter(Boolean),
  target_word_count: v.target_word_count?.trim() ? Number(v.target_word_count) : null,
});

/** Settings: provider integrations, then the author profiles, strategies and prompts that shape generated content. */
export function SettingsPage() {
  const { user } = useSignedIn();
  const write = can(user.role, 'write');

  const profiles: TablePageConfig<AuthorProfile> = {
    title: 'Author profiles',
    heading: 'h2',
    endpoint: '/thinker/author-profiles',
    fields: [
      { id: 'name', label: 'Name', enableHiding: false },
      { id: 'tone', label: 'Tone' },
      { id: 'audience', label: 'Audience' },
      { id: 'is_default', label: 'Default', getValue: ({ item }) => (item.is_default ? 'Yes' : '') },
    ],
    empty: 'No author profile yet. Describe a voice and an audience so that generated content sounds like you.',
    create: write ? { label: 'Add author profile', form: profileForm('Add an author profile'), submit: (v) => api('/thinker/author-profiles', { method: 'POST', body: profileBody(v) }) } : null,
    actions: ({ openForm, act }) =>
      write
        ? [
            {
              id: 'edit',
              label: 'Edit',
              callback: ([p]) =>
                openForm(profileForm(`Edit ${p!.name}`), { ...p!, is_default: p!.is_default ? 'yes' : 'no' } as unknown as Record<string, string>, (v) =>
                  api(`/thinker/author-profiles/${p!.id}`, { method: 'PATCH', body: profileBody(v) }),
                ),
            },
            { id: 'delete', label: 'Delete', callback: ([p]) => act(() => api(`/thinker/author-profiles/${p!.id}`, { method: 'DELETE' })) },
          ]
        : [],
  };

  const strategies: TablePageConfig<Strategy> = {
    title: 'Strategies',
    heading: 'h2',
    endpoint: '/thinker/strategies',
    fields: [
      { id: 'name', label: 'Name', enableHiding: false },
      { id: 'content_types', label: 'Content types', getValue: ({ item }) => item.content_types.join(', ') },
      { id: 'target_word_count', label: 'Words', getValue: ({ item }) => item.target_word_count ?? '' },
      { id: 'is_default', label: 'Default', getValue: ({ item }) => (item.is_default ? 'Yes' : '') },
    ],
    empty: 'No strategy yet. Set content types, length and tone for the content IGNY8 writes.',
    create: write ? { label: 'Add strategy', form: strategyForm('Add a strategy'), submit: (v) => api('/thinker/strategies', { method: 'POST', body: strategyBody(v) }) } : null,
    actions: ({ openForm, act }) =>
      write
        ? [
            {
              id: 'edit',
              label: 'Edit',
              callback: ([s]) =>
                openForm(
                  strategyForm(`Edit ${s!.name}`),
                  { name: s!.name, tone: s!.tone, instructions: s!.instructions, content_types: s!.content_types.join(', '), target_word_count: s!.target_word_count?.toString() ?? '', is_default: s!.is_default ? 'yes' : 'no' },
                  (v) => api(`/thinker/strategies/${s!.id}`, { method: 'PATCH', body: strategyBody(v) }),
                ),
            },
            { id: 'delete', label: 'Delete', callback: ([s]) => act(() => api(`/thinker/strategies/${s!.id}`, { method: 'DELETE' })) },
          ]
        : [],
  };

  return (
    <div>
      <IntegrationsSection />
      <TablePage config={profiles} />
      <TablePage config={strategies} />
      <PromptsSection />
    </div>
  );
}
