import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWordPress, type WordPress } from '../../../../../scripts/wordpress/index';
import { collectConsoleErrors, launchBrowser, logIn, screenshot } from '../../../../../wp-plugin/tests/e2e/support/browser';
import { gradientPng } from '../../../../../wp-plugin/tests/e2e/support/png';
import { rest } from '../../../../../wp-plugin/tests/e2e/support/rest';
import { administrator } from '../../../../../wp-plugin/tests/e2e/support/users';
import { checkBlocks } from '../../../../test/block-editor';
import { createSector, createSite, grantSite, signup, upgradePlan, userWithRole, type Session } from '../../../../test/factories';
import { createTestService, type TestService } from '../../../../test/service';
import { startWordPressProxy } from '../../../../test/wordpress-proxy';
import type { Engine } from '../../ai/engine';
import { createEngine } from '../../ai/setup';
import { renderArticle } from '../blocks/markup';
import { writerFunctions } from '../generation';

/**
 * Publishing against a real WordPress 7.1 (the project's launcher), through a loopback proxy that
 * can lose WordPress's answers or stand for a firewall. One WordPress for the whole file.
 */

const SEO_META_PLUGIN = fileURLToPath(new URL('../../../../test/fixtures/wordpress/igny8-seo-meta.php', import.meta.url));

let svc: TestService;
let wp: WordPress;
let proxy: Awaited<ReturnType<typeof startWordPressProxy>>;
let engine: Engine;
let owner: Session;
let site: { id: string };
let sector: { id: string };
let clusterName: string;
let taskId: string;

beforeAll(async () => {
  // The block editor's packages take a while to load: alongside WordPress's start, not in a test.
  [svc, wp] = await Promise.all([
    createTestService({ IGNY8_WP_TIMEOUT_MS: '10000' }),
    startWordPress({ version: '7.1', muPlugins: [SEO_META_PLUGIN] }),
    checkBlocks(''),
  ]);
  proxy = await startWordPressProxy(wp.url);
  engine = createEngine(svc.deps, writerFunctions);
  owner = await signup(svc);
  await upgradePlan(svc, owner.accountId);
  site = await createSite(svc, owner, { wp_url: proxy.url, wp_username: wp.admin.user, wp_app_password: wp.appPassword });
  sector = await createSector(svc, owner, site.id);
  clusterName = `Green tea ${randomUUID().slice(0, 6)}`;
  const db = svc.deps.db.owner;
  const [cluster] = await db`insert into clusters ${db({ account_id: owner.accountId, site_id: site.id, sector_id: sector.id, name: clusterName, source: 'manual' })} returning id`;
  const task = await svc.call('POST', '/writer/tasks', { token: owner.token, body: { sector_id: sector.id, title: 'Brewing green tea', primary_keyword: 'green tea' } });
  taskId = task.body.data.id;
  await db`update tasks set cluster_id = ${cluster!.id} where id = ${taskId}`;
}, 400_000);

afterAll(async () => {
  await proxy?.close();
  await wp?.stop();
  await svc?.close();
});

const ARTICLE = renderArticle([
  { heading: null, level: 2, blocks: [{ type: 'paragraph', text: 'Green tea rewards care: <strong>water</strong> at 80 °C & a short steep.' }] },
  { heading: 'Choosing the leaves', level: 2, blocks: [{ type: 'paragraph', text: 'Sencha, gyokuro and matcha differ.' }, { type: 'list', ordered: false, items: [{ text: 'Sencha', items: [] }, { text: 'Gyokuro', items: [] }] }] },
  { heading: 'Brewing "right" <now>', level: 2, blocks: [{ type: 'paragraph', text: 'Two minutes, no more.' }] },
  { heading: 'Serving', level: 2, blocks: [{ type: 'quote', text: 'Tea is peace.', citation: 'A proverb' }] },
]);

