import type { Tx } from '../../../db/client';

/** The answers a run has already received, by task and part (0 the outline, 1… the sections). */
export async function checkpoints(tx: Tx, runId: string): Promise<Map<string, unknown>> {
  const rows = await tx`select task_id, part, answer from content_checkpoints where run_id = ${runId}`;
  return new Map(rows.map((r) => [`${r.task_id}:${r.part}`, r.answer]));
}

/** Keeps an answer; a part already kept (a run retried meanwhile) stays as it was. */
export async function keepCheckpoint(tx: Tx, c: { runId: string; taskId: string; part: number; accountId: string; siteId: string; answer: unknown }) {
  await tx`
    insert into content_checkpoints (run_id, task_id, part, account_id, site_id, answer)
    values (${c.runId}, ${c.taskId}, ${c.part}, ${c.accountId}, ${c.siteId}, ${tx.json(c.answer as never)})
    on conflict do nothing`;
}

export async function dropCheckpoints(tx: Tx, runId: string) {
  await tx`delete from content_checkpoints where run_id = ${runId}`;
}

/** The tasks that still exist, locked until the run's articles are saved. */
export async function existingTasks(tx: Tx, ids: string[]) {
  const rows = await tx`select id from tasks where id = any(${ids}::uuid[]) for update`;
  return new Set(rows.map((r) => r.id as string));
}

export async function contentOfTask(tx: Tx, taskId: string) {
  const [row] = await tx`select id from content where task_id = ${taskId}`;
  return row ? (row.id as string) : null;
}

export async function insertContent(tx: Tx, row: Record<string, unknown>) {
  const [inserted] = await tx`insert into content ${tx(row)} returning id`;
  return inserted!.id as string;
}

/** A new article for the task: a draft again, whose approval (given to the old text) is gone. */
export async function replaceContent(tx: Tx, id: string, row: Record<string, unknown>) {
  await tx`update content set ${tx(row)}, status = 'draft', approved_by = null, approved_at = null, updated_at = now() where id = ${id}`;
}
