import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_SECRET_KEY } from './database';

const WORKER_SCRIPT = fileURLToPath(new URL('./fixtures/test-worker.ts', import.meta.url));

/**
 * Real worker processes on a test database (its URL read when a worker starts), for tests that SIGKILL one mid-run: each gets its own
 * data folder, and `killAll()` (in afterAll) leaves none behind.
 */
export function workerProcesses(databaseUrl: () => string) {
  const children: ChildProcess[] = [];
  return {
    start(env: Record<string, string> = {}): ChildProcess {
      const child = spawn(process.execPath, ['--import', 'tsx', WORKER_SCRIPT], {
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl(),
          IGNY8_SECRET_KEY: TEST_SECRET_KEY,
          IGNY8_DATA_DIR: mkdtempSync(join(tmpdir(), 'igny8-worker-')),
          LOG_LEVEL: 'warn',
          ...env,
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      children.push(child);
      return child;
    },
    killAll(): void {
      for (const child of children) child.kill('SIGKILL');
    },
  };
}
