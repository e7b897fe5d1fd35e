import { z } from 'zod';
import { idSchema as id, nonBlank, timestampSchema as timestamp } from './common';
import { wpUrl } from './tenancy';

/** An Ed25519 public key: its 32 bytes in base64url without padding (43 characters). */
export const ed25519PublicKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/, 'Send the Ed25519 public key: 32 bytes in base64url without padding (43 characters).')
  .meta({ description: 'Ed25519 public key, 32 bytes in base64url without padding' });

/** A one-time code that lets the plugin connect a site, shown once. */
export const connectCodeSchema = z.object({ code: z.string(), expires_at: timestamp }).meta({ id: 'ConnectCode' });

const connectFields = z.object({
  public_key: ed25519PublicKeySchema,
  wp_url: wpUrl,
  wp_username: nonBlank(200).optional(),
  wp_app_password: z.string().min(1).max(200).optional(),
});
const together: [(b: { wp_username?: string | undefined; wp_app_password?: string | undefined }) => boolean, { message: string; path: string[] }] = [
  (b) => (b.wp_username === undefined) === (b.wp_app_password === undefined),
  { message: 'Send the WordPress username and application password together.', path: ['wp_app_password'] },
];

/** What the plugin registers: its public key and, with the admin's consent, an application password. */
export const siteConnectSchema = connectFields.strict().refine(...together).meta({ id: 'SiteConnect' });

/** The same, authenticated once by a connect code instead of an access token. */
export const connectWithCodeSchema = connectFields
  .extend({ code: z.string().min(1).max(200) })
  .strict()
  .refine(...together)
  .meta({ id: 'ConnectWithCode' });

/** The site a plugin is now connected to, for its settings screen. */
export const connectedSiteSchema = z.object({ site_id: id, account_name: z.string(), site_name: z.string() }).meta({ id: 'ConnectedSite' });
export type ConnectedSite = z.infer<typeof connectedSiteSchema>;
