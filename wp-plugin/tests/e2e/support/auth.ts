import { rest } from './rest';
import type { WordPress } from './site';
import type { TestUser } from './users';

/** An application password of a user, made by the administrator: that user's REST credentials. */
export async function basicAuthOf(wp: WordPress, user: TestUser): Promise<string> {
  const { password } = await rest<{ password: string }>(wp, `/wp/v2/users/${user.id}/application-passwords`, { json: { name: `e2e ${user.role}` } });
  return `Basic ${Buffer.from(`${user.username}:${password}`).toString('base64')}`;
}

/**
 * A browser-like session without a browser: the login cookies of wp-login.php and the REST nonce
 * WordPress hands to its own pages (admin-ajax's rest-nonce action).
 */
export async function cookieSession(wp: WordPress, user: { username: string; password: string }): Promise<{ cookie: string; nonce: string }> {
  const login = await fetch(`${wp.url}/wp-login.php`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'wordpress_test_cookie=WP%20Cookie%20check' },
    body: new URLSearchParams({ log: user.username, pwd: user.password, testcookie: '1', 'wp-submit': 'Log In' }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .filter((c) => c && !c.endsWith('='))
    .join('; ');
  if (login.status !== 302 || !cookie.includes('wordpress_logged_in')) throw new Error(`login of ${user.username} failed: ${login.status}`);
  const nonce = await (await fetch(`${wp.url}/wp-admin/admin-ajax.php?action=rest-nonce`, { headers: { cookie } })).text();
  if (!/^[0-9a-f]{10}$/.test(nonce)) throw new Error(`no REST nonce for ${user.username}: ${nonce.slice(0, 200)}`);
  return { cookie, nonce };
}
