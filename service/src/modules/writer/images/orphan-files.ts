import type { Deps } from '../../../context';

/** How many orphaned files one sweep removes: a heartbeat's work stays small whatever was deleted. */
const BATCH = 200;

/**
 * Removes from the file store the files whose image row is gone (listed by a database trigger,
 * whatever deleted the row), then forgets them. Locked rows are skipped, so workers sweeping at
 * once share the work; a file the store fails to remove keeps its row and is tried again.
 */
export async function sweepOrphanFiles(deps: Deps): Promise<number> {
  return deps.db.owner.begin(async (tx) => {
    const rows = await tx<{ storage_key: string }[]>`
      select storage_key from stored_file_orphans order by orphaned_at limit ${BATCH} for update skip locked`;
    for (const { storage_key } of rows) await deps.files.delete(storage_key);
    if (rows.length) await tx`delete from stored_file_orphans where storage_key in ${tx(rows.map((r) => r.storage_key))}`;
    return rows.length;
  });
}

/** The sweep as worker housekeeping (a failure is logged by the heartbeat and tried again at the next). */
export const orphanFileSweeper = (deps: Deps) => async () => {
  const removed = await sweepOrphanFiles(deps);
  if (removed) deps.logger.info({ files: removed }, 'removed stored files of deleted images');
};
