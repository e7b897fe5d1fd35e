import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../src/modules/ai/setup';
import { plannerFunctions } from '../src/modules/planner';
import { PASSWORD, uniqueEmail, userWithRole } from './factories';
import { startFakeProvider, type FakeProvider } from './fake-provider';
import { listen } from './http-server';
import { createTestService, type TestService } from './service';

// The whole dashboard in headless Chromium against the real service on an ephemeral port.
const SHOTS = fileURLToPath(new URL('../../artifacts/screenshots/', import.meta.url));
const ENSURE_BUILT = fileURLToPath(new URL('../../dashboard/scripts/ensure-built.mjs', import.meta.url));

let svc: TestService;
let server: Awaited<ReturnType<typeof listen>> | undefined;
let base: string;
let browser: Browser;
let page: Page;
let fake: FakeProvider;
const consoleErrors: string[] = [];

beforeAll(async () => {
  const { ensureBuilt } = (await import(ENSURE_BUILT)) as { ensureBuilt: (o: { quiet: boolean }) => Promise<boolean> };
  await ensureBuilt({ quiet: true });
  fake = await startFakeProvider();
  svc = await createTestService();
  server = await listen(svc);
  base = `http://127.0.0.1:${server.port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));

  mkdirSync(SHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await svc?.close();
  await fake?.close();
});

const shot = (name: string) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });

describe('the dashboard in a browser', () => {
  const ownerEmail = uniqueEmail('owner');
  const editor = uniqueEmail('editor');

  it('signs up and shows the overview with credits and plan', async () => {
    await page.goto(base);
    await shot('sign-in');
    await page.getByRole('button', { name: 'New here? Create an account' }).click();
    await page.getByLabel('Account name').fill('Browser Co');
    await page.getByLabel('Email').fill(ownerEmail);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Browser Co' }).waitFor();
    await page.getByText('100', { exact: true }).first().waitFor();
    await page.getByText('No AI runs yet').waitFor();
    await shot('overview');
  });

  it('keeps the session over a reload through the refresh cookie, which scripts cannot read', async () => {
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Browser Co' }).waitFor();
    expect(await page.evaluate('document.cookie')).toBe('igny8_session=1');
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'igny8_refresh')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth' });
  });

  it('creates a site and a sector', async () => {
    await page.getByRole('link', { name: 'Sites' }).click();
    await page.getByText('No sites yet').waitFor();
    await page.getByRole('button', { name: 'Add site' }).click();
    await page.getByLabel('Site name').fill('Garden Blog');
    await page.getByRole('dialog').getByRole('button', { name: 'Add site' }).click();
    await page.getByRole('link', { name: 'Garden Blog' }).click();
    await page.getByRole('heading', { level: 1, name: 'Garden Blog' }).waitFor();
    await page.getByRole('button', { name: 'Add sector' }).click();
    await page.getByLabel('Sector name').fill('Roses');
    await page.getByRole('dialog').getByRole('button', { name: 'Add sector' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByText('Roses', { exact: true }).waitFor();
    const [site] = await svc.deps.db.owner`select s.name, count(x.*)::int as sectors from sites s left join sectors x on x.site_id = s.id where s.name = 'Garden Blog' group by s.name`;
    expect(site).toEqual({ name: 'Garden Blog', sectors: 1 });
  });

  it('shows the service’s field errors in the form, in its words', async () => {
    const before = consoleErrors.length;
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByLabel('Email').fill(editor);
    await page.getByLabel('First password').fill('password123');
    await page.getByRole('dialog').getByRole('button', { name: 'Add user' }).click();
    await page.getByRole('dialog').getByText(/common/).first().waitFor();
    // The browser logs the refused request itself; that one was meant.
    expect(consoleErrors.splice(before)).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
  });

  it('adds an editor and grants them the site', async () => {
    await page.getByLabel('Role').selectOption('editor');
    await page.getByLabel('First password').fill(PASSWORD + ' 2');
    await page.getByRole('dialog').getByRole('button', { name: 'Add user' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByText(editor).waitFor();
    await shot('users');
    await page.getByRole('link', { name: 'Sites' }).click();
    await page.getByRole('link', { name: 'Garden Blog' }).click();
    await page.getByRole('button', { name: 'Grant access' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Grant' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('region', { name: 'Access' }).getByText(editor).waitFor();
    await shot('site');
  });

  it('shows usage with its chart and the ledger', async () => {
    await page.getByRole('link', { name: 'Usage' }).click();
    await page.getByRole('heading', { name: 'Credits per day' }).waitFor();
    await page.getByRole('img', { name: /Credits per day/ }).locator('canvas').first().waitFor();
    await page.getByRole('region', { name: 'Credit ledger' }).getByText('grant', { exact: true }).waitFor();
    await shot('usage');
  });

  it('sets the provider with its key masked afterwards, and tests the connection', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    const card = page.locator('.igny8-integration').filter({ hasText: 'OpenAI-compatible provider' });
    await card.getByRole('button', { name: 'Change settings' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('API key').fill('sk-test-ABCDWXYZ');
    await dialog.getByLabel('Base URL').fill(fake.openaiBaseUrl);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await card.getByText('sk-...WXYZ').waitFor();
    expect(await page.content()).not.toContain('sk-test-ABCDWXYZ');
    await card.getByRole('button', { name: 'Test connection' }).click();
    await card.getByText(/^Connected: .+ answered in \d+ ms\.$/).waitFor();
    await page.getByText('No author profile yet').waitFor();
    await shot('settings');
  });

  it('edits a prompt: the variables listed, a refusal in the API’s words, saved, then reset to default', async () => {
    const section = page.getByRole('region', { name: 'Prompts' });
    await section.getByRole('button', { name: 'Edit the content ideas prompt' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('region', { name: 'Variables' }).getByText('{{cluster_name}}').waitFor();
    const template = dialog.getByLabel('Template');
    await template.fill('Ideas about {{cluster_name}} only.');
    const before = consoleErrors.length;
    await dialog.getByRole('button', { name: 'Save prompt' }).click();
    await dialog.getByText('Missing required variable {{keywords}}.').waitFor();
    expect(await template.getAttribute('aria-invalid')).toBe('true');
    expect(consoleErrors.splice(before)).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
    await shot('prompt-refused');
    await template.fill('Ideas about {{cluster_name}} from these keywords:\n{{keywords}}');
    await dialog.getByRole('button', { name: 'Save prompt' }).click();
    await dialog.waitFor({ state: 'detached' });
    await section.getByText(/^Your own template, changed/).waitFor();
    const [saved] = await svc.deps.db.owner`select template from prompt_templates where function = 'generate_ideas' and account_id = (select id from accounts where name = 'Browser Co')`;
    expect(saved?.template).toBe('Ideas about {{cluster_name}} from these keywords:\n{{keywords}}');
    await shot('settings-prompts');
    await section.getByRole('button', { name: 'Edit the content ideas prompt' }).click();
    await dialog.getByRole('button', { name: 'Reset to default' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await section.getByText(/^Your own template/).count()).toBe(0);
    expect(await svc.deps.db.owner`select 1 from prompt_templates where function = 'generate_ideas'`).toHaveLength(0);
  });

  it('moves through the app by keyboard: the skip link first, then the navigation', async () => {
    await page.goto(`${base}/settings`);
    await page.getByRole('region', { name: 'Prompts' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('igny8-main');
    await page.getByRole('link', { name: 'Overview', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Browser Co' }).waitFor();
  });

  it('follows an AI run live on the overview, then sees it in usage and the ledger', async () => {
    const token = (await svc.call('POST', '/auth/signin', { body: { email: ownerEmail, password: PASSWORD } })).body.data.access;
    const [sector] = await svc.deps.db.owner`select id from sectors where name = 'Roses'`;
    const keywords = ['rose pruning', 'pruning roses in spring', 'climbing rose care', 'climbing roses on a wall'].map((keyword) => ({ sector_id: sector!.id, keyword }));
    expect((await svc.call('POST', '/planner/keywords', { token, body: keywords })).status).toBe(201);
    const queued = await svc.call('POST', '/planner/keywords/auto-cluster', { token, body: { sector_id: sector!.id } });
    expect(queued.status).toBe(202);
    await page.getByRole('link', { name: 'Overview', exact: true }).click();
    const runs = page.getByRole('region', { name: 'Recent AI runs' });
    await runs.getByText('queued', { exact: true }).waitFor();
    await runs.getByRole('progressbar').waitFor();
    // No worker runs in this test: the run is executed here, and the page sees it by polling.
    await createEngine(svc.deps, plannerFunctions).execute(queued.body.data.run_id);
    await runs.getByText('succeeded', { exact: true }).waitFor({ timeout: 10_000 });
    await page.getByText('99', { exact: true }).waitFor({ timeout: 10_000 });
    await shot('overview-run');
    await page.getByRole('link', { name: 'Usage' }).click();
    await page.getByRole('list', { name: 'Credits per function' }).getByText('auto_cluster').waitFor();
    await page.getByRole('region', { name: 'Credit ledger' }).getByText('reserve', { exact: true }).waitFor();
  });

  it('answers an unknown page inside the app, and fits a 375 px phone without sideways scrolling', async () => {
    await page.goto(`${base}/no-such-page`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await page.setViewportSize({ width: 375, height: 800 });
    const pages: [link: string, ready: () => Promise<void>, name: string][] = [
      ['Overview', () => page.getByRole('heading', { level: 1, name: 'Browser Co' }).waitFor(), 'overview-phone'],
      ['Sites', () => page.getByRole('link', { name: 'Garden Blog' }).waitFor(), 'sites-phone'],
      ['Users', () => page.getByText(editor).waitFor(), 'users-phone'],
      ['Usage', () => page.getByRole('heading', { name: 'Credits per day' }).waitFor(), 'usage-phone'],
      ['Settings', () => page.getByRole('region', { name: 'Prompts' }).waitFor(), 'settings-phone'],
    ];
    for (const [link, ready, name] of pages) {
      await page.getByRole('link', { name: link, exact: true }).click();
      await ready();
      await shot(name);
      // The page itself never scrolls sideways; wide tables scroll inside their own box.
      expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(375);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('signs out, and a reload stays signed out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to IGNY8' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in to IGNY8' }).waitFor();
    expect((await page.context().cookies()).find((c) => c.name === 'igny8_refresh')).toBeUndefined();
  });

  it('shows a viewer no management button, and the API refuses them anyway', async () => {
    // The free plan holds two users: the editor becomes the viewer.
    const viewer = editor;
    const owner = (await svc.call('POST', '/auth/signin', { body: { email: ownerEmail, password: PASSWORD } })).body.data.access;
    const users = await svc.call('GET', '/users', { token: owner });
    const id = users.body.results.find((u: { email: string }) => u.email === viewer).id;
    expect((await svc.call('PATCH', `/users/${id}`, { token: owner, body: { role: 'viewer', password: PASSWORD } })).status).toBe(200);
    await page.getByRole('button', { name: 'New here? Create an account' }).waitFor();
    await page.getByLabel('Email').fill(viewer);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('link', { name: 'Sites' }).click();
    await page.getByRole('link', { name: 'Garden Blog' }).click();
    await page.getByText('Roses', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByText('No author profile yet').waitFor();
    await shot('viewer-settings');
    expect(await page.getByRole('button', { name: 'View the content ideas prompt' }).count()).toBe(1);
    for (const name of ['Add site', 'Add user', 'Change settings', 'Test connection', 'Add author profile', 'Add sector', 'Grant access', 'Actions', 'Edit the content ideas prompt']) {
      expect(await page.getByRole('button', { name }).count(), name).toBe(0);
    }
    for (const name of ['Usage', 'Users', 'Accounts']) expect(await page.getByRole('link', { name }).count(), name).toBe(0);
    const token = (await svc.call('POST', '/auth/signin', { body: { email: viewer, password: PASSWORD } })).body.data.access;
    expect((await svc.call('POST', '/sites', { token, body: { name: 'Nope' } })).status).toBe(403);
    expect((await svc.call('POST', '/users', { token, body: { email: uniqueEmail(), role: 'viewer', password: PASSWORD } })).status).toBe(403);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to IGNY8' }).waitFor();
  });

  it('gives a developer the accounts console, where a credit change reaches the account’s balance', async () => {
    const [account] = await svc.deps.db.owner`select id, credits from accounts where name = 'Browser Co'`;
    const developer = await userWithRole(svc, account!.id, 'developer');
    await page.getByLabel('Email').fill(developer.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByLabel('Search accounts by name').fill('Browser Co');
    const row = page.getByRole('row').filter({ hasText: 'Browser Co' });
    await row.getByText(String(account!.credits), { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('menuitem', { name: 'Change credits' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Amount').fill('500');
    await dialog.getByLabel('Reason').fill('Launch bonus');
    await dialog.getByRole('button', { name: 'Change credits' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.getByText((account!.credits + 500).toLocaleString('en-US'), { exact: true }).waitFor();
    await shot('accounts');
    const [entry] = await svc.deps.db.owner`select amount, reason from credit_transactions where account_id = ${account!.id} order by created_at desc limit 1`;
    expect(entry).toEqual({ amount: 500, reason: 'Launch bonus' });
    // An owner's token is refused the list, whatever the page shows.
    const owner = (await svc.call('POST', '/auth/signin', { body: { email: ownerEmail, password: PASSWORD } })).body.data.access;
    expect((await svc.call('GET', '/accounts', { token: owner })).status).toBe(403);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to IGNY8' }).waitFor();
  });

  it('logged no JavaScript error on any page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
