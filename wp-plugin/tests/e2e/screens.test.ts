import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectConsoleErrors, launchBrowser, logIn, screenshot } from './support/browser';
import { connectForPublishing } from './support/connect';
import { leanBuildImports } from './support/externals';
import { pluginFolder, wpPhp } from './support/plugin';
import { gradientPng } from './support/png';
import { rest } from './support/rest';
import { startService, type RunningService } from './support/service';
import { startTestWordPress, versionUnderTest, type WordPress } from './support/site';
import { administrator } from './support/users';
import { startWorkers } from '../../../service/src/worker';

// The planner and writer screens in a real WordPress with the real service behind the signed
// proxy and the fake AI provider: from a CSV of keywords to a published post, by clicking.

let service: RunningService;
let wp: WordPress;
let plugin: ReturnType<typeof pluginFolder>;
let browser: Browser;
let page: Page;
let errors: string[];
/** Scripts of the plugin's builds the pages fetched (e.g. `lean/screens-vendor.js`), with their HTTP status. */
const scripts = new Map<string, number>();
/** Where the list screens load from: the lean build on 7.1, whose components DataViews takes; build/ itself on 6.8. */
const listBuild = versionUnderTest() === '6.8' ? '' : 'lean/';
let workers: Awaited<ReturnType<typeof startWorkers>>;

const CSV = ['keyword,volume,difficulty,intent', 'espresso machine,9000,40,commercial', 'best espresso machine,5400,45,commercial', 'espresso machine under 500,1900,30,transactional',
  'how to descale espresso machine,2400,15,informational', 'descaling espresso machine vinegar,700,10,informational', 'milk frother,8000,25,commercial', 'best milk frother,3600,28,commercial',
  'how to froth milk,6600,12,informational', 'latte art for beginners,1300,20,informational', ',50,,', 'coffee grinder,lots,,', 'burr coffee grinder,2900,35,commercial'].join('\n');

async function openScreen(slug: string, heading: string) {
  await page.goto(`${wp.url}/wp-admin/admin.php?page=igny8-${slug}`);
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  // The sector is picked and the list has answered: a row or the empty state is there.
  await page.locator('.dataviews-view-table tbody tr, .igny8-empty').first().waitFor();
}

async function selectAll() {
  await page.getByRole('checkbox', { name: /select all/i }).first().check();
}

/** Runs a bulk action of the selected rows; opens its panel. */
async function bulk(label: string) {
  const footer = page.locator('.dataviews-bulk-actions-footer__container, .dataviews-bulk-actions-footer');
  const button = footer.getByRole('button', { name: label });
  if (await button.count()) await button.first().click();
  else {
    await footer.getByRole('button', { name: /bulk actions|actions/i }).first().click();
    await page.getByRole('menuitem', { name: label }).click();
  }
}

/** Starts the AI panel that is open and waits for its bar to reach 100 %. */
async function runToTheEnd(startLabel: string, costText: RegExp) {
  const dialog = page.getByRole('dialog');
  // The panel's code is loaded when it first opens.
  await dialog.getByText(costText).first().waitFor();
  await expect(dialog.getByText(costText).count()).resolves.toBe(1);
  await dialog.getByRole('button', { name: startLabel, exact: true }).click();
  await dialog.locator('.igny8-run').waitFor();
  // The bar ends at 100 %, or the panel says why the run failed: fail with its words then.
  await dialog
    .locator('.igny8-run__text', { hasText: /· 100%/ })
    .or(dialog.locator('.components-notice'))
    .first()
    .waitFor({ timeout: 120_000 })
    .catch(async (err: Error) => {
      await screenshot(page, `run-stuck-${startLabel.toLowerCase().replace(/\W+/g, '-')}`);
      throw new Error(`the run did not end: "${await dialog.locator('.igny8-run__text').textContent()}" (${err.message.split('\n')[0]})`);
    });
  const failure = dialog.locator('.components-notice__content');
  if (await failure.count()) throw new Error(`the run failed: ${await failure.first().textContent()}`);
  await expect(dialog.locator('.igny8-run .components-progress-bar__indicator, .igny8-run progress').first().isVisible()).resolves.toBe(true);
}

