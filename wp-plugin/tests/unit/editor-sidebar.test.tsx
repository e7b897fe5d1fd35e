import { ASSIST_CREDITS } from '@igny8/shared';
import apiFetch from '@wordpress/api-fetch';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ASSIST_COST } from '../../src/editor/credits';
import type { PostBridge } from '../../src/editor/post';
import { SidebarPanel } from '../../src/editor/sidebar';
import { sidebarSlots } from '../../src/editor/slots';
import { subjectFields } from '../../src/editor/subject';

// api-fetch's fetch-handler seam stands in for WordPress's REST server and the plugin's proxy:
// it sees exactly what the sidebar sends and answers as the proxy would.
type Request = { path: string; method: string; data?: any; body?: any };
let sent: Request[] = [];
let answer: (r: Request) => unknown = () => ({});
apiFetch.setFetchHandler(async (options) => {
  const r = { path: String(options.path), method: String(options.method ?? 'GET'), data: options.data, body: options.body };
  sent.push(r);
  const a = answer(r);
  if (a instanceof Error) throw (a as Error & { body: unknown }).body;
  return a;
});
afterEach(() => {
  cleanup();
  sent = [];
  answer = () => ({});
});

/** The post being edited, in memory: what the sidebar did to it is what a test reads back. */
function fakePost(init: { title?: string; text?: string; meta?: string } = {}) {
  const state = { title: init.title ?? '', meta: init.meta ?? '', inserted: [] as string[], featured: 0 };
  const post: PostBridge = {
    title: () => state.title,
    setTitle: (t) => { state.title = t; },
    text: () => init.text ?? '',
    metaDescription: () => state.meta,
    setMetaDescription: (m) => { state.meta = m; },
    insertMarkup: (m) => { state.inserted.push(m); return m.match(/<!-- wp:[a-z-]+ /g)!.map((_, i) => `block-${i}`); },
    setFeaturedImage: (id) => { state.featured = id; },
  };
  return { post, state };
}

const SECTION = '<!-- wp:heading -->\n<h2 class="wp-block-heading">Brewing</h2>\n<!-- /wp:heading -->\n\n<!-- wp:paragraph -->\n<p>Use water at 80 °C.</p>\n<!-- /wp:paragraph -->';

/** The proxy's answers for one run: started, then running once, then ended with `end`. */
function runAnswers(end: Record<string, unknown>) {
  let polls = 0;
  return (r: Request) => {
    if (r.path.startsWith('/igny8/v1/service/writer/assist')) return { success: true, data: { run_id: 'run-1', existing: false } };
    if (r.path.startsWith('/igny8/v1/service/ai/runs/run-1')) {
      polls++;
      return { success: true, data: polls === 1 ? { id: 'run-1', status: 'running', phase: 'AI_CALL', progress: 40, message: 'Writing', result: null, error: null } : { id: 'run-1', phase: 'DONE', progress: 100, message: '', ...end } };
    }
    return new Error('unexpected');
  };
}

/** A notice's text as shown (not the copy WordPress also reads out in its live region). */
const notice = (text: string | RegExp) => screen.findByText(text, { selector: '.components-notice__content' });

// jsdom lays nothing out; the combobox scrolls its chosen option into view.
Element.prototype.scrollIntoView ??= () => {};

const renderPanel = (post: PostBridge, canUpload = true) =>
  render(<SidebarPanel post={post} connected settingsUrl="/wp-admin/admin.php?page=igny8-settings" canUpload={canUpload} pollMs={20} />);

/** The proxy's binary answer as api-fetch hands it over with `parse: false`. */
const webpAnswer = () => ({ ok: true, status: 200, blob: async () => new Blob(['WEBP'], { type: 'image/webp' }) });

const FEATURED = { kind: 'featured_image', file: '/writer/assist/run-1/image', mime_type: 'image/webp', width: 1536, height: 1024, alt: 'A pot of oolong tea', caption: 'Oolong, steeped.', prompt: 'A teapot' };

