import { definedOnly } from '../../../lib/defined';
import { createReadStream } from 'node:fs';
import { accountOf, authorize, scopeOf, userOf, visibleOne, type Caller } from '../../../access';
import type { Deps } from '../../../context';
import type { Tx } from '../../../db/client';
import { ApiError, conflict, found, invalid, notFound } from '../../../http/errors';
import type { StagedUpload } from '../../../http/upload';
import { exportKeywords, pulledStream } from './export';
import { importKeywords, type ImportResult } from './import';
import { storeUpload } from './stored-upload';
import { normalizeKeyword } from '../csv/parse-keywords';
import * as clusters from '../clusters/queries';
import * as q from './queries';

type NewKeyword = {
  sector_id: string;
  keyword: string;
  volume?: number | null | undefined;
  difficulty?: number | null | undefined;
  cpc?: number | null | undefined;
  intent?: string | null | undefined;
  country?: string | null | undefined;
};

/**
 * Creates one or many keywords, all or none: a keyword that its sector already holds (compared
 * case- and space-insensitively), or that appears twice in the request, is a 409 naming it.
 */
export async function createKeywords(tx: Tx, p: Caller, input: NewKeyword[]) {
  const bySector = new Map<string, { index: number; value: NewKeyword & { normalized: string } }[]>();
  input.forEach((k, index) => {
    const list = bySector.get(k.sector_id) ?? [];
    list.push({ index, value: { ...k, normalized: normalizeKeyword(k.keyword) } });
    bySector.set(k.sector_id, list);
  });
  const errors: Record<string, string[]> = {};
  const created = [];
  for (const [sectorId, items] of bySector) {
    const sector = await visibleOne(tx, 'sector', sectorId);
    authorize(p, 'write');
    const seen = new Set<string>();
    const existing = await q.existingInSector(tx, sectorId, items.map((i) => i.value.normalized));
    for (const { index, value } of items) {
      const key = input.length > 1 ? `${index}.keyword` : 'keyword';
      if (existing.has(value.normalized)) errors[key] = ['This sector already has this keyword.'];
      else if (seen.has(value.normalized)) errors[key] = ['This keyword appears twice in the request.'];
      seen.add(value.normalized);
    }
    if (Object.keys(errors).length === 0) created.push(...(await q.insertKeywords(tx, sector, items.map((i) => i.value))));
  }
  if (Object.keys(errors).length > 0) throw conflict('Some keywords already exist; nothing was created.', errors);
  return created;
}

export async function visibleKeyword(tx: Tx, id: string) {
  const keyword = await q.getKeyword(tx, id);
  if (!keyword) throw notFound('Keyword');
  return keyword;
}

export async function updateKeyword(
  tx: Tx,
  p: Caller,
  id: string,
  patch: Record<string, unknown> & { keyword?: string | undefined; cluster_id?: string | null | undefined; cluster_locked?: boolean | undefined },
) {
  const keyword = await visibleKeyword(tx, id);
  authorize(p, 'write');
  const set: Record<string, unknown> = definedOnly(patch);
  if (patch.keyword !== undefined) {
    set.normalized = normalizeKeyword(patch.keyword);
    if (set.normalized !== normalizeKeyword(keyword.keyword as string)) {
      const clash = await q.existingInSector(tx, keyword.sector_id as string, [set.normalized as string]);
      if (clash.size > 0) throw conflict('This sector already has this keyword.', { keyword: ['Already in this sector.'] });
    }
  }
  if (patch.cluster_id !== undefined) {
    if (patch.cluster_id !== null) {
      const clusterSector = await clusters.clusterSector(tx, patch.cluster_id);
      if (!clusterSector) throw invalid('Unknown cluster.', { cluster_id: ['No cluster has this id.'] });
      if (clusterSector !== keyword.sector_id) throw invalid('The cluster is in another sector.', { cluster_id: ['Pick a cluster of the keyword’s sector.'] });
    }
    set.cluster_locked = patch.cluster_locked ?? true;
    set.status = patch.cluster_id === null ? 'new' : 'clustered';
  }
  const updated = found(await q.updateKeyword(tx, id, set), 'Keyword');
  if (patch.cluster_id !== undefined) await clusters.refreshClusterStats(tx, [keyword.cluster_id, patch.cluster_id]);
  return updated;
}

