import { existsSync, readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuthOf } from './support/auth';
import { collectConsoleErrors, launchBrowser, logIn, screenshot } from './support/browser';
import { pluginFolder, wpPhp } from './support/plugin';
import { rest, restResponse } from './support/rest';
import { startService, type RunningService } from './support/service';
import { startTestWordPress, versionUnderTest, type WordPress } from './support/site';
import { administrator, createUser, type TestUser } from './support/users';

const version = versionUnderTest();
/** wp-admin pages in a browser are slow when other suites share the machine's two cores. */
const BROWSER_TIMEOUT = 300_000;
/** The Abilities API arrived in WordPress 6.9: the plugin detects it, and 6.8 runs without. */
const hasAbilities = version !== '6.8';
const OPTIONS = ['igny8_service_url', 'igny8_site_id', 'igny8_private_key', 'igny8_public_key', 'igny8_account_name', 'igny8_site_name', 'igny8_app_password_uuid', 'igny8_mcp_abilities'];

let service: RunningService;
let wp: WordPress;
let browser: Browser;
let plugin: ReturnType<typeof pluginFolder>;
const users: Record<'author' | 'contributor' | 'subscriber', { user: TestUser; auth: string }> = {} as never;

const as = (auth: string, path: string, init: Parameters<typeof restResponse>[2] = {}) =>
  restResponse(wp, path, { ...init, anonymous: true, headers: { ...init.headers, authorization: auth } });
const adminAuth = () => `Basic ${Buffer.from(`${wp.admin.user}:${wp.appPassword}`).toString('base64')}`;
const siteOf = async () => (await service.svc.call('GET', `/sites/${service.site.id}`, { token: service.owner.token })).body.data;
const appPasswords = async () => (await rest<{ name: string }[]>(wp, '/wp/v2/users/1/application-passwords')).map((p) => p.name);

