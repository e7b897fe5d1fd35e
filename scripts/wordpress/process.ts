import { execFile, spawn } from 'node:child_process';
import { openSync, closeSync, readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** Runs a command to completion; a failure carries the command's stderr. */
export function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { ...options, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        const output = `${stderr}${stdout}`.trim().split('\n').slice(-20).join('\n');
        reject(new Error(`${command} ${args.join(' ')} failed: ${output || error.message}`));
      } else resolve(stdout);
    });
  });
}

/**
 * Starts a long-running server in its own process group, output appended to a log file, so that
 * stopping it can end its workers too and it may outlive a command-line launcher.
 */
export function spawnServer(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; log: string }): number {
  const out = openSync(options.log, 'a');
  try {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', out, out] });
    child.unref();
    if (child.pid === undefined) throw new Error(`could not start ${command}`);
    return child.pid;
  } finally {
    closeSync(out);
  }
}

/**
 * Whether any live process belongs to the group. Exited processes nobody reaped (zombies) do not
 * count: on machines whose init does not reap orphans they never go away.
 */
export function groupAlive(pgid: number): boolean {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // Fields after the command name, which is in parentheses and may hold spaces: state ppid pgrp …
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') return true;
  }
  return false;
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Already gone.
  }
}

/** Ends every process of a group: SIGTERM, then SIGKILL for what is left after the grace period. */
export async function stopGroup(pgid: number, graceMs = 10_000): Promise<void> {
  signalGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid)) {
    if (Date.now() > deadline) {
      signalGroup(pgid, 'SIGKILL');
      await sleep(100);
      return;
    }
    await sleep(50);
  }
}

/** The synchronous last resort for process exit handlers. */
export function killGroupNow(pgid: number): void {
  signalGroup(pgid, 'SIGKILL');
}

/** Whether something accepts connections at a TCP port or a unix socket path. */
export function accepts(target: { port: number; host: string } | { path: string }): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = 'path' in target ? connect(target.path) : connect(target.port, target.host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Polls until `ready` holds. `failure` names why waiting is pointless (the server died), so that a
 * broken start fails at once with its reason instead of at the timeout.
 */
export async function waitUntil(
  what: string,
  ready: () => Promise<boolean>,
  failure: () => string | undefined,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await ready()) return;
    const reason = failure();
    if (reason !== undefined) throw new Error(`${what} did not start: ${reason}`);
    if (Date.now() > deadline) throw new Error(`${what} did not start within ${timeoutMs / 1000} s`);
    await sleep(25);
  }
}

/** The last lines of a log file, for error messages. */
export function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Whether a process runs (and is not a zombie). */
export function processAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}
