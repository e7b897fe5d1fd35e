import { join } from 'node:path';
import type { Config } from './config';
import type { Deps } from './context';
import { connect, Database, GLOBAL_ROLE } from './db/client';
import { appUrlFrom, ensureAppRoles } from './db/roles';
import { migrate } from './db/migrate';
import { closeOutbound, createOutbound } from './lib/outbound';
import { decodeKey, loadOrCreateKeyFile } from './lib/key-files';
import { SecretBox } from './lib/secret-box';
import { LocalFileStore } from './lib/storage';
import type { Logger } from './logger';
import { migrateJobQueue } from './jobs/runner';
import { RunEvents } from './modules/ai/events';
import { PasswordWork } from './modules/auth/password-work';
import { Sessions } from './modules/auth/sessions';
import { TokenService } from './modules/auth/tokens';

/** Keys from the environment, or generated once into the data folder for the embedded default. */
export function loadKeys(config: Config) {
  const secrets = new SecretBox(config.secretKey ? decodeKey(config.secretKey) : loadOrCreateKeyFile(config.dataDir, 'secret.key'));
  const jwtKey = config.jwtSecret ? new TextEncoder().encode(config.jwtSecret) : loadOrCreateKeyFile(config.dataDir, 'jwt.key');
  return { secrets, tokens: new TokenService(jwtKey) };
}

/**
 * Connects to the database at `ownerUrl` (creating roles and applying migrations when asked) and
 * assembles the service's dependencies.
 */
export async function createDeps(config: Config, logger: Logger, ownerUrl: string, opts: { migrate: boolean }): Promise<Deps> {
  const { secrets, tokens } = loadKeys(config);
  const owner = connect(ownerUrl, { max: 4, applicationName: 'igny8-owner' });
  try {
    const appPassword = secrets.derive('database role igny8_app');
    if (opts.migrate) {
      if (!config.databaseAppUrl) await ensureAppRoles(owner, appPassword);
      await migrate(owner, logger);
      await migrateJobQueue(ownerUrl, logger);
    }
    const appUrl = config.databaseAppUrl ?? appUrlFrom(ownerUrl, appPassword);
    const app = connect(appUrl, { applicationName: 'igny8' });
    const system = connect(appUrl, { max: 4, applicationName: 'igny8-system', settings: { role: GLOBAL_ROLE, synchronous_commit: 'off' } });
    const outbound = createOutbound({
      allowPrivate: config.allowPrivateNetwork,
      connectTimeoutMs: config.ai.connectTimeoutMs,
      firstByteTimeoutMs: config.ai.firstByteTimeoutMs,
    });
    const passwords = new PasswordWork(config.passwordCost, config.passwordWork);
    const db = new Database(owner, app, system, config.dbAcquireTimeoutMs);
    return { config, logger, secrets, tokens, passwords, sessions: new Sessions(db), db, events: new RunEvents(owner), outbound, files: new LocalFileStore(join(config.dataDir, 'files')) };
  } catch (err) {
    await owner.end({ timeout: 1 });
    throw err;
  }
}

/** Closes what createDeps opened: notification listener first, then the pools. */
export async function closeDeps(deps: Deps): Promise<void> {
  await deps.events.close();
  await deps.db.close();
  await closeOutbound(deps.outbound);
}
