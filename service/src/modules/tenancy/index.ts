// Tenancy as other modules see it.
export { accountById, userById } from './service';
export { siteWordPress } from './sites/wordpress';