/** Deletes the keywords, all or none: an id the caller cannot see is a 404 and nothing is deleted. */
export async function deleteKeywords(tx: Tx, p: Caller, ids: string[]) {
  const unique = [...new Set(ids)];
  const visible = await q.visibleKeywordIds(tx, unique);
  const missing = unique.filter((i) => !visible.has(i));
  if (missing.length > 0) throw notFound(missing.length === 1 ? 'Keyword' : `${missing.length} of the keywords`);
  // After the lookup: another account's keyword is a 404 to every role, never a 403.
  authorize(p, 'write');
  const deleted = await q.deleteKeywords(tx, unique);
  await clusters.refreshClusterStats(tx, deleted.map((d) => d.clusterId));
  return deleted.length;
}

/**
 * Imports an uploaded CSV into a sector. The sector and the caller's right to write are checked
 * first (so a refused request does not upload anything), then the file is received whole by
 * `receive` without holding a database connection. A file of up to IGNY8_IMPORT_INLINE_BYTES is
 * imported at once (`done`); a larger one is stored and queued for the keywords__import job
 * (`queued`, with the id to poll).
 */
export async function importKeywordFile(
  deps: Deps,
  caller: Caller,
  input: { sectorId: string; receive: () => Promise<StagedUpload> },
): Promise<{ done: ImportResult } | { queued: string }> {
  const { db, config } = deps;
  const writableSector = async (tx: Tx) => {
    const sector = await visibleOne(tx, 'sector', input.sectorId);
    authorize(caller, 'write');
    return sector;
  };
  await db.run(scopeOf(caller), writableSector);
  const upload = await input.receive();
  try {
    if (upload.bytes <= config.importInlineBytes) {
      return {
        done: await db.run(scopeOf(caller), async (tx) => importKeywords(tx, await writableSector(tx), createReadStream(upload.path), { maxBytes: config.maxImportBytes })),
      };
    }
    const id = await db.run(scopeOf(caller), async (tx) => {
      const sector = await writableSector(tx);
      const importId = await q.insertImport(tx, sector, userOf(caller), upload.bytes);
      await storeUpload(tx, importId, sector.accountId, upload.path);
      await q.enqueueImport(tx, importId);
      return importId;
    });
    return { queued: id };
  } finally {
    await upload.remove();
  }
}

/** An import job's state and, once it succeeded, its result; 404 for another account's. */
export async function importStatus(tx: Tx, id: string) {
  const row = await q.getImport(tx, id);
  if (!row) throw notFound('Import');
  return row;
}

// Exports streaming now, per account, per service instance. The cap holds per process: with P
// processes an account can stream P times as many. Holding it across processes would take a lease
// row per export with a heartbeat (an export deliberately keeps no connection or transaction open
// between its batches, so neither a session advisory lock nor a transaction can hold the place),
// which costs more than the cap saves: each export already reads in short batches of EXPORT_BATCH.
const exportsInFlight = new WeakMap<Deps, Map<string, number>>();

/**
 * The keywords as a CSV byte stream (see exportKeywords). An account streams at most
 * IGNY8_MAX_EXPORTS_PER_ACCOUNT exports at once (429 beyond), and a reader that takes nothing for
 * IGNY8_SEND_IDLE_TIMEOUT_MS is cut off through `abort`, which frees its place.
 */
export async function exportKeywordsCsv(deps: Deps, caller: Caller, f: q.ExportFilter, abort: () => boolean): Promise<ReadableStream<Uint8Array>> {
  const { db, config } = deps;
  if (f.sector_id) await db.run(scopeOf(caller), (tx) => visibleOne(tx, 'sector', f.sector_id!));
  const inFlight = exportsInFlight.get(deps) ?? new Map<string, number>();
  exportsInFlight.set(deps, inFlight);
  const account = caller.accountId;
  const running = inFlight.get(account) ?? 0;
  if (running >= config.maxExportsPerAccount) {
    throw new ApiError('rate_limited', `This account already has ${running} exports running; wait for one to finish.`, { headers: { 'Retry-After': '10' } });
  }
  inFlight.set(account, running + 1);
  const release = () => {
    const n = (inFlight.get(account) ?? 1) - 1;
    if (n > 0) inFlight.set(account, n);
    else inFlight.delete(account);
  };
  const accountId = accountOf(caller);
  const chunks = exportKeywords((fn) => db.run(scopeOf(caller), fn), f, accountId);
  return pulledStream(chunks, { idleMs: config.sendIdleTimeoutMs, onIdle: abort, onEnd: release });
}
