import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSector, createSite, signup } from '../../../../test/factories';
import { createTestService, type TestService } from '../../../../test/service';
import { GLOBAL } from '../../../db/client';
import { readStoredUpload, storeUpload } from './stored-upload';

let svc: TestService;
beforeAll(async () => {
  svc = await createTestService();
});
afterAll(() => svc.close());

/** A queued import row for a new sector, as the upload route makes it. */
async function newImport(bytes: number) {
  const s = await signup(svc);
  const site = await createSite(svc, s);
  const sector = await createSector(svc, s, site.id);
  const [row] = await svc.deps.db.owner`
    insert into keyword_imports (account_id, site_id, sector_id, bytes) values (${s.accountId}, ${site.id}, ${sector.id}, ${bytes}) returning id`;
  return { id: row!.id as string, accountId: s.accountId };
}

async function readAll(id: string) {
  const pieces: Buffer[] = [];
  for await (const piece of readStoredUpload(svc.deps, id)) pieces.push(Buffer.from(piece));
  return Buffer.concat(pieces);
}

/** 2.5 MB of CSV, three stored pieces, with accents and a byte that is not UTF-8, in a file. */
function threePieceUpload() {
  let text = 'Keyword,Volume\n';
  for (let i = 0; text.length < 2_500_000; i++) text += `crème brûlée ${i},${i * 7}\n`;
  const file = Buffer.concat([Buffer.from(text), Buffer.from([0xe9, 0x0a])]);
  const path = join(mkdtempSync(join(tmpdir(), 'igny8-upload-')), 'upload.csv');
  writeFileSync(path, file);
  return { file, path };
}

describe('an upload stored for its import job', () => {
  it('is stored deflated, in pieces, and read back byte for byte', async () => {
    const { file, path } = threePieceUpload();
    const { id, accountId } = await newImport(file.length);

    await svc.deps.db.run(GLOBAL, (tx) => storeUpload(tx, id, accountId, path));
    const [stored] = await svc.deps.db.owner`
      select count(*)::int as pieces, sum(length(data))::int as bytes, bool_and(deflated) as deflated from keyword_import_chunks where import_id = ${id}`;
    expect(stored).toMatchObject({ pieces: 3, deflated: true });
    expect(stored!.bytes).toBeLessThan(file.length / 3);
    expect((await readAll(id)).equals(file)).toBe(true);
  });

  it('is read back as it was when it was stored before uploads were deflated', async () => {
    const file = Buffer.from('Keyword\nrunning shoes\n');
    const { id, accountId } = await newImport(file.length);
    await svc.deps.db.owner`insert into keyword_import_chunks (import_id, account_id, seq, data) values (${id}, ${accountId}, 0, ${file})`;
    expect((await readAll(id)).equals(file)).toBe(true);
  });

  it('fails with the error of a piece that cannot be stored, and keeps none of the others', async () => {
    const { path } = threePieceUpload();
    const { id, accountId } = await newImport(1);
    // The second piece's place is taken: its insert fails while the third piece is being deflated.
    await svc.deps.db.owner`insert into keyword_import_chunks (import_id, account_id, seq, data) values (${id}, ${accountId}, 1, ${Buffer.from('taken')})`;
    await expect(svc.deps.db.run(GLOBAL, (tx) => storeUpload(tx, id, accountId, path))).rejects.toMatchObject({ code: '23505' });
    const stored = await svc.deps.db.owner`select seq, convert_from(data, 'UTF8') as data from keyword_import_chunks where import_id = ${id}`;
    expect(stored).toEqual([{ seq: 1, data: 'taken' }]);
  });
});
