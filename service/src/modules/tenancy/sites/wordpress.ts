import type { SecretBox } from '../../../lib/secret-box';
import type { Tx } from '../../../db/client';
import { notFound } from '../../../http/errors';
import { WP_PASSWORD_PURPOSE } from '../service';
import { wordpressOfSite } from './queries';

/**
 * A site's WordPress login for publishing, decrypted (never returned by the API, never logged):
 * `login` is null while the site lacks an address, a user name or an application password.
 */
export async function siteWordPress(tx: Tx, secrets: SecretBox, siteId: string) {
  const site = await wordpressOfSite(tx, siteId);
  if (!site) throw notFound('Site');
  const login =
    site.wpUrl && site.wpUsername && site.passwordEnc
      ? { url: site.wpUrl, username: site.wpUsername, password: secrets.decrypt(site.passwordEnc, WP_PASSWORD_PURPOSE) }
      : null;
  return { login, requireApproval: site.requireApproval };
}
