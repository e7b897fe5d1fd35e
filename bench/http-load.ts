// A small HTTP load generator over keep-alive connections (node:http, which costs far less per
// request here than fetch), and a child process running the real service.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export type Stats = { requests: number; seconds: number; perSecond: number; p50: number; p99: number; errors: number };

export function summarise(latencies: number[], seconds: number, errors: number): Stats {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { requests: sorted.length, seconds, perSecond: sorted.length / seconds, p50: at(0.5), p99: at(0.99), errors };
}

/** Runs `clients` loops for `seconds`, each awaiting `once()` and timing it. */
export async function closedLoop(clients: number, seconds: number, once: () => Promise<boolean>): Promise<Stats> {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const ok = await once();
        latencies.push(performance.now() - t);
        if (!ok) errors++;
      }
    }),
  );
  return summarise(latencies, (performance.now() - start) / 1000, errors);
}

export function httpGet(agent: Agent, port: number, path: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts the service as `npm start` runs it (compiled, service/dist/main.js) against `databaseUrl` and waits until it answers /ready. */
export async function startService(databaseUrl: string, env: Record<string, string>): Promise<{ port: number; child: ChildProcess; peakRssMb: () => number; stop: () => Promise<void> }> {
  const port = await freePort();
  execFileSync(process.execPath, [fileURLToPath(new URL('../service/scripts/build.mjs', import.meta.url))]);
  const main = fileURLToPath(new URL('../service/dist/main.js', import.meta.url));
  const child = spawn(process.execPath, ['--enable-source-maps', main], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), LOG_LEVEL: 'warn', IGNY8_WORKER: 'off', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; ; i++) {
    const ready = await new Promise<boolean>((resolve) => {
      const req = request({ host: '127.0.0.1', port, path: '/ready' }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
      req.end();
    });
    if (ready) break;
    if (i > 1200 || child.exitCode !== null) throw new Error('the service did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    child,
    // VmHWM: the process's peak resident set size.
    peakRssMb: () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
