import type { Caller } from './access/caller';
import type { Config } from './config';
import type { BodyDigest } from './http/body-digest';
import type { Database, Scope } from './db/client';
import type { Outbound } from './lib/outbound';
import type { FileStore } from './lib/storage';
import type { SecretBox } from './lib/secret-box';
import type { Logger } from './logger';
import type { RunEvents } from './modules/ai/events';
import type { PasswordWork } from './modules/auth/password-work';
import type { Sessions } from './modules/auth/sessions';
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
  /** The user behind an access token's session. */
  sessions: Sessions;
  /** Run-change notifications for server-sent events. */
  events: RunEvents;
  /** HTTP to providers and sites: guarded for URLs an account chose. */
  outbound: Outbound;
  /** Stored files (generated images), kept for good rather than as expiring provider links. */
  files: FileStore;
};

export type AppEnv = {
  Variables: {
    requestId: string;
    logger: Logger;
    deps: Deps;
    caller: Caller;
    scope: Scope;
    /** The digest of a site-signed request's body (see http/body-digest.ts). */
    bodyDigest?: BodyDigest;
  };
};