describe('the block editor sidebar', { timeout: 30_000 }, () => {
  it('writes a section about a typed topic and inserts its blocks once, showing progress meanwhile', async () => {
    const user = userEvent.setup({ delay: null });
    const { post, state } = fakePost({ title: 'Tea at home' });
    answer = runAnswers({ status: 'succeeded', result: { kind: 'section', heading: 'Brewing', blocks: SECTION, word_count: 6 }, error: null });
    renderPanel(post);
    const write = screen.getByRole('button', { name: 'Write the section' });
    expect(write).toHaveProperty('disabled', true);
    await user.type(screen.getByLabelText('Topic'), 'green tea');
    await user.type(screen.getByLabelText('Section heading'), 'Brewing');
    await user.click(write);
    expect(await screen.findByText(/Writing/)).toBeTruthy();
    expect(await notice('Inserted 2 blocks.')).toBeTruthy();
    expect(state.inserted).toEqual([SECTION]);
    const start = sent.find((r) => r.method === 'POST')!;
    expect(start.path).toMatch(/^\/igny8\/v1\/service\/writer\/assist/);
    expect(start.data).toEqual({ kind: 'section', topic: 'green tea', title: 'Tea at home', heading: 'Brewing' });
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('sets the title, and the meta description from the post’s text', async () => {
    const user = userEvent.setup({ delay: null });
    const { post, state } = fakePost({ text: 'Water first.' });
    renderPanel(post);
    await user.type(screen.getByLabelText('Topic'), 'oolong');
    answer = runAnswers({ status: 'succeeded', result: { kind: 'title', title: 'Oolong, brewed well' }, error: null });
    await user.click(screen.getByRole('button', { name: 'Write a title' }));
    expect(await notice('The title is set.')).toBeTruthy();
    expect(state.title).toBe('Oolong, brewed well');
    expect(sent.find((r) => r.method === 'POST')!.data).toEqual({ kind: 'title', topic: 'oolong', text: 'Water first.' });

    sent = [];
    answer = runAnswers({ status: 'succeeded', result: { kind: 'meta_description', meta_description: 'Oolong: how to brew it.' }, error: null });
    await user.click(screen.getByRole('button', { name: 'Write a meta description' }));
    expect(await notice('The meta description is set.')).toBeTruthy();
    expect(state.meta).toBe('Oolong: how to brew it.');
    expect(screen.getByLabelText('Meta description')).toHaveProperty('value', 'Oolong: how to brew it.');
    expect(sent.find((r) => r.method === 'POST')!.data).toEqual({ kind: 'meta_description', topic: 'oolong', title: 'Oolong, brewed well', text: 'Water first.' });
  });

  it('plans an outline, then writes the section picked from it with the outline sent along', async () => {
    const user = userEvent.setup({ delay: null });
    const { post, state } = fakePost();
    renderPanel(post);
    await user.type(screen.getByLabelText('Topic'), 'matcha');
    const outline = [{ heading: 'Why matcha', level: 2, notes: '' }, { heading: 'Whisking', level: 3, notes: 'how' }];
    answer = runAnswers({ status: 'succeeded', result: { kind: 'outline', title: 'Matcha', outline, blocks: 'HEADINGS<!-- wp:heading -->' }, error: null });
    await user.click(screen.getByRole('button', { name: 'Plan an outline' }));
    expect(await screen.findByText('Whisking', { selector: 'li' })).toBeTruthy();
    expect(state.inserted).toEqual([]);
    await user.selectOptions(screen.getByLabelText('Section'), 'Whisking');
    sent = [];
    answer = runAnswers({ status: 'succeeded', result: { kind: 'section', heading: 'Whisking', blocks: SECTION, word_count: 6 }, error: null });
    await user.click(screen.getByRole('button', { name: 'Write the section' }));
    await notice('Inserted 2 blocks.');
    expect(sent.find((r) => r.method === 'POST')!.data).toEqual({
      kind: 'section', topic: 'matcha', heading: 'Whisking', outline: [{ heading: 'Why matcha', level: 2 }, { heading: 'Whisking', level: 3 }],
    });
    await user.click(screen.getByRole('button', { name: 'Insert the headings' }));
    expect(state.inserted).toEqual([SECTION, 'HEADINGS<!-- wp:heading -->']);
  });

  it('finds keywords by what is typed and asks about the one chosen', async () => {
    const user = userEvent.setup({ delay: null });
    const { post } = fakePost();
    const searches: string[] = [];
    const run = runAnswers({ status: 'succeeded', result: { kind: 'title', title: 'Green tea' }, error: null });
    answer = (r) => {
      if (r.path.startsWith('/igny8/v1/service/planner/keywords')) {
        searches.push(r.path);
        return { success: true, count: 1, next: null, previous: null, results: [{ id: 'kw-1', keyword: 'green tea brewing', volume: 900 }] };
      }
      return run(r);
    };
    renderPanel(post);
    await user.selectOptions(screen.getByLabelText('Write about'), 'keyword');
    await user.type(screen.getByRole('combobox', { name: 'Keyword' }), 'green');
    await user.click(await screen.findByRole('option', { name: 'green tea brewing (900)' }));
    await waitFor(() => expect(searches.some((p) => p.includes('search=green'))).toBe(true));
    await user.click(screen.getByRole('button', { name: 'Write a title' }));
    await notice('The title is set.');
    expect(sent.find((r) => r.method === 'POST')!.data).toEqual({ kind: 'title', keyword_id: 'kw-1' });
  });

  it('says why nothing was written: missing credits with the balance, or the run’s error, and inserts nothing', async () => {
    const user = userEvent.setup({ delay: null });
    const { post, state } = fakePost();
    renderPanel(post);
    await user.type(screen.getByLabelText('Topic'), 'tea');
    answer = () => Object.assign(new Error('402'), { body: { code: 'insufficient_credits', message: 'Not enough credits.', data: { status: 402, balance: 1, required: 3 } } });
    await user.click(screen.getByRole('button', { name: 'Write a full draft' }));
    expect(await notice(/this needs 3, the account has 1 \(2 missing\)/)).toBeTruthy();

    answer = runAnswers({ status: 'failed', result: null, error: 'The provider’s answer did not have the expected structure.' });
    await user.click(screen.getByRole('button', { name: 'Write a full draft' }));
    expect(await notice('The provider’s answer did not have the expected structure.')).toBeTruthy();
    expect(state.inserted).toEqual([]);
    expect(state.title).toBe('');
  });

  it('fills an empty title and meta description from a draft, and keeps those already written', async () => {
    const user = userEvent.setup({ delay: null });
    const { post, state } = fakePost({ meta: 'Mine.' });
    renderPanel(post);
    await user.type(screen.getByLabelText('Topic'), 'tea');
    answer = runAnswers({ status: 'succeeded', result: { kind: 'draft', title: 'Tea', meta_title: 'Tea', meta_description: 'Theirs.', excerpt: '', blocks: SECTION, word_count: 6 }, error: null });
    await act(() => user.click(screen.getByRole('button', { name: 'Write a full draft' })));
    await notice('Inserted 2 blocks.');
    expect(state).toEqual({ title: 'Tea', meta: 'Mine.', inserted: [SECTION], featured: 0 });
  });

  it('makes a featured image in the style chosen, adds it to the media library with its alt text, and sets it', async () => {
    const user = userEvent.setup({ delay: null });
    const { post, state } = fakePost({ title: 'Oolong at home', text: 'Oolong likes 90 °C.' });
    const run = runAnswers({ status: 'succeeded', result: FEATURED, error: null });
    answer = (r) => {
      if (r.path.startsWith('/igny8/v1/service/writer/assist/run-1/image')) return webpAnswer();
      if (r.path.startsWith('/wp/v2/media')) return { id: 77 };
      return run(r);
    };
    renderPanel(post);
    await user.type(screen.getByLabelText('Topic'), 'oolong');
    await user.selectOptions(screen.getByLabelText('Style'), 'cartoon');
    await user.click(screen.getByRole('button', { name: 'Make a featured image' }));
    expect(await notice('The featured image is set.')).toBeTruthy();
    expect(state.featured).toBe(77);
    expect(sent.find((r) => r.path.startsWith('/igny8/v1/service/writer/assist') && r.method === 'POST')!.data).toEqual({
      kind: 'featured_image', topic: 'oolong', title: 'Oolong at home', text: 'Oolong likes 90 °C.', style: 'cartoon',
    });
    const upload = sent.find((r) => r.path.startsWith('/wp/v2/media'))!;
    expect(upload.method).toBe('POST');
    const form = upload.body as FormData;
    expect(form.get('alt_text')).toBe('A pot of oolong tea');
    expect(form.get('caption')).toBe('Oolong, steeped.');
    expect(form.get('title')).toBe('Oolong at home');
    const file = form.get('file') as File;
    expect([file.name, file.type, await file.text()]).toEqual(['igny8-featured-run-1.webp', 'image/webp', 'WEBP']);
  });

  it('says why the featured image was not set when the media library refuses it, and sets none', async () => {
    const user = userEvent.setup({ delay: null });
    const { post, state } = fakePost();
    const run = runAnswers({ status: 'succeeded', result: FEATURED, error: null });
    answer = (r) => {
      if (r.path.startsWith('/igny8/v1/service/writer/assist/run-1/image')) return webpAnswer();
      if (r.path.startsWith('/wp/v2/media')) return Object.assign(new Error('500'), { body: { code: 'rest_upload_unknown_error', message: 'The uploaded file could not be moved.', data: { status: 500 } } });
      return run(r);
    };
    renderPanel(post);
    await user.type(screen.getByLabelText('Topic'), 'oolong');
    await user.click(screen.getByRole('button', { name: 'Make a featured image' }));
    expect(await notice('The uploaded file could not be moved.')).toBeTruthy();
    expect(state.featured).toBe(0);
  });

  it('offers no featured image to a user who may not upload files', () => {
    renderPanel(fakePost().post, false);
    expect(screen.queryByRole('button', { name: 'Make a featured image' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Write a title' })).toBeTruthy();
  });

  it('shows each action’s price as the service charges it', () => {
    expect(ASSIST_COST).toEqual(ASSIST_CREDITS);
    renderPanel(fakePost().post);
    expect(screen.getAllByText('3 credits')).toHaveLength(1);
    expect(screen.getAllByText('2 credits')).toHaveLength(1);
    expect(screen.getAllByText('1 credit')).toHaveLength(4);
  });

  it('points to the settings when the site is not connected', () => {
    render(<SidebarPanel post={fakePost().post} connected={false} settingsUrl="/wp-admin/admin.php?page=igny8-settings" canUpload />);
    expect(screen.getByRole('link', { name: /Connect it/ }).getAttribute('href')).toBe('/wp-admin/admin.php?page=igny8-settings');
    expect(screen.queryByRole('button')).toBeNull();
  });
});

describe('the sidebar slots', () => {
  const A = () => null;
  const B = () => null;
  it('come from wp.editor first, from wp.editPost only when wp.editor lacks them, else nowhere', () => {
    expect(sidebarSlots({ PluginSidebar: A, PluginSidebarMoreMenuItem: B }, { PluginSidebar: B, PluginSidebarMoreMenuItem: A })).toEqual({ PluginSidebar: A, PluginSidebarMoreMenuItem: B });
    expect(sidebarSlots({ PluginSidebar: A }, { PluginSidebar: B, PluginSidebarMoreMenuItem: A })).toEqual({ PluginSidebar: B, PluginSidebarMoreMenuItem: A });
    expect(sidebarSlots(undefined, undefined)).toBeNull();
  });
});

describe('subject fields', () => {
  it('name one subject, trimmed, or none', () => {
    expect(subjectFields({ type: 'topic', value: '  tea ' })).toEqual({ topic: 'tea' });
    expect(subjectFields({ type: 'cluster', value: 'c-1' })).toEqual({ cluster_id: 'c-1' });
    expect(subjectFields({ type: 'idea', value: ' ' })).toBeNull();
  });
});
