import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reads a key kept in the data folder, creating it on first use. Keys are written once with mode
 * 0600 and `wx`, so two processes starting together cannot each write a different key.
 */
export function loadOrCreateKeyFile(dataDir: string, name: string, bytes = 32): Buffer {
  // 0711: nobody else may list the folder, but the embedded database's `postgres` user may pass through it.
  mkdirSync(dataDir, { recursive: true, mode: 0o711 });
  const file = join(dataDir, name);
  try {
    writeFileSync(file, randomBytes(bytes).toString('base64url') + '\n', { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  chmodSync(file, 0o600);
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
  if (key.length !== bytes) throw new Error(`${file} does not hold a ${bytes}-byte key; remove it or fix it`);
  return key;
}

/** Decodes a 32-byte key given as 64 hex characters or as base64url. */
export function decodeKey(text: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64url');
  if (key.length !== 32) throw new Error('key must be 32 bytes');
  return key;
}
