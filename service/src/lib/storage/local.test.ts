import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalFileStore } from '.';

describe('the local file store', () => {
  let root: string;
  let store: LocalFileStore;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'igny8-store-'));
    store = new LocalFileStore(root);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('keeps bytes under a key, replaces them, and forgets them', async () => {
    await store.put('acct/img.webp', Buffer.from('one'));
    await store.put('acct/img.webp', Buffer.from('two'));
    expect((await store.get('acct/img.webp'))?.toString()).toBe('two');
    expect(await readdir(join(root, 'acct'))).toEqual(['img.webp']);
    await store.delete('acct/img.webp');
    expect(await store.get('acct/img.webp')).toBeNull();
    await store.delete('acct/img.webp');
  });

  it('refuses keys that could leave its folder', async () => {
    for (const key of ['../escape.webp', 'a/../../b.webp', '/abs.webp', 'a//b.webp', 'no-extension']) {
      await expect(store.put(key, Buffer.from('x'))).rejects.toThrow(/Not a storage key/);
    }
  });
});
