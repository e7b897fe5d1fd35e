export const ACCOUNT_STATUSES = ['active', 'suspended', 'trial', 'cancelled'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const SITE_STATUSES = ['active', 'inactive', 'suspended'] as const;
export type SiteStatus = (typeof SITE_STATUSES)[number];

export const SECTOR_STATUSES = ['active', 'inactive'] as const;
export type SectorStatus = (typeof SECTOR_STATUSES)[number];

/** A site holds at most this many active sectors. */
export const MAX_ACTIVE_SECTORS = 5;
