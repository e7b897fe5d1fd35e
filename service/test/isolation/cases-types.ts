/** The ids of one account's objects, of every kind a route can name. */
export type Ids = {
  account: string;
  owner: string;
  admin: string;
  editor: string;
  viewer: string;
  site: string;
  sector: string;
  keyword: string;
  cluster: string;
  idea: string;
  task: string;
  content: string;
  image: string;
  run: string;
  /** A finished featured image of the editor's sidebar, its file in the store. */
  featuredRun: string;
  keywordImport: string;
  authorProfile: string;
  strategy: string;
};
export type Req = { method: string; path: string; body?: unknown; headers?: Record<string, string> };
export type Case = {
  /** The mounted route, as `METHOD /path/{param}` under the API prefix. */
  route: string;
  /**
   * - `targets`: the path names an object of the other account: 404 for every role.
   * - `references`: the body or a second path segment names one: answered as for an id that does not exist.
   * - `own`: acts on the caller's own account (or on shared reference data).
   */
  kind: 'targets' | 'references' | 'own';
  /** `other` holds the other account's ids (or ids that exist nowhere), `own` the caller's. */
  req: (other: Ids, own: Ids) => Req;
  /**
   * The status each of the caller's roles gets, where the kind does not settle it (routes that
   * only some roles may use at all, such as billing).
   */
  status?: (role: BRole) => number;
};

/** The other account's callers: its users, and its WordPress site signing for an administrator. */
export const B_ROLES = ['owner', 'admin', 'editor', 'viewer', 'site'] as const;
export type BRole = (typeof B_ROLES)[number];
