import type { Tx } from '../../../db/client';

/** What publishing needs of a site: its WordPress address and login (the password still encrypted), and its approval rule. */
export async function wordpressOfSite(tx: Tx, siteId: string) {
  const [row] = await tx`select wp_url, wp_username, wp_app_password_enc, require_approval from sites where id = ${siteId}`;
  return row
    ? {
        wpUrl: row.wp_url as string | null,
        wpUsername: row.wp_username as string | null,
        passwordEnc: row.wp_app_password_enc as string | null,
        requireApproval: row.require_approval as boolean,
      }
    : null;
}
