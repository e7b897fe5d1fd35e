import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumPath } from '../../../../scripts/wordpress/index';
import type { WordPress } from './site';
import type { TestUser } from './users';

/** Debian's Chromium, headless and quiet: nothing on this machine may reach the network. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Logs a user into wp-admin in a page of its own browser context (so its cookies are its own). */
export async function logIn(browser: Browser, wp: WordPress, user: Pick<TestUser, 'username' | 'password'>): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Several test suites share two cores: a wp-admin page may take far longer than on a quiet machine.
  context.setDefaultTimeout(120_000);
  const page = await context.newPage();
  await page.goto(`${wp.url}/wp-login.php`);
  await page.fill('#user_login', user.username);
  await page.fill('#user_pass', user.password);
  await Promise.all([page.waitForURL(/\/wp-admin\//), page.click('#wp-submit')]);
  return page;
}

/**
 * Console errors and uncaught exceptions of a page. WordPress 7.1's block editor warns that the
 * global styles were added to its iframe incorrectly; that one is core's and is left out.
 */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  const known = /global-styles-css-custom-properties-inline-css was added to the iframe incorrectly/;
  page.on('console', (message) => {
    if (message.type() === 'error' && !known.test(message.text())) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Saves a screenshot under artifacts/screenshots/ (not committed) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = fileURLToPath(new URL('../../../../artifacts/screenshots/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}