/** A piece of content in review, with `images` stored (a featured one and in-article ones by section). */
async function makeContent(title: string, images: { kind: 'featured' | 'in_article'; position: number }[] = []) {
  const db = svc.deps.db.owner;
  const where = { account_id: owner.accountId, site_id: site.id, sector_id: sector.id };
  const [content] = await db`
    insert into content ${db({
      ...where, task_id: null, title, meta_title: `${title} | Tea`, meta_description: 'How to brew green tea well.', excerpt: 'Brew green tea well.',
      primary_keyword: 'green tea', secondary_keywords: ['sencha', 'matcha'], blocks: ARTICLE.blocks, html: ARTICLE.html, word_count: ARTICLE.wordCount, status: 'review',
    })} returning id`;
  const ids: string[] = [];
  for (const [n, image] of images.entries()) {
    const id = randomUUID();
    const key = `${owner.accountId}/${id}.png`;
    await svc.deps.files.put(key, gradientPng(320 + n * 16, 200));
    await db`insert into images ${db({
      id, ...where, content_id: content!.id, kind: image.kind, position: image.position, prompt: 'A cup of green tea',
      alt: `Green tea & cups, picture ${n + 1}`, caption: `Steeping "sencha" <${n + 1}>`, status: 'generated', storage_key: key, mime_type: 'image/png',
    })}`;
    ids.push(id);
  }
  return { id: content!.id as string, images: ids };
}

const publish = (s: Session, contentId: string, body: Record<string, unknown> = { status: 'publish' }) =>
  svc.call('POST', `/writer/content/${contentId}/publish`, { token: s.token, body });

/** Publishes and runs the job to its end here; answers the run as the API shows it. */
async function publishNow(contentId: string, body: Record<string, unknown> = { status: 'publish' }) {
  const res = await publish(owner, contentId, body);
  expect(res.status, res.text).toBe(202);
  await engine.execute(res.body.data.run_id);
  return (await svc.call('GET', `/ai/runs/${res.body.data.run_id}`, { token: owner.token })).body.data;
}

const content = async (id: string) => (await svc.call('GET', `/writer/content/${id}`, { token: owner.token })).body.data;
type Post = { id: number; slug: string; status: string; featured_media: number; categories: number[]; tags: number[]; content: { raw: string }; title: { raw: string }; meta: Record<string, string> };
type Media = { id: number; slug: string; alt_text: string; caption: { raw: string }; source_url: string };
const postsWithSlug = (contentId: string) => rest<Post[]>(wp, `/wp/v2/posts?slug=igny8-${contentId}&status=any&context=edit`);
const mediaOf = async (imageIds: string[]) => {
  const all = await rest<Media[]>(wp, '/wp/v2/media?per_page=100&context=edit');
  return all.filter((m) => imageIds.some((id) => m.slug.startsWith(`igny8-img-${id}`)));
};
const runsOf = async (contentId: string) =>
  (await svc.deps.db.owner`select count(*)::int as n from ai_runs where function = 'publish_content' and payload->>'content_id' = ${contentId}`)[0]!.n as number;

