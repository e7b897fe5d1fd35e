import type { JobHelpers, TaskList } from 'graphile-worker';
import { z } from 'zod';
import type { Deps } from '../../../context';
import { GLOBAL, type Scope } from '../../../db/client';
import { ApiError } from '../../../http/errors';
import { visibleOne } from '../../../access';
import { importKeywords } from './import';
import { readStoredUpload } from './stored-upload';
import * as q from './queries';

const payloadSchema = z.object({ import_id: z.uuid() });

/**
 * Imports a stored upload into its sector. The merge, the result and the removal of the upload
 * commit together, so a retried job finds the import finished and does nothing, and a job that
 * dies half-way leaves nothing imported. A file that cannot be imported (no keyword column, binary…)
 * fails the import without a retry; anything else is retried, and fails it on the last attempt.
 */
export async function keywords__import(deps: Deps, payload: unknown, helpers: Pick<JobHelpers, 'job'>): Promise<void> {
  const { import_id: id } = payloadSchema.parse(payload);
  const claimed = await deps.db.bookkeeping((sql) => q.claimImport(sql, id));
  if (!claimed) return;
  const scope: Scope = { kind: 'account', accountId: claimed.accountId, siteIds: null, readOnly: false };
  const fail = (error: string) => deps.db.run(GLOBAL, (tx) => q.finishImport(tx, id, { status: 'failed', error }));
  try {
    await deps.db.run(scope, async (tx) => {
      const sector = await visibleOne(tx, 'sector', claimed.sectorId);
      const result = await importKeywords(tx, sector, readStoredUpload(deps, id), {
        maxBytes: deps.config.maxImportBytes,
        inThread: true,
        onProgress: (p) => deps.db.bookkeeping((sql) => q.setImportProgress(sql, id, p)),
      });
      await q.finishImport(tx, id, { status: 'succeeded', result });
    });
  } catch (err) {
    if (err instanceof ApiError) {
      await fail([...new Set([err.message, ...Object.values(err.extra.errors ?? {}).flat()])].join(' '));
      return;
    }
    if (helpers.job.attempts < helpers.job.max_attempts) throw err;
    deps.logger.error({ err, import_id: id }, 'keyword import failed on its last attempt');
    await fail('The import failed on our side; nothing was imported. Try again later.');
  }
}

/** The job queue's tasks of the keyword planner. */
export function keywordTasks(deps: Deps): TaskList {
  return { keywords__import: (payload, helpers) => keywords__import(deps, payload, helpers) };
}
