import { serve } from '@hono/node-server';
import { createApp } from './app';
import { loadConfig } from './config';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded';
import { closeDeps, createDeps } from './deps';
import { createLogger } from './logger';
import { startWorkers } from './worker';

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  let embedded: EmbeddedDatabase | undefined;
  let ownerUrl = config.databaseUrl;
  if (!ownerUrl) {
    embedded = await startEmbeddedPostgres(config.dataDir, logger);
    ownerUrl = embedded.url;
  }
  const deps = await createDeps(config, logger, ownerUrl, { migrate: true });
  const workers = config.worker === 'in-process' ? await startWorkers(deps, ownerUrl) : null;
  const app = createApp(deps);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) =>
    logger.info({ port: info.port, embedded_database: Boolean(embedded), workers: config.worker }, `IGNY8 listening on http://localhost:${info.port}`),
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await workers?.stop();
    await closeDeps(deps);
    await embedded?.stop();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  if (err instanceof Error && err.cause) console.error(err.cause);
  process.exit(1);
});