describe('publishing to WordPress', () => {
  let article: { id: string; images: string[] };
  let postId: number;

  it('makes exactly one post with the block content, three attachments, the featured image, the SEO meta and the cluster’s category', async () => {
    article = await makeContent('Brewing green tea', [{ kind: 'featured', position: 0 }, { kind: 'in_article', position: 0 }, { kind: 'in_article', position: 2 }]);
    await svc.deps.db.owner`update content set task_id = ${taskId} where id = ${article.id}`;
    const run = await publishNow(article.id, { status: 'publish', categories_from_cluster: true });
    expect(run).toMatchObject({ function: 'publish_content', status: 'succeeded', phase: 'DONE', progress: 100, credits_used: 0, error: null });
    expect(run.result).toMatchObject({ attachments: 3, meta_not_set: [], wp_status: 'publish' });

    const posts = await postsWithSlug(article.id);
    expect(posts).toHaveLength(1);
    const post = posts[0]!;
    postId = post.id;
    const after = await content(article.id);
    expect(after).toMatchObject({ status: 'published', wp_post_id: post.id, publish_error: null, meta_not_set: [] });
    expect(after.published_at).not.toBeNull();
    expect(after.wp_url).toBe(run.result.wp_url);

    const media = await mediaOf(article.images);
    expect(media).toHaveLength(3);
    for (const m of media) {
      expect(m.alt_text).toMatch(/^Green tea & cups, picture \d$/);
      expect(m.caption.raw).toMatch(/^Steeping "sencha" <\d>$/);
    }
    const bySlug = (imageId: string) => media.find((m) => m.slug === `igny8-img-${imageId}`)!;
    expect(post.featured_media).toBe(bySlug(article.images[0]!).id);
    // The in-article images sit after the heading of their section, pointing at their attachments.
    const raw = post.content.raw;
    for (const imageId of article.images.slice(1)) expect(raw).toContain(`<!-- wp:image {"id":${bySlug(imageId).id},"sizeSlug":"full","linkDestination":"none"} -->`);
    expect(raw.indexOf(`"id":${bySlug(article.images[1]!).id}`)).toBeGreaterThan(raw.indexOf('Choosing the leaves'));
    expect(raw.indexOf(`"id":${bySlug(article.images[1]!).id}`)).toBeLessThan(raw.indexOf('Sencha, gyokuro'));
    expect(raw.indexOf(`"id":${bySlug(article.images[2]!).id}`)).toBeGreaterThan(raw.indexOf('Serving'));
    const checked = await checkBlocks(raw);
    expect(checked.invalid).toEqual([]);
    expect(checked.names.filter((n) => n === 'core/image')).toHaveLength(2);

    expect(post.meta).toMatchObject({
      _igny8_meta_title: 'Brewing green tea | Tea', _yoast_wpseo_title: 'Brewing green tea | Tea',
      _igny8_meta_description: 'How to brew green tea well.', _yoast_wpseo_metadesc: 'How to brew green tea well.',
      _igny8_focus_keyword: 'green tea', _yoast_wpseo_focuskw: 'green tea',
    });
    const categories = await rest<{ id: number; name: string }[]>(wp, `/wp/v2/categories?include=${post.categories.join(',')}`);
    expect(categories.map((c) => c.name)).toEqual([clusterName]);
    const tags = await rest<{ name: string }[]>(wp, `/wp/v2/tags?include=${post.tags.join(',')}`);
    expect(tags.map((t) => t.name).sort()).toEqual(['green tea', 'matcha', 'sencha']);

    const stored = await svc.deps.db.owner`select wp_attachment_id, wp_url from images where content_id = ${article.id}`;
    expect(stored.map((r) => Number(r.wp_attachment_id)).sort()).toEqual(media.map((m) => m.id).sort());
  }, 240_000);

  it('publishing again updates the same post, even after its slug was changed in WordPress, and uploads nothing again', async () => {
    await rest(wp, `/wp/v2/posts/${postId}`, { json: { slug: 'renamed-by-the-editor' } });
    await svc.call('PATCH', `/writer/content/${article.id}`, { token: owner.token, body: { title: 'Brewing green tea, revised' } });
    const run = await publishNow(article.id, { status: 'draft' });
    expect(run.status).toBe('succeeded');
    expect(run.result.wp_post_id).toBe(postId);
    const post = await rest<Post>(wp, `/wp/v2/posts/${postId}?context=edit`);
    expect(post).toMatchObject({ title: { raw: 'Brewing green tea, revised' }, status: 'draft', slug: 'renamed-by-the-editor' });
    expect(await postsWithSlug(article.id)).toHaveLength(0);
    expect(await mediaOf(article.images)).toHaveLength(3);
    await publishNow(article.id);
  });

  it('a publish whose answers WordPress sent but the service never got, retried, still makes one post and one attachment per image', async () => {
    const lost = await makeContent('Lost answers', [{ kind: 'featured', position: 0 }, { kind: 'in_article', position: 0 }, { kind: 'in_article', position: 1 }]);
    proxy.setMode('lose-create-answers');
    const attempts = [];
    try {
      // Each attempt loses the answer to one upload or to the post's creation, and gets one step further.
      for (let i = 0; i < 6; i++) {
        const run = await publishNow(lost.id);
        attempts.push(run.status);
        if (run.status === 'succeeded') break;
        expect(run.error).toMatch(/connection (closed|reset|failed)/);
        const failed = await content(lost.id);
        expect(failed.status).toBe('failed');
        expect(failed.publish_error).toBe(run.error);
      }
    } finally {
      proxy.setMode('pass');
    }
    // Three uploads and the post were each created once in WordPress with their answers lost.
    expect(attempts).toEqual(['failed', 'failed', 'failed', 'failed', 'succeeded']);
    expect(await postsWithSlug(lost.id)).toHaveLength(1);
    expect(await mediaOf(lost.images)).toHaveLength(3);
    const after = await content(lost.id);
    expect(after).toMatchObject({ status: 'published', wp_post_id: (await postsWithSlug(lost.id))[0]!.id, publish_error: null });
  }, 120_000);

  it('opens in the block editor with every block valid', async () => {
    let browser: Browser | undefined;
    try {
      browser = await launchBrowser();
      const page = await logIn(browser, wp, administrator(wp));
      // The editor loads a lot of script: on a busy machine it takes longer than playwright's default.
      page.setDefaultTimeout(150_000);
      const errors = collectConsoleErrors(page);
      await page.goto(`${wp.url}/wp-admin/post.php?post=${postId}&action=edit`);
      const canvas = page.frameLocator('iframe[name="editor-canvas"]');
      await canvas.locator('.wp-block-image img').first().waitFor();
      const blocks = await page.evaluate(() => {
        const { select } = (globalThis as unknown as { wp: { data: { select: (store: string) => { getBlocks(): { name: string; isValid: boolean }[] } } } }).wp.data;
        return select('core/block-editor').getBlocks().map(({ name, isValid }) => ({ name, isValid }));
      });
      expect(blocks.filter((b) => b.name === 'core/image')).toHaveLength(2);
      expect(blocks.filter((b) => !b.isValid)).toEqual([]);
      expect(await canvas.locator('.block-editor-warning').count()).toBe(0);
      await screenshot(page, 'published-post-block-editor');
      expect(errors).toEqual([]);
    } finally {
      await browser?.close();
    }
  }, 360_000);

  it('publishes a site without SEO meta keys anyway, and says which meta could not be set', async () => {
    const plain = await makeContent('No SEO plugin');
    proxy.setMode('without-seo-meta');
    try {
      const run = await publishNow(plain.id);
      expect(run.status).toBe('succeeded');
      expect(run.result.meta_not_set).toEqual(['meta_title', 'meta_description', 'focus_keyword']);
    } finally {
      proxy.setMode('pass');
    }
    expect(await content(plain.id)).toMatchObject({ status: 'published', meta_not_set: ['meta_title', 'meta_description', 'focus_keyword'] });
    expect(await postsWithSlug(plain.id)).toHaveLength(1);
  });

  it('fails the content with a message a user can act on when a security plugin answers 403 to the upload', async () => {
    const blocked = await makeContent('Blocked upload', [{ kind: 'featured', position: 0 }]);
    proxy.setMode('forbid-media');
    try {
      const run = await publishNow(blocked.id);
      expect(run.status).toBe('failed');
      expect(run.error).toMatch(/uploading the image .* 403 Forbidden.*security plugin or firewall/);
      expect(await content(blocked.id)).toMatchObject({ status: 'failed', publish_error: run.error, wp_post_id: null });
    } finally {
      proxy.setMode('pass');
    }
    expect(await postsWithSlug(blocked.id)).toHaveLength(0);
  });

  it('fails the content with a message a user can act on when the server refuses the upload as too large', async () => {
    const big = await makeContent('Too large', [{ kind: 'featured', position: 0 }]);
    proxy.setMode('media-too-large');
    try {
      const run = await publishNow(big.id);
      expect(run.status).toBe('failed');
      expect(run.error).toMatch(/too large \(HTTP 413\)\. Raise its upload limit/);
      expect(await content(big.id)).toMatchObject({ status: 'failed', publish_error: run.error });
    } finally {
      proxy.setMode('pass');
    }
  });

  it('refuses before queueing when the site’s REST API is disabled', async () => {
    const piece = await makeContent('No REST');
    proxy.setMode('rest-disabled');
    try {
      const res = await publish(owner, piece.id);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('wordpress_unreachable');
      expect(res.body.error).toMatch(/404 Not Found\. Check the site address .* REST API is not disabled/);
      expect(await runsOf(piece.id)).toBe(0);
    } finally {
      proxy.setMode('pass');
    }
  });

  it('refuses before queueing when WordPress rejects the application password', async () => {
    const piece = await makeContent('Bad password');
    await svc.call('PATCH', `/sites/${site.id}`, { token: owner.token, body: { wp_app_password: 'abcd efgh ijkl mnop qrst uvwx' } });
    try {
      const res = await publish(owner, piece.id);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ success: false, code: 'wordpress_credentials_rejected' });
      expect(res.body.error).toMatch(/refused the application password of admin .*Make a new application password/);
      expect(res.text).not.toContain('abcd');
      expect(await runsOf(piece.id)).toBe(0);
    } finally {
      await svc.call('PATCH', `/sites/${site.id}`, { token: owner.token, body: { wp_app_password: wp.appPassword } });
    }
  });

  it('refuses a site without WordPress credentials, and unapproved content on a site that requires approval', async () => {
    const piece = await makeContent('Needs approval');
    await svc.deps.db.owner`update sites set require_approval = true where id = ${site.id}`;
    try {
      const res = await publish(owner, piece.id);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('approval_required');
      await svc.deps.db.owner`update content set status = 'approved', approved_at = now(), approved_by = ${owner.userId} where id = ${piece.id}`;
      expect((await publish(owner, piece.id)).status).toBe(202);
    } finally {
      await svc.deps.db.owner`update sites set require_approval = false where id = ${site.id}`;
    }
    const bare = await createSite(svc, owner);
    const bareSector = await createSector(svc, owner, bare.id);
    const [other] = await svc.deps.db.owner`
      insert into content ${svc.deps.db.owner({ account_id: owner.accountId, site_id: bare.id, sector_id: bareSector.id, title: 'Nowhere to go' })} returning id`;
    const res = await publish(owner, other!.id);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('wordpress_not_connected');
  });

  it('lets viewers read but not publish, and answers 404 to another account', async () => {
    const piece = await makeContent('Roles');
    const viewer = await userWithRole(svc, owner.accountId, 'viewer');
    await grantSite(svc, owner, site.id, viewer.userId);
    expect((await svc.call('GET', `/writer/content/${piece.id}`, { token: viewer.token })).status).toBe(200);
    const refused = await publish(viewer, piece.id);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('Your role cannot publish content.');
    const editor = await userWithRole(svc, owner.accountId, 'editor');
    await grantSite(svc, owner, site.id, editor.userId);
    const first = await publish(editor, piece.id);
    expect(first.status).toBe(202);
    // A second click while the first publish is queued joins it, whatever its options.
    const second = await publish(owner, piece.id, { status: 'draft' });
    expect(second.body.data).toEqual({ run_id: first.body.data.run_id, existing: true });
    const stranger = await signup(svc, 'Elsewhere');
    expect((await publish(stranger, piece.id)).status).toBe(404);
    expect(await runsOf(piece.id)).toBe(1);
  });

  it('validates the request body', async () => {
    const piece = await makeContent('Bad input');
    for (const body of [{}, { status: 'future' }, { status: 'publish', categories_from_cluster: 'yes' }, { status: 'publish', extra: 1 }]) {
      const res = await publish(owner, piece.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('invalid_input');
    }
  });

  it('writes no PHP notice, warning or error on WordPress', async () => {
    const { existsSync, readFileSync } = await import('node:fs');
    expect(existsSync(wp.debugLog) ? readFileSync(wp.debugLog, 'utf8') : '').toBe('');
  });
});

