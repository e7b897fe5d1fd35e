import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sitesRoot } from '../../../scripts/wordpress/paths';
import { reapAbandonedSites } from '../../../scripts/wordpress/state';
import { collectConsoleErrors, launchBrowser, logIn, screenshot } from './support/browser';
import { gradientPng } from './support/png';
import { rest, restResponse } from './support/rest';
import { startTestWordPress, versionUnderTest, type WordPress } from './support/site';
import { administrator, createUser } from './support/users';

/** Command lines of the processes that name a path, from /proc. */
function processesUsing(path: string): string[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      } catch {
        return '';
      }
    })
    .filter((command) => command.includes(path));
}

const fixture = (path: string) => fileURLToPath(new URL(`./fixtures/${path}`, import.meta.url));
const version = versionUnderTest();

describe(`WordPress ${version} from the launcher`, () => {
  let wp: WordPress;
  let browser: Browser;
  let post: { id: number; blocks: string[] };

  beforeAll(async () => {
    wp = await startTestWordPress({ plugins: [fixture('igny8-e2e-probe')], muPlugins: [fixture('igny8-e2e-mu.php')] });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await wp?.stop();
  });

  it('runs the requested release with pretty permalinks and REST behind the application password', async () => {
    expect(wp.release.startsWith(`${version}.`)).toBe(true);
    const index = await rest<{ namespaces: string[] }>(wp, '/');
    expect(index.namespaces).toContain('wp/v2');
    const me = await rest<{ slug: string; roles: string[] }>(wp, '/wp/v2/users/me?context=edit');
    expect(me.roles).toEqual(['administrator']);
    expect((await restResponse(wp, '/wp/v2/users/me', { anonymous: true })).status).toBe(401);
    const settings = await rest<{ url: string }>(wp, '/wp/v2/settings');
    expect(settings.url).toBe(wp.url);
  });

  it('activates the linked plugins and loads the must-use ones', async () => {
    const plugins = await rest<{ plugin: string; status: string }[]>(wp, '/wp/v2/plugins');
    expect(plugins.find((p) => p.plugin.startsWith('igny8-e2e-probe/'))?.status).toBe('active');
    const probe = await restResponse(wp, '/igny8-e2e/v1/probe');
    expect(await probe.json()).toEqual({ active: true });
    expect(probe.headers.get('x-igny8-e2e-mu')).toBe('loaded');
  });

  it('takes a post with block content and a PNG in the media library through REST', async () => {
    const media = await rest<{ id: number; source_url: string; mime_type: string; media_details: { sizes: Record<string, unknown> } }>(
      wp,
      '/wp/v2/media',
      {
        body: gradientPng(800, 500),
        headers: { 'content-type': 'image/png', 'content-disposition': 'attachment; filename="gradient.png"' },
      },
    );
    expect(media.mime_type).toBe('image/png');
    // GD made the smaller sizes.
    expect(Object.keys(media.media_details.sizes)).toContain('thumbnail');
    expect((await fetch(media.source_url)).headers.get('content-type')).toBe('image/png');

    const content = [
      '<!-- wp:heading -->\n<h2 class="wp-block-heading">Planned by keyword</h2>\n<!-- /wp:heading -->',
      '<!-- wp:paragraph -->\n<p>A paragraph with <strong>strong</strong> words.</p>\n<!-- /wp:paragraph -->',
      `<!-- wp:image {"id":${media.id},"sizeSlug":"full","linkDestination":"none"} -->\n<figure class="wp-block-image size-full"><img src="${media.source_url}" alt="" class="wp-image-${media.id}"/></figure>\n<!-- /wp:image -->`,
      '<!-- wp:list -->\n<ul class="wp-block-list"><!-- wp:list-item -->\n<li>One</li>\n<!-- /wp:list-item -->\n\n<!-- wp:list-item -->\n<li>Two</li>\n<!-- /wp:list-item --></ul>\n<!-- /wp:list -->',
    ].join('\n\n');
    const created = await rest<{ id: number; link: string }>(wp, '/wp/v2/posts', {
      json: { title: 'Launcher check', content, status: 'publish', featured_media: media.id },
    });
    post = { id: created.id, blocks: ['core/heading', 'core/paragraph', 'core/image', 'core/list'] };

    const page = await fetch(created.link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Planned by keyword');
  });

  it('opens the post in the block editor with every block valid and no console error', async () => {
    const page = await logIn(browser, wp, administrator(wp));
    const errors = collectConsoleErrors(page);
    await page.goto(`${wp.url}/wp-admin/post.php?post=${post.id}&action=edit`);
    const canvas = page.frameLocator('iframe[name="editor-canvas"]');
    await canvas.locator('.wp-block-image img').waitFor();

    const blocks = await page.evaluate(() => {
      const { select } = (globalThis as unknown as { wp: { data: { select: (store: string) => { getBlocks(): { name: string; isValid: boolean }[] } } } }).wp.data;
      return select('core/block-editor').getBlocks().map(({ name, isValid }) => ({ name, isValid }));
    });
    expect(blocks).toEqual(post.blocks.map((name) => ({ name, isValid: true })));
    expect(await canvas.locator('.block-editor-warning').count()).toBe(0);
    await expect.poll(() => page.locator('.components-modal__frame').count()).toBe(0);

    await screenshot(page, `block-editor-${version}`);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('creates authors and subscribers who log in with what their role allows', async () => {
    const author = await createUser(wp, 'author');
    const subscriber = await createUser(wp, 'subscriber');

    const authorPage = await logIn(browser, wp, author);
    await authorPage.goto(`${wp.url}/wp-admin/post-new.php`);
    await authorPage.frameLocator('iframe[name="editor-canvas"]').locator('.editor-post-title, .wp-block-post-title').first().waitFor();
    // The welcome guide stays closed for users created later too.
    expect(await authorPage.locator('.edit-post-welcome-guide, .editor-welcome-guide').count()).toBe(0);
    await authorPage.context().close();

    const subscriberPage = await logIn(browser, wp, subscriber);
    const response = await subscriberPage.goto(`${wp.url}/wp-admin/post-new.php`);
    expect(response?.status()).toBe(403);
    await subscriberPage.context().close();
  });

  it('writes no PHP notice, warning or error to the WP_DEBUG log', () => {
    const log = existsSync(wp.debugLog) ? readFileSync(wp.debugLog, 'utf8') : '';
    expect(log).toBe('');
  });

  it('refuses plugins it cannot activate, and leaves no process or folder behind', async () => {
    const before = readdirSync(sitesRoot());
    await expect(startTestWordPress({ plugins: [fixture('no-such-plugin')] })).rejects.toThrow(/no-such-plugin is not a plugin folder/);
    // This one fails once MariaDB runs and WordPress is installed.
    await expect(startTestWordPress({ plugins: [fixture('igny8-e2e-no-header')] })).rejects.toThrow(/no plugin header/);
    expect(readdirSync(sitesRoot())).toEqual(before);
    const ours = join(sitesRoot(), `run-${process.pid}-`);
    expect(processesUsing(ours).filter((command) => !command.includes(wp.dir))).toEqual([]);
  });

  it('stops the PHP server and MariaDB and removes the temporary site', async () => {
    await wp.stop();
    await expect(fetch(`${wp.url}/`)).rejects.toThrow();
    expect(existsSync(wp.dir)).toBe(false);
    expect(processesUsing(wp.dir)).toEqual([]);
  });

  it('ends and removes the site of a run that was killed, at the next start', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture('start-and-wait.mts')], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [line] = (await Promise.race([
      once(createInterface({ input: child.stdout! }), 'line'),
      once(child, 'exit').then(([code]) => Promise.reject(new Error(`the run exited early with ${code}`))),
    ])) as [string];
    const abandoned = JSON.parse(line) as { url: string; dir: string };
    expect((await fetch(`${abandoned.url}/wp-json/`)).status).toBe(200);
    child.kill('SIGKILL');
    await once(child, 'exit');
    // SIGKILL leaves the site's PHP server and MariaDB running.
    expect(processesUsing(abandoned.dir)).not.toEqual([]);

    await reapAbandonedSites();
    expect(existsSync(abandoned.dir)).toBe(false);
    expect(processesUsing(abandoned.dir)).toEqual([]);
    await expect(fetch(`${abandoned.url}/`)).rejects.toThrow();
  });
});

