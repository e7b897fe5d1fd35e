import { z } from 'zod';
import { emailSchema, passwordSchema } from './auth';
import { idSchema as id, nonBlank, timestampSchema as timestamp } from './common';
import { ROLES } from './roles';
import { ACCOUNT_STATUSES, SECTOR_STATUSES, SITE_STATUSES } from './statuses';

export const planSchema = z.object({
  slug: z.string(),
  name: z.string(),
  included_credits: z.number().int(),
  max_sites: z.number().int(),
  max_users: z.number().int(),
}).meta({ id: 'Plan' });

export const accountSchema = z.object({
  id,
  name: z.string(),
  status: z.enum(ACCOUNT_STATUSES),
  credits: z.number().int(),
  plan: planSchema,
  created_at: timestamp,
}).meta({ id: 'Account' });
export type Account = z.infer<typeof accountSchema>;

/** An account as the developers' console lists it: the account, its plan and credits, and its size. */
export const accountSummarySchema = accountSchema.extend({
  users: z.number().int(),
  sites: z.number().int(),
}).meta({ id: 'AccountSummary' });
export type AccountSummary = z.infer<typeof accountSummarySchema>;

export const userSchema = z.object({
  id,
  account_id: id,
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  is_active: z.boolean(),
  last_login_at: timestamp.nullable(),
  created_at: timestamp,
}).meta({ id: 'User' });
export type User = z.infer<typeof userSchema>;

export const siteSchema = z.object({
  id,
  account_id: id,
  name: z.string(),
  status: z.enum(SITE_STATUSES),
  industry_id: id.nullable(),
  wp_url: z.string().nullable(),
  wp_username: z.string().nullable(),
  /** Whether an application password is stored; the password itself is never returned. */
  has_wp_app_password: z.boolean(),
  active_sector_count: z.number().int(),
  /** When the WordPress plugin registered its signing key; null while the site is not connected. */
  connected_at: timestamp.nullable(),
  /** Whether content must be approved by an owner or admin before it is published. */
  require_approval: z.boolean(),
  /** At most this many internal links are placed in an article of a cluster. */
  internal_links_max: z.number().int(),
  created_at: timestamp,
  updated_at: timestamp,
}).meta({ id: 'Site' });
export type Site = z.infer<typeof siteSchema>;

export const sectorSchema = z.object({
  id,
  account_id: id,
  site_id: id,
  industry_sector_id: id.nullable(),
  name: z.string(),
  description: z.string(),
  status: z.enum(SECTOR_STATUSES),
  created_at: timestamp,
  updated_at: timestamp,
}).meta({ id: 'Sector' });
export type Sector = z.infer<typeof sectorSchema>;

export const siteAccessSchema = z.object({
  id,
  site_id: id,
  user_id: id,
  email: z.string(),
  role: z.enum(ROLES),
  created_at: timestamp,
}).meta({ id: 'SiteAccess' });
export type SiteAccess = z.infer<typeof siteAccessSchema>;

/** An industry template and the sector templates a site's sectors start from. */
export const industrySchema = z.object({
  id,
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  sectors: z.array(z.object({ id, slug: z.string(), name: z.string(), description: z.string() })),
});
export type Industry = z.infer<typeof industrySchema>;

export const wpUrl = z
  .url({ protocol: /^https?$/, message: 'Enter the site address, e.g. https://example.com.' })
  .max(500)
  .transform((u) => u.replace(/\/+$/, ''));

export const accountPatchSchema = z.object({ name: nonBlank(200) }).partial().strict().meta({ id: 'AccountPatch' });

export const userCreateSchema = z
  .object({
    email: emailSchema,
    name: z.string().trim().max(200).default(''),
    role: z.enum(ROLES),
    password: passwordSchema,
  })
  .strict()
  .meta({ id: 'UserCreate' });
export const userPatchSchema = z
  .object({ name: z.string().trim().max(200), role: z.enum(ROLES), is_active: z.boolean(), password: passwordSchema })
  .partial()
  .strict()
  .meta({ id: 'UserPatch' });

export const siteCreateSchema = z
  .object({
    name: nonBlank(200),
    status: z.enum(SITE_STATUSES).default('active'),
    industry_id: id.nullable().optional(),
    wp_url: wpUrl.nullable().optional(),
    wp_username: nonBlank(200).nullable().optional(),
    wp_app_password: z.string().min(1).max(200).nullable().optional(),
    /** Content needs an owner's or admin's approval before it is published (default false). */
    require_approval: z.boolean().optional(),
    /** Internal links an article of a cluster gets at most, 0–20 (default 3). */
    internal_links_max: z.number().int().min(0).max(20).optional(),
  })
  .strict()
  .meta({ id: 'SiteCreate' });
export const sitePatchSchema = siteCreateSchema.partial().strict().meta({ id: 'SitePatch' });

export const sectorCreateSchema = z
  .object({
    name: nonBlank(200),
    description: z.string().trim().max(2000).default(''),
    status: z.enum(SECTOR_STATUSES).default('active'),
    industry_sector_id: id.nullable().optional(),
  })
  .strict()
  .meta({ id: 'SectorCreate' });
export const sectorPatchSchema = sectorCreateSchema.partial().strict().meta({ id: 'SectorPatch' });

export const siteAccessCreateSchema = z.object({ user_id: id }).strict().meta({ id: 'SiteAccessCreate' });