describe('a site on a private address while the operator keeps private networks closed', () => {
  it('is refused before anything is queued, and WordPress never hears of it', async () => {
    const strict = await createTestService({ IGNY8_ALLOW_PRIVATE_NETWORK: 'false' });
    try {
      const boss = await signup(strict);
      const s = await createSite(strict, boss);
      const sec = await createSector(strict, boss, s.id);
      const db = strict.deps.db.owner;
      // Saved before the rule was turned on: the API would refuse this address today.
      await db`update sites set wp_url = ${proxy.url}, wp_username = 'admin', wp_app_password_enc = ${strict.deps.secrets.encrypt(wp.appPassword, 'sites.wp_app_password')} where id = ${s.id}`;
      const [c] = await db`insert into content ${db({ account_id: boss.accountId, site_id: s.id, sector_id: sec.id, title: 'Private' })} returning id`;
      const before = proxy.seen.length;
      const res = await strict.call('POST', `/writer/content/${c!.id}/publish`, { token: boss.token, body: { status: 'publish' } });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('wordpress_unreachable');
      expect(res.body.error).toMatch(/address not allowed: loopback.*IGNY8_ALLOW_PRIVATE_NETWORK/);
      expect(proxy.seen.length).toBe(before);
    } finally {
      await strict.close();
    }
  });
});
