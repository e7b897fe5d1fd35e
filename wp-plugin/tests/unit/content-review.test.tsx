import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import ContentPanel from '../../src/admin/content/content-panel';
import { reviewSteps } from '../../src/admin/content/review';
import { Notices } from '../../src/common/notices';
import { answer, envelope, noticeContents, page_config, reset, seen } from './support/wordpress';

const ID = '55555555-5555-4555-8555-555555555555';
const RUN = '66666666-6666-4666-8666-666666666666';

function article(over: Record<string, unknown> = {}) {
  return {
    id: ID,
    title: 'How to prune roses',
    meta_title: 'Prune roses',
    meta_description: 'When and how.',
    excerpt: '',
    primary_keyword: 'prune roses',
    secondary_keywords: [],
    blocks: '',
    html: '<h2>When</h2><p>In <strong>spring</strong>.</p><script>parent.hacked = true</script>',
    word_count: 1200,
    status: 'draft',
    wp_post_id: null,
    wp_url: null,
    internal_links: [
      { target_content_id: '00000000-0000-4000-8000-000000000001', target_title: 'Rose care', kind: 'pillar', status: 'linked', url: 'https://example.test/roses', anchor: 'rose care guide' },
      { target_content_id: '00000000-0000-4000-8000-000000000002', target_title: 'Rose pests', kind: 'sibling', status: 'pending', url: null, anchor: null },
    ],
    updated_at: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}

const AUTHOR = { edit_posts: true, publish_posts: false, manage_options: false };
const EDITOR = { edit_posts: true, publish_posts: true, manage_options: false };
const ADMIN = { edit_posts: true, publish_posts: true, manage_options: true };

beforeEach(reset);
afterEach(cleanup);

async function open(status: string, can: typeof ADMIN, over: Record<string, unknown> = {}) {
  page_config(can);
  answer({ [`GET service/writer/content/${ID}`]: envelope(article({ status, ...over })) });
  const onChanged = vi.fn();
  render(
    <>
      <Notices />
      <ContentPanel id={ID} onChanged={onChanged} />
    </>,
  );
  await screen.findByLabelText('Meta title');
  return onChanged;
}

const buttons = () => screen.getAllByRole('button').map((b) => b.textContent);

describe('review steps by capability', () => {
  it('lets authors submit, administrators approve and send back, and no one without edit_posts do anything', () => {
    expect(reviewSteps('draft', AUTHOR)).toEqual(['submit']);
    expect(reviewSteps('review', AUTHOR)).toEqual([]);
    expect(reviewSteps('review', ADMIN)).toEqual(['approve', 'reject']);
    expect(reviewSteps('approved', ADMIN)).toEqual(['reject']);
    expect(reviewSteps('published', ADMIN)).toEqual([]);
    expect(reviewSteps('draft', { edit_posts: false, publish_posts: false, manage_options: false })).toEqual([]);
  });
});

describe('an article', () => {
  it('offers an author submitting for review, and neither approval nor publishing', async () => {
    await open('draft', AUTHOR);
    expect(buttons()).toContain('Submit for review');
    expect(buttons()).not.toContain('Approve');
    expect(buttons()).not.toContain('Publish');
  });

  it('lets an administrator approve an article in review, and says so', async () => {
    const onChanged = await open('review', ADMIN);
    expect(buttons()).toEqual(expect.arrayContaining(['Approve', 'Send back to draft', 'Publish', 'Send to WordPress as draft']));
    answer({ [`PATCH service/writer/content/${ID}`]: (req: { data?: unknown }) => envelope(article({ ...(req.data as object), updated_at: '2026-01-02T00:00:00.000Z' })) });
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(noticeContents()).toContain('The article is now: Approved.'));
    expect(seen(`PATCH service/writer/content/${ID}`)[0]!.data).toEqual({ status: 'approved' });
    expect(screen.getByText('Approved')).toBeTruthy();
    expect(onChanged).toHaveBeenCalled();
  });

  it('publishes for an editor with publish_posts, showing that it costs nothing and following the run', async () => {
    await open('approved', EDITOR);
    answer({
      [`POST service/writer/content/${ID}/publish`]: envelope({ run_id: RUN }),
      [`GET service/ai/runs/${RUN}`]: envelope({ id: RUN, function: 'publish_content', status: 'succeeded', phase: 'DONE', progress: 100, message: 'Published', error: null, result: null }),
    });
    await userEvent.click(screen.getByRole('button', { name: 'Publish' }));
    // The panel is loaded when first opened.
    expect(await screen.findByText('This uses no credits.')).toBeTruthy();
    // The article is reloaded after publishing: now with its post.
    answer({ [`GET service/writer/content/${ID}`]: envelope(article({ status: 'published', wp_post_id: 42, wp_url: 'https://site.test/prune-roses/' })) });
    await userEvent.click(screen.getByRole('button', { name: 'Publish now' }));
    await waitFor(() => expect(noticeContents()).toContain('Published.'));
    expect(seen(`POST service/writer/content/${ID}/publish`)[0]!.data).toEqual({ status: 'publish' });
    const link = await screen.findByRole('link', { name: /View the WordPress post/ });
    expect(link.getAttribute('href')).toBe('https://site.test/prune-roses/');
  });

  it('saves title and meta, and shows the service’s field errors', async () => {
    await open('draft', AUTHOR);
    answer({
      [`PATCH service/writer/content/${ID}`]: () => {
        throw { code: 'invalid_input', message: 'Check the fields.', data: { status: 400, errors: { meta_title: ['At most 60 characters.'] } } };
      },
    });
    const metaTitle = screen.getByLabelText('Meta title');
    await userEvent.clear(metaTitle);
    await userEvent.type(metaTitle, 'Pruning roses');
    expect(screen.getByText('13 of 60 characters')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Save title and meta' }));
    await screen.findByText('At most 60 characters.');
    expect(seen(`PATCH service/writer/content/${ID}`)[0]!.data).toEqual({ title: 'How to prune roses', meta_title: 'Pruning roses', meta_description: 'When and how.' });
  });

  it('shows the article in a sandbox that runs none of its scripts, and lists its internal links', async () => {
    await open('draft', AUTHOR);
    const frame = screen.getByTitle('Article preview');
    expect(frame.getAttribute('sandbox')).toBe('');
    const doc = frame.getAttribute('srcdoc') ?? '';
    expect(doc).toContain('<h2>When</h2><p>In <strong>spring</strong>.</p>');
    expect(doc).toContain("default-src 'none'");
    expect((window as unknown as { hacked?: boolean }).hacked).toBeUndefined();
    expect(screen.getByRole('link', { name: /Rose care/ }).getAttribute('href')).toBe('https://example.test/roses');
    expect(screen.getByText(/rose care guide/)).toBeTruthy();
    // A target not published yet is listed, never linked.
    expect(screen.getByText(/Rose pests — not published yet/)).toBeTruthy();
    expect(screen.queryByRole('link', { name: /Rose pests/ })).toBeNull();
  });
});