describe(`the plugin in WordPress ${version}`, () => {
  beforeAll(async () => {
    service = await startService();
    plugin = pluginFolder();
    wp = await startTestWordPress({ plugins: [plugin.path] });
    browser = await launchBrowser();
    for (const role of ['author', 'contributor', 'subscriber'] as const) {
      const user = await createUser(wp, role);
      users[role] = { user, auth: await basicAuthOf(wp, user) };
    }
  });

  afterAll(async () => {
    await browser?.close();
    await wp?.stop();
    plugin?.dispose();
    await service?.close();
  });

  it('connects from the settings screen with a one-time code and an application password, and shows the site', async () => {
    const page = await logIn(browser, wp, administrator(wp));
    const errors = collectConsoleErrors(page);
    await page.goto(`${wp.url}/wp-admin/admin.php?page=igny8-settings`);
    await page.getByLabel('Service URL').fill(service.url);
    await page.getByLabel('Connect code').fill(await service.connectCode());
    expect(await page.getByLabel('Create an application password for publishing').isChecked()).toBe(true);
    await screenshot(page, `plugin-settings-connect-${version}`);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();

    await page.getByText(`Connected as the site “Plugin blog” of the account “Plugin Co”`).waitFor();
    await page.getByText(/\d+ credits left/).waitFor();
    await page.getByText('Espresso machines').waitFor();
    await page.getByText('No author profile yet').waitFor();
    await page.getByText(/OpenAI \(text\): /).waitFor();
    await screenshot(page, `plugin-settings-connected-${version}`);

    expect((await siteOf()).connected_at).not.toBeNull();
    expect(await appPasswords()).toContain('IGNY8 publishing');
    // The private key is read only by requests that sign.
    expect(wpPhp<{ autoloaded: boolean; stored: boolean }>(wp, `return array( 'autoloaded' => array_key_exists( 'igny8_private_key', wp_load_alloptions() ), 'stored' => '' !== get_option( 'igny8_private_key', '' ) );`)).toEqual({ autoloaded: false, stored: true });

    // The screens' own client reaches the planner through the proxy with the page's nonce.
    await service.svc.call('POST', '/planner/keywords', { token: service.owner.token, body: { sector_id: service.sector.id, keyword: 'espresso tamper', volume: 90 } });
    const listed = await page.evaluate(
      (sector) => (globalThis as unknown as { wp: { apiFetch: (o: { path: string }) => Promise<{ count: number; results: { keyword: string }[] }> } }).wp.apiFetch({ path: `/igny8/v1/service/planner/keywords?sector_id=${sector}` }),
      service.sector.id,
    );
    expect(listed.results.map((k) => k.keyword)).toEqual(['espresso tamper']);
    expect(errors).toEqual([]);
    await page.context().close();
  }, BROWSER_TIMEOUT);

  it('lets an author open the planner screens but not the settings, and a subscriber none', async () => {
    const authorPage = await logIn(browser, wp, users.author.user);
    const keywords = await authorPage.goto(`${wp.url}/wp-admin/admin.php?page=igny8-keywords`);
    expect(keywords?.status()).toBe(200);
    expect(await authorPage.locator('#igny8-root').getAttribute('data-screen')).toBe('keywords');
    const boot = await authorPage.evaluate(() => (globalThis as unknown as { igny8?: unknown }).igny8);
    if (existsSync(`${plugin.path}/build/keywords.asset.php`)) {
      expect(boot).toMatchObject({ screen: 'keywords', connected: true, siteName: 'Plugin blog', restNamespace: 'igny8/v1', userCan: { edit_posts: true, publish_posts: true, manage_options: false } });
    }
    expect(await authorPage.locator('#adminmenu a[href="admin.php?page=igny8-settings"]').count()).toBe(0);
    expect((await authorPage.goto(`${wp.url}/wp-admin/admin.php?page=igny8-settings`))?.status()).toBe(403);
    await authorPage.context().close();

    const subscriberPage = await logIn(browser, wp, users.subscriber.user);
    expect(await subscriberPage.locator('#adminmenu a[href="admin.php?page=igny8-keywords"]').count()).toBe(0);
    for (const slug of ['igny8-keywords', 'igny8-clusters', 'igny8-ideas', 'igny8-tasks', 'igny8-content', 'igny8-images', 'igny8-settings']) {
      expect((await subscriberPage.goto(`${wp.url}/wp-admin/admin.php?page=${slug}`))?.status(), slug).toBe(403);
    }
    await subscriberPage.context().close();
  }, BROWSER_TIMEOUT);

  it('lets a subscriber call no proxy route', async () => {
    for (const [method, path] of [
      ['GET', 'service/planner/keywords'],
      ['GET', 'service/billing/balance'],
      ['POST', 'service/planner/keywords/auto-cluster'],
      ['GET', `keywords/export?sector_id=${service.sector.id}`],
      ['POST', `keywords/import?sector_id=${service.sector.id}`],
      ['GET', 'connection'],
      ['DELETE', 'connection'],
      ['GET', 'settings/abilities'],
    ] as const) {
      const res = await as(users.subscriber.auth, `/igny8/v1/${path}`, { method, ...(method === 'POST' ? { json: {} } : {}) });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
  });

  // WordPress 6.8 has no Abilities API: the test after this block checks that the plugin detects that.
  if (hasAbilities) describe('abilities', () => {
    const run = (auth: string, name: string, input: Record<string, unknown>, method: 'GET' | 'POST') =>
      method === 'GET'
        ? as(auth, `/wp-abilities/v1/abilities/igny8/${name}/run?${new URLSearchParams(Object.entries(input).map(([k, v]) => [`input[${k}]`, String(v)]))}`)
        : as(auth, `/wp-abilities/v1/abilities/igny8/${name}/run`, { method: 'POST', json: { input } });

    it('lists the igny8 abilities with their schemas and annotations, none offered to MCP by default', async () => {
      const list = await rest<{ name: string; category: string; input_schema: object; output_schema: object; meta: { annotations: Record<string, boolean>; mcp?: { public: boolean } } }[]>(wp, '/wp-abilities/v1/abilities?category=igny8&per_page=50');
      expect(list.map((a) => a.name).sort()).toEqual(
        ['igny8/cluster-sector', 'igny8/generate-article', 'igny8/generate-ideas', 'igny8/get-run', 'igny8/import-keywords', 'igny8/list-clusters', 'igny8/publish'].sort(),
      );
      const byName = Object.fromEntries(list.map((a) => [a.name, a]));
      expect(byName['igny8/list-clusters']!.meta.annotations).toMatchObject({ readonly: true, idempotent: true });
      expect(byName['igny8/publish']!.meta.annotations).toMatchObject({ readonly: false, destructive: true });
      expect(list.every((a) => a.meta.mcp?.public === false)).toBe(true);
    });

    it('runs for an administrator and an author, and refuses a subscriber and, for publishing, a contributor', async () => {
      const admin = await run(adminAuth(), 'list-clusters', { sector_id: service.sector.id }, 'GET');
      expect(admin.status).toBe(200);
      expect(await admin.json()).toEqual({ count: 0, results: [] });

      const imported = await run(users.author.auth, 'import-keywords', { sector_id: service.sector.id, keywords: [{ keyword: 'pour over kettle', volume: 300 }, { keyword: 'burr grinder' }] }, 'POST');
      expect(imported.status).toBe(200);
      expect((await imported.json()).map((k: { keyword: string }) => k.keyword)).toEqual(['pour over kettle', 'burr grinder']);

      const started = await run(users.author.auth, 'cluster-sector', { sector_id: service.sector.id }, 'POST');
      expect(started.status).toBe(200);
      const { run_id } = await started.json();
      const state = await run(users.author.auth, 'get-run', { run_id }, 'GET');
      expect(state.status).toBe(200);
      expect(await state.json()).toMatchObject({ id: run_id, status: expect.stringMatching(/queued|running|succeeded/) });
      // The run records the WordPress user who started it.
      const [row] = await service.svc.admin`select actor from ai_runs where id = ${run_id}`.catch(() => [{ actor: null }]);
      if (row?.actor) expect(row.actor).toBe(`site:${service.site.id}/wp-user:${users.author.user.id}`);

      const invalid = await run(users.author.auth, 'cluster-sector', { sector_id: 'not-a-uuid' }, 'POST');
      expect(invalid.status).toBe(400);

      expect((await run(users.subscriber.auth, 'list-clusters', {}, 'GET')).status).toBe(403);
      expect((await run(users.subscriber.auth, 'get-run', { run_id }, 'GET')).status).toBe(403);
      expect((await run(users.subscriber.auth, 'cluster-sector', { sector_id: service.sector.id }, 'POST')).status).toBe(403);
      expect((await run(users.contributor.auth, 'list-clusters', {}, 'GET')).status).toBe(200);
      expect((await run(users.contributor.auth, 'publish', { content_id: '00000000-0000-4000-8000-000000000000' }, 'POST')).status).toBe(403);
    });

    it('offers an ability to MCP clients once an administrator switches it on in the settings', async () => {
      const page = await logIn(browser, wp, administrator(wp));
      const errors = collectConsoleErrors(page);
      await page.goto(`${wp.url}/wp-admin/admin.php?page=igny8-settings`);
      const toggle = page.getByLabel('List keyword clusters');
      expect(await toggle.isChecked()).toBe(false);
      await toggle.check();
      await expect.poll(async () => (await rest<{ abilities: { name: string; mcp_public: boolean }[] }>(wp, '/igny8/v1/settings/abilities')).abilities.filter((a) => a.mcp_public).map((a) => a.name)).toEqual(['igny8/list-clusters']);
      await screenshot(page, `plugin-settings-abilities-${version}`);
      const ability = await rest<{ meta: { mcp: { public: boolean } } }>(wp, '/wp-abilities/v1/abilities/igny8/list-clusters');
      expect(ability.meta.mcp.public).toBe(true);
      expect((await rest<{ meta: { mcp: { public: boolean } } }>(wp, '/wp-abilities/v1/abilities/igny8/publish')).meta.mcp.public).toBe(false);
      expect((await as(adminAuth(), '/igny8/v1/settings/abilities', { method: 'POST', json: { mcp_public: ['igny8/no-such-ability'] } })).status).toBe(400);
      expect(errors).toEqual([]);
      await page.context().close();
    }, BROWSER_TIMEOUT);
  });

  it('detects whether WordPress has the Abilities API (6.9 and later) and runs either way', async () => {
    const index = await rest<{ namespaces: string[] }>(wp, '/');
    expect(index.namespaces).toContain('igny8/v1');
    expect(index.namespaces.includes('wp-abilities/v1')).toBe(hasAbilities);
    expect((await rest<{ available: boolean }>(wp, '/igny8/v1/settings/abilities')).available).toBe(hasAbilities);
  });

  it('registers the SEO meta for REST, writable by who may edit the post', async () => {
    const schema = await (await as(adminAuth(), '/wp/v2/posts', { method: 'OPTIONS' })).json();
    expect(Object.keys(schema.schema.properties.meta.properties)).toEqual(expect.arrayContaining(['_igny8_meta_title', '_igny8_meta_description', '_igny8_focus_keyword']));
    // Neither Yoast SEO nor Rank Math runs here, so their keys are not offered.
    expect(Object.keys(schema.schema.properties.meta.properties)).not.toContain('_yoast_wpseo_title');
    const post = await rest<{ id: number; meta: Record<string, string> }>(wp, '/wp/v2/posts', {
      json: { title: 'Meta check', status: 'draft', meta: { _igny8_meta_title: 'Best espresso grinders', _igny8_focus_keyword: 'espresso grinder' } },
    });
    expect(post.meta).toMatchObject({ _igny8_meta_title: 'Best espresso grinders', _igny8_focus_keyword: 'espresso grinder' });
    const refused = await as(users.contributor.auth, `/wp/v2/posts/${post.id}`, { method: 'POST', json: { meta: { _igny8_meta_title: 'Hijacked' } } });
    expect(refused.status).toBe(403);
  });

  it('disconnects from the settings screen: the key is revoked there and the application password deleted here', async () => {
    const page = await logIn(browser, wp, administrator(wp));
    const errors = collectConsoleErrors(page);
    await page.goto(`${wp.url}/wp-admin/admin.php?page=igny8-settings`);
    // As a person would, once the page has shown what the site has (its requests have ended).
    await page.getByText(/\d+ credits left/).waitFor();
    await page.getByText(/OpenAI \(text\): /).waitFor();
    await page.getByText('No author profile yet').waitFor();
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByLabel('Connect code').waitFor();
    expect((await siteOf()).connected_at).toBeNull();
    expect(await appPasswords()).not.toContain('IGNY8 publishing');
    expect((await as(adminAuth(), '/igny8/v1/service/planner/keywords')).status).toBe(409);
    expect(errors).toEqual([]);
    await page.context().close();
  }, BROWSER_TIMEOUT);

  it('refuses a used code in the service’s words and keeps nothing', async () => {
    const code = await service.connectCode();
    const first = await as(adminAuth(), '/igny8/v1/connection', { method: 'POST', json: { service_url: service.url, code, create_app_password: true } });
    expect(first.status).toBe(200);
    expect((await as(adminAuth(), '/igny8/v1/connection', { method: 'DELETE' })).status).toBe(200);
    const again = await as(adminAuth(), '/igny8/v1/connection', { method: 'POST', json: { service_url: service.url, code, create_app_password: true } });
    expect(again.status).toBe(401);
    expect((await again.json()).code).toBe('invalid_credentials');
    expect(await appPasswords()).not.toContain('IGNY8 publishing');
    expect((await rest<{ connected: boolean }>(wp, '/igny8/v1/connection')).connected).toBe(false);
  });

  it('removes its options and its application password when uninstalled', async () => {
    const connected = await as(adminAuth(), '/igny8/v1/connection', { method: 'POST', json: { service_url: service.url, code: await service.connectCode(), create_app_password: true } });
    expect(connected.status).toBe(200);
    if (hasAbilities) await rest(wp, '/igny8/v1/settings/abilities', { json: { mcp_public: ['igny8/get-run'] } });
    const stored = (names: string[]) => wpPhp<string[]>(wp, `return array_values( array_filter( ${JSON.stringify(names)}, static fn ( $o ) => false !== get_option( $o ) ) );`);
    expect(stored(OPTIONS).length).toBeGreaterThanOrEqual(7);
    wpPhp(wp, `deactivate_plugins( 'igny8/igny8.php' ); uninstall_plugin( 'igny8/igny8.php' ); return true;`);
    expect(stored(OPTIONS)).toEqual([]);
    expect(await appPasswords()).not.toContain('IGNY8 publishing');
  }, BROWSER_TIMEOUT);

  it('writes no PHP notice, warning or error to the WP_DEBUG log', () => {
    expect(existsSync(wp.debugLog) ? readFileSync(wp.debugLog, 'utf8') : '').toBe('');
  });
});
