import type { Role } from '@igny8/shared';
import type { Config } from './config';
import type { Database, Scope } from './db/client';
import type { SecretBox } from './lib/secret-box';
import type { Logger } from './logger';
import type { RunEvents } from './modules/ai/events';
import type { PasswordWork } from './modules/auth/password-work';
import type { TokenService } from './modules/auth/tokens';

/** What every part of the service is built from; created once in main.ts (or per test database). */
export type Deps = {
  config: Config;
  db: Database;
  logger: Logger;
  secrets: SecretBox;
  tokens: TokenService;
  /** The one queue every password hash and check of the process waits in. */
  passwords: PasswordWork;
  /** Run-change notifications for server-sent events. */
  events: RunEvents;
};

/** Who is calling, resolved from the access token on every request. */
export type Principal = {
  userId: string;
  accountId: string;
  role: Role;
  sessionId: string;
  /** Sites an editor or viewer was granted; null for roles that see every site. */
  siteIds: string[] | null;
};

export type AppEnv = {
  Variables: {
    requestId: string;
    logger: Logger;
    deps: Deps;
    principal: Principal;
    scope: Scope;
  };
};
