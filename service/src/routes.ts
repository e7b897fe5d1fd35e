import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './context';
import { runRoutes } from './modules/ai/routes';
import { authRoutes } from './modules/auth/routes';
import { billingRoutes } from './modules/billing/routes';
import { clusterRoutes } from './modules/planner/clusters/routes';
import { ideaRoutes } from './modules/planner/ideas/routes';
import { keywordRoutes } from './modules/planner/keywords/routes';
import { integrationRoutes } from './modules/system/routes';
import { accountRoutes } from './modules/tenancy/account/routes';
import { connectRoutes } from './modules/tenancy/connect/routes';
import { industryRoutes } from './modules/tenancy/industries/routes';
import { sectorRoutes } from './modules/tenancy/sectors/routes';
import { siteRoutes } from './modules/tenancy/sites/routes';
import { userRoutes } from './modules/tenancy/users/routes';
import { authorProfileRoutes } from './modules/thinker/author-profiles/routes';
import { promptRoutes } from './modules/thinker/prompts/routes';
import { strategyRoutes } from './modules/thinker/strategies/routes';
import { contentRoutes } from './modules/writer/content/routes';
import { imageRoutes } from './modules/writer/images/routes';
import { taskRoutes } from './modules/writer/tasks/routes';

/**
 * Every part of the API and the prefix (under /api/v1) it is mounted at. A route's file follows
 * from its URL: `/planner/clusters/{id}` is in `modules/planner/clusters/routes.ts`, and the
 * prefixes outside a domain's folder name (`/sites`, `/users`…) are listed here.
 */
export const API_ROUTES: readonly (readonly [prefix: string, routes: OpenAPIHono<AppEnv>])[] = [
  ['/auth', authRoutes],
  ['/account', accountRoutes],
  ['/users', userRoutes],
  ['/sites', siteRoutes],
  ['/connect', connectRoutes],
  ['/sectors', sectorRoutes],
  ['/industries', industryRoutes],
  ['/thinker/prompts', promptRoutes],
  ['/thinker/author-profiles', authorProfileRoutes],
  ['/thinker/strategies', strategyRoutes],
  ['/system/integrations', integrationRoutes],
  ['/billing', billingRoutes],
  ['/ai/runs', runRoutes],
  ['/planner/keywords', keywordRoutes],
  ['/planner/clusters', clusterRoutes],
  ['/planner/ideas', ideaRoutes],
  ['/writer/tasks', taskRoutes],
  ['/writer/content', contentRoutes],
  ['/writer/images', imageRoutes],
];
