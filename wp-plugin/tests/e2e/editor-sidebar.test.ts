import { createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkers } from '../../../service/src/worker';
import { collectConsoleErrors, launchBrowser, logIn, screenshot } from './support/browser';
import { pluginFolder, wpPhp } from './support/plugin';
import { startService, type RunningService } from './support/service';
import { startTestWordPress, type WordPress } from './support/site';
import { administrator } from './support/users';

/** The site's Ed25519 key: a random seed, its public key registered with the service. */
function siteKey() {
  const seed = randomBytes(32);
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const publicKey = createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })).export({ format: 'jwk' }).x!;
  // The plugin keeps sodium's secret key: the seed followed by the public key.
  return {
    publicKey,
    secret: Buffer.concat([seed, Buffer.from(publicKey, 'base64url')]).toString('base64'),
  };
}

/** A section as the provider answers it: a paragraph, a nested list and a table. */
const SECTION = {
  blocks: [
    {
      type: 'paragraph',
      text: 'Brew green tea at <strong>80 °C</strong> & no hotter.',
    },
    {
      type: 'list',
      ordered: true,
      items: [
        { text: 'Warm the pot', items: [{ text: 'with <em>hot</em> water' }] },
        { text: 'Steep two minutes', items: [] },
      ],
    },
    {
      type: 'table',
      head: ['Tea', 'Temperature'],
      rows: [['Sencha', '70–80 °C']],
    },
  ],
};

type EditorBlock = { name: string; isValid: boolean; text: string };
const blocksOf = (page: Page) =>
  page.evaluate(() => {
    const wp = (window as any).wp;
    return wp.data
      .select('core/block-editor')
      .getBlocks()
      .map((b: any) => ({
        name: b.name,
        isValid: b.isValid,
        text: String(b.attributes.content ?? ''),
      }));
  }) as Promise<EditorBlock[]>;

let service: RunningService;
let workers: Awaited<ReturnType<typeof startWorkers>>;
let plugin: ReturnType<typeof pluginFolder>;
let wp: WordPress;
let browser: Browser;

describe('the IGNY8 sidebar in the block editor', () => {
  beforeAll(async () => {
    service = await startService();
    workers = await startWorkers(service.svc.deps, service.svc.url);
    plugin = pluginFolder();
    wp = await startTestWordPress({ plugins: [plugin.path] });
    const key = siteKey();
    const res = await service.svc.call('POST', `/sites/${service.site.id}/connect`, {
      token: service.owner.token,
      body: { public_key: key.publicKey, wp_url: wp.url },
    });
    expect(res.status).toBe(200);
    expect(
      wpPhp<boolean>(
        wp,
        `update_option( 'igny8_service_url', ${JSON.stringify(service.url)} );
         update_option( 'igny8_site_id', ${JSON.stringify(service.site.id)} );
         update_option( 'igny8_private_key', ${JSON.stringify(key.secret)}, false );
         return IGNY8\\Settings::is_connected();`,
      ),
    ).toBe(true);
    service.fake.onChat('content_section', () => SECTION);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await wp?.stop();
    plugin?.dispose();
    await workers?.stop();
    await service?.close();
  });

  it('inserts a generated section after the selected block as valid blocks, and one undo removes it', async () => {
    const page = await logIn(browser, wp, administrator(wp));
    page.setDefaultTimeout(90_000);
    const errors = collectConsoleErrors(page);
    try {
      await page.goto(`${wp.url}/wp-admin/post-new.php`);
      const canvas = page.frameLocator('iframe[name="editor-canvas"]');
      const title = canvas.locator('.editor-post-title, .wp-block-post-title').first();
      await title.click();
      await page.keyboard.type('Green tea at home');
      await page.keyboard.press('Enter');
      await page.keyboard.type('First paragraph.');
      await page.keyboard.press('Enter');
      await page.keyboard.type('Last paragraph.');
      await canvas.getByText('First paragraph.').click();
      expect((await blocksOf(page)).map((b) => b.text)).toEqual(['First paragraph.', 'Last paragraph.']);

      await page.getByRole('button', { name: 'IGNY8', exact: true }).first().click();
      await page.getByLabel('Topic').fill('green tea');
      await page.getByLabel('Section heading').fill('Brewing');
      await page.getByRole('button', { name: 'Write the section' }).click();
      await page
        .locator('.components-notice__content', {
          hasText: 'Inserted 4 blocks.',
        })
        .waitFor({ timeout: 45_000 });

      const blocks = await blocksOf(page);
      expect(blocks.map((b) => b.name)).toEqual(['core/paragraph', 'core/heading', 'core/paragraph', 'core/list', 'core/table', 'core/paragraph']);
      expect(blocks.filter((b) => !b.isValid)).toEqual([]);
      expect(blocks[0]!.text).toBe('First paragraph.');
      expect(blocks[1]!.text).toBe('Brewing');
      expect(blocks[2]!.text).toBe('Brew green tea at <strong>80 °C</strong> &amp; no hotter.');
      expect(blocks[5]!.text).toBe('Last paragraph.');
      // The editor's own "unexpected or invalid content" warning is nowhere on the canvas.
      await canvas.locator('.wp-block-table').first().waitFor();
      expect(await canvas.locator('.block-editor-warning').count()).toBe(0);
      expect(await page.locator('.block-editor-warning').count()).toBe(0);
      await screenshot(page, 'editor-sidebar-section');

      // The run that wrote it is the account's, charged one credit.
      const runs = (
        await service.svc.call('GET', '/ai/runs?function=assist', {
          token: service.owner.token,
        })
      ).body.results;
      expect(runs[0]).toMatchObject({
        function: 'assist',
        status: 'succeeded',
        credits_used: 1,
        site_id: service.site.id,
      });

      await page.getByRole('button', { name: 'Undo', exact: true }).click();
      expect((await blocksOf(page)).map((b) => b.text)).toEqual(['First paragraph.', 'Last paragraph.']);
      expect(await page.evaluate(() => (window as any).wp.data.select('core/editor').getEditedPostAttribute('title'))).toBe('Green tea at home');
      expect(errors).toEqual([]);
    } catch (err) {
      await screenshot(page, 'editor-sidebar-failure');
      throw err;
    }
    await page.context().close();
  }, 300_000);

  it('loads the sidebar only in the block editor', async () => {
    const page = await logIn(browser, wp, administrator(wp));
    const errors = collectConsoleErrors(page);
    await page.goto(`${wp.url}/wp-admin/index.php`);
    expect(await page.locator('script[src*="/igny8/build/editor.js"]').count()).toBe(0);
    await page.goto(`${wp.url}/wp-admin/post-new.php?post_type=page`);
    await page.frameLocator('iframe[name="editor-canvas"]').locator('.editor-post-title, .wp-block-post-title').first().waitFor();
    expect(await page.locator('script[src*="/igny8/build/editor.js"]').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 180_000);
});
