import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { data, fakeApi, list } from '../../test/fake-api';
import { renderSignedIn, userOf } from '../../test/render';
import { PromptsSection, type Prompt } from './prompts';

const builtIn: Prompt = {
  function: 'generate_ideas',
  template: 'Ideas for {{cluster_name}} from {{keywords}}',
  is_default: true,
  default_template: 'Ideas for {{cluster_name}} from {{keywords}}',
  variables: [
    { name: 'cluster_name', description: 'Name of the keyword cluster.', required: true },
    { name: 'keywords', description: 'The cluster’s keywords.', required: true },
    { name: 'intent', description: 'Dominant search intent.', required: false },
  ],
  updated_at: null,
};
const custom: Prompt = { ...builtIn, template: 'My own {{cluster_name}} {{keywords}}', is_default: false, updated_at: '2026-11-01T00:00:00Z' };

async function openEditor() {
  await userEvent.click(await screen.findByRole('button', { name: 'Edit the content ideas prompt' }));
  return screen.findByRole('dialog');
}

describe('the prompts editor', () => {
  it('lists the allowed variables and the built-in template, and saves an override', async () => {
    let current = builtIn;
    const calls = fakeApi((req) => {
      if (req.method === 'GET') return list([current]);
      if (req.method === 'PUT') {
        current = { ...builtIn, template: (req.body as { template: string }).template, is_default: false, updated_at: '2026-11-27T00:00:00Z' };
        return data(current);
      }
      return undefined;
    });
    renderSignedIn(<PromptsSection />, userOf('editor'));
    expect(await screen.findByText(/Built-in template · 3 variables/)).toBeTruthy();
    const dialog = await openEditor();
    const variables = within(within(dialog).getByRole('region', { name: 'Variables' })).getAllByRole('listitem').map((li) => li.textContent);
    expect(variables[0]).toContain('{{cluster_name}} required');
    expect(variables[2]).toContain('{{intent}}');
    expect(variables[2]).not.toContain('required');
    const text = within(dialog).getByLabelText('Template');
    await userEvent.clear(text);
    await userEvent.type(text, 'Short ideas about {{{{cluster_name}} and {{{{keywords}}');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save prompt' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.find((c) => c.method === 'PUT')).toMatchObject({ path: '/thinker/prompts/generate_ideas', body: { template: 'Short ideas about {{cluster_name}} and {{keywords}}' } });
    expect(await screen.findByText(/Your own template, changed/)).toBeTruthy();
  });

  it('shows the service’s refusal under the template, in its words, and keeps the dialog open', async () => {
    fakeApi((req) => {
      if (req.method === 'GET') return list([builtIn]);
      return { status: 400, body: { success: false, error: 'The input is not valid.', code: 'invalid_input', errors: { template: ['Missing required variable {{keywords}}.'] } } };
    });
    renderSignedIn(<PromptsSection />, userOf('owner'));
    const dialog = await openEditor();
    const text = within(dialog).getByLabelText('Template');
    await userEvent.clear(text);
    await userEvent.type(text, 'Only {{{{cluster_name}}');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save prompt' }));
    expect(await within(dialog).findByText('Missing required variable {{keywords}}.')).toBeTruthy();
    expect(within(dialog).getByText('The input is not valid.')).toBeTruthy();
    expect(text.getAttribute('aria-invalid')).toBe('true');
  });

  it('resets an override to the built-in template', async () => {
    let current = custom;
    const calls = fakeApi((req) => {
      if (req.method === 'GET') return list([current]);
      if (req.method === 'DELETE') {
        current = builtIn;
        return data(builtIn);
      }
      return undefined;
    });
    renderSignedIn(<PromptsSection />, userOf('owner'));
    const dialog = await openEditor();
    expect((within(dialog).getByLabelText('Template') as HTMLTextAreaElement).value).toBe(custom.template);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reset to default' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE' && c.path === '/thinker/prompts/generate_ideas')).toBe(true));
    expect(await screen.findByText(/Built-in template · 3 variables/)).toBeTruthy();
  });

  it('offers no reset for a built-in template, and only reading to a viewer', async () => {
    fakeApi((req) => (req.method === 'GET' ? list([custom]) : undefined));
    renderSignedIn(<PromptsSection />, userOf('viewer'));
    await userEvent.click(await screen.findByRole('button', { name: 'View the content ideas prompt' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(custom.template)).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: /Save|Reset/ })).toBeNull();
  });
});