async function closePanel() {
  await page.getByRole('dialog').getByRole('button', { name: 'Close', exact: true }).last().click();
}

describe('the planner and writer screens', () => {
  beforeAll(async () => {
    service = await startService();
    // Images a person can see in the screenshots, where the provider's default is a single pixel.
    service.fake.onImage(() => gradientPng(640, 400));
    // The AI runs the screens start are done by the service's own job workers, as under `npm start`.
    workers = await startWorkers(service.svc.deps, service.svc.url);
    plugin = pluginFolder();
    // With stand-ins announcing Yoast SEO and Rank Math, whose meta keys publishing then also fills.
    wp = await startTestWordPress({ plugins: [plugin.path, fileURLToPath(new URL('./fixtures/igny8-e2e-seo-stand-ins', import.meta.url))] });
    // As on the settings screen, with the application password the service publishes with.
    await connectForPublishing(wp, service);
    // A French translation of one string of the AI panel, a chunk the screens fetch only when a
    // panel opens, where WordPress keeps translations it downloads; the administrator reads French.
    const french = { locale_data: { messages: { '': { domain: 'messages', lang: 'fr_FR', 'plural-forms': 'nplurals=2; plural=(n > 1);' }, Cancel: ['Annuler'] } } };
    wpPhp(
      wp,
      `wp_mkdir_p( WP_LANG_DIR . '/plugins' );
       file_put_contents( WP_LANG_DIR . '/plugins/igny8-fr_FR-' . md5( ${JSON.stringify(`build/${listBuild}ai-action.js`)} ) . '.json', ${JSON.stringify(JSON.stringify(french))} );
       return update_user_meta( get_user_by( 'login', ${JSON.stringify(wp.admin.user)} )->ID, 'locale', 'fr_FR' );`,
    );
    browser = await launchBrowser();
    page = await logIn(browser, wp, administrator(wp));
    errors = collectConsoleErrors(page);
    page.on('response', (response) => {
      const file = /\/build\/((?:lean\/)?[\w-]+\.js)$/.exec(new URL(response.url()).pathname)?.[1];
      if (file) scripts.set(file, response.status());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await wp?.stop();
    plugin?.dispose();
    await workers?.stop();
    await service?.close();
  });

  it('imports a CSV on the Keywords screen and reports the bad lines', async () => {
    await openScreen('keywords', 'Keywords');
    await page.getByText(/No keywords here yet/).waitFor();
    await screenshot(page, 'keywords-empty');
    await page.getByRole('button', { name: 'Import CSV' }).first().click();
    const dir = mkdtempSync(join(tmpdir(), 'igny8-csv-'));
    writeFileSync(join(dir, 'keywords.csv'), CSV);
    await page.locator('input[type=file]').setInputFiles(join(dir, 'keywords.csv'));
    await page.getByRole('dialog').getByRole('button', { name: 'Import', exact: true }).click();
    await page.locator('.igny8-import-report .components-notice__content', { hasText: /10 created, 0 updated, 2 skipped\./ }).waitFor();
    const report = page.getByRole('region', { name: 'Lines not imported' });
    await expect(report.locator('tbody tr').count()).resolves.toBe(2);
    await expect(report.locator('tbody td').first().textContent()).resolves.toBe('11');
    await screenshot(page, 'keywords-import-report');
    await page.getByRole('dialog').getByRole('button', { name: 'Close', exact: true }).last().click();
    await page.getByRole('cell', { name: 'espresso machine', exact: true }).waitFor();
    await expect(page.locator('.dataviews-view-table tbody tr').count()).resolves.toBe(10);
  });

  it('filters the keywords by intent with DataViews’ own filter controls, answered by the service', async () => {
    const rows = page.locator('.dataviews-view-table tbody tr');
    // The filter goes to the service as a query parameter, through the proxy.
    const asked = page.waitForRequest((r) => /planner(%2F|\/)keywords/.test(r.url()) && r.url().includes('intent=informational'));
    await page.getByRole('button', { name: 'Add filter' }).click();
    await page.getByRole('menuitem', { name: 'Intent' }).click();
    await page.getByRole('option', { name: 'Informational' }).click();
    await asked;
    await expect.poll(() => rows.count()).toBe(4);
    await expect(rows.allTextContents()).resolves.toSatisfy((texts: string[]) => texts.every((t) => t.includes('Informational')));
    await screenshot(page, 'keywords-filtered');
    // Resetting the view shows every keyword again.
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect.poll(() => rows.count()).toBe(10);
  });

  it('auto-clusters the sector and follows the bar to 100 %', async () => {
    await page.getByRole('button', { name: 'Auto-cluster sector' }).click();
    // The panel's chunk came with its translation.
    await page.getByRole('dialog').getByRole('button', { name: 'Annuler', exact: true }).waitFor();
    await runToTheEnd('Cluster', /This will use 1 credit\./);
    await screenshot(page, 'keywords-clustered');
    await closePanel();
    await openScreen('clusters', 'Clusters');
    await expect(page.locator('.dataviews-view-table tbody tr').count()).resolves.toBeGreaterThan(0);
    await screenshot(page, 'clusters');
  }, 240_000);

  it('generates ideas for the clusters and turns them into tasks', async () => {
    const clusters = await page.locator('.dataviews-view-table tbody tr').count();
    await selectAll();
    await bulk('Generate ideas');
    await runToTheEnd('Generate ideas', new RegExp(`This will use ${clusters * 3} credits?\\.`));
    await closePanel();

    await openScreen('ideas', 'Ideas');
    await expect(page.locator('.dataviews-view-table tbody tr').count()).resolves.toBeGreaterThan(0);
    await screenshot(page, 'ideas');
    // One idea is enough to write: the first row's own action.
    await page.locator('.dataviews-view-table tbody tr').first().getByRole('checkbox').check();
    await bulk('Create tasks');
    await page.getByRole('dialog').getByRole('button', { name: 'Create tasks' }).click();
    await page.locator('.components-snackbar__content', { hasText: /1 task created/ }).waitFor();
  }, 240_000);

  it('generates the task’s content', async () => {
    await openScreen('tasks', 'Tasks');
    await expect(page.locator('.dataviews-view-table tbody tr').count()).resolves.toBe(1);
    await screenshot(page, 'tasks');
    await selectAll();
    await bulk('Generate content');
    await runToTheEnd('Generate', /This will use 3 credits\./);
    await closePanel();
  }, 240_000);

  it('shows the article with its preview, meta and review steps', async () => {
    await openScreen('content', 'Content');
    const rows = page.locator('.dataviews-view-table tbody tr');
    await expect(rows.count()).resolves.toBe(1);
    await screenshot(page, 'content');
    await rows.first().getByRole('button', { name: 'Open' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Meta title').waitFor();
    const preview = page.frameLocator('iframe.igny8-preview');
    await preview.locator('h2').first().waitFor();
    await expect(dialog.getByRole('button', { name: 'Approve' }).count()).resolves.toBe(1);
    await screenshot(page, 'content-article');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await dialog.getByText('Status: Approved').waitFor();
  });

  it('plans and generates the article’s images, and shows them through the proxy', async () => {
    await closePanel();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await selectAll();
    await bulk('Plan images');
    await runToTheEnd('Plan images', /This will use 1 credit\./);
    await closePanel();

    await openScreen('images', 'Images');
    const rows = page.locator('.dataviews-view-table tbody tr');
    const planned = await rows.count();
    expect(planned).toBeGreaterThan(0);
    await selectAll();
    await bulk('Generate images');
    await runToTheEnd('Generate', new RegExp(`This will use ${planned} credits?\\.`));
    await closePanel();
    // Each thumbnail is the stored file, fetched through the signed proxy and decoded by the browser.
    const thumbs = page.locator('img.igny8-thumb');
    // The list refreshes row by row as the run's images arrive: wait for all of them.
    await expect.poll(() => thumbs.count(), { timeout: 30_000 }).toBe(planned);
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('img.igny8-thumb')].every((img) => img.complete && img.naturalWidth > 0));
    await screenshot(page, 'images');
  }, 240_000);

  it('publishes the article from the Content screen and links to the post, which WordPress serves with its images', async () => {
    await openScreen('content', 'Content');
    await page.locator('.dataviews-view-table tbody tr').first().getByRole('button', { name: 'Open' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Meta title').waitFor();
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    await runToTheEnd('Publish now', /This uses no credits\./);
    const link = dialog.getByRole('link', { name: /View the WordPress post/ });
    await link.waitFor();
    await screenshot(page, 'content-published');

    // The post as WordPress holds it: published, with the article's title, featured image and meta.
    const article = (await service.svc.call('GET', '/writer/content', { token: service.owner.token })).body.results[0];
    expect(article).toMatchObject({ status: 'published', publish_error: null });
    const post = await rest<{ status: string; link: string; title: { raw: string }; featured_media: number; content: { raw: string }; meta: Record<string, unknown> }>(wp, `/wp/v2/posts/${article.wp_post_id}?context=edit`);
    expect(post).toMatchObject({ status: 'publish', title: { raw: article.title } });
    expect(post.featured_media).toBeGreaterThan(0);
    expect(article.meta_not_set).toEqual([]);
    expect(post.meta).toMatchObject({
      _igny8_meta_title: article.meta_title, _yoast_wpseo_title: article.meta_title, rank_math_title: article.meta_title,
      _igny8_meta_description: article.meta_description, _yoast_wpseo_metadesc: article.meta_description, rank_math_description: article.meta_description,
    });
    expect(article.meta_description).not.toBe('');
    expect(await link.getAttribute('href')).toBe(post.link);
    // Every image block points at an attachment of the media library that has alt text.
    const ids = [post.featured_media, ...Array.from(post.content.raw.matchAll(/<!-- wp:image \{"id":(\d+)/g), (m) => Number(m[1]))];
    const images = (await rest<{ id: number; alt_text: string }[]>(wp, `/wp/v2/media?include=${ids.join(',')}&context=edit`)).length;
    expect(ids.length).toBeGreaterThan(1);
    expect(images).toBe(new Set(ids).size);
    for (const id of ids) expect((await rest<{ alt_text: string }>(wp, `/wp/v2/media/${id}?context=edit`)).alt_text).not.toBe('');

    // What a visitor sees: the post at its address, every image of the article loaded from the media library.
    const visitor = await browser.newPage();
    try {
      await visitor.goto(post.link);
      await visitor.getByRole('heading', { name: article.title, level: 1 }).waitFor();
      const images = visitor.locator('.wp-block-image img, .wp-post-image');
      await images.first().waitFor();
      await visitor.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('.wp-block-image img, .wp-post-image')].every((img) => img.complete && img.naturalWidth > 0));
      expect(await images.evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).src).filter((src) => !src.includes('/wp-content/uploads/')))).toEqual([]);
      await images.last().scrollIntoViewIfNeeded();
      await screenshot(visitor, 'published-post');
    } finally {
      await visitor.close();
    }
  }, 240_000);

  it('logged no JavaScript error on any screen', () => {
    expect(errors).toEqual([]);
  });

  it('loaded the chunk the list screens share, and the dialogs and panels as chunks of their own, from the build this WordPress runs', () => {
    for (const file of ['keywords.js', 'screens-vendor.js', 'keywords-import.js', 'ai-action.js', 'content-panel.js']) expect([file, scripts.get(listBuild + file)]).toEqual([file, 200]);
    // Nothing of the other build: one DataViews per page.
    expect([...scripts.keys()].filter((file) => file.startsWith('lean/') !== (listBuild === 'lean/'))).toEqual([]);
  });

  it.runIf(listBuild === 'lean/')('runs the lean build on a WordPress that exports every component, hook and API its DataViews imports', async () => {
    const imports = leanBuildImports();
    expect(imports.length).toBeGreaterThan(50);
    await openScreen('keywords', 'Keywords');
    const missing = await page.evaluate(
      (pairs) =>
        pairs
          .filter(([path, name]) => {
            const script = path.reduce<Record<string, unknown> | undefined>((object, key) => object?.[key] as Record<string, unknown> | undefined, globalThis as unknown as Record<string, unknown>);
            return script?.[name] === undefined;
          })
          .map(([path, name]) => `${path.join('.')}.${name}`),
      imports,
    );
    expect(missing).toEqual([]);
  });
});
