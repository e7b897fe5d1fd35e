import type { taskCreateSchema, taskPatchSchema } from '@igny8/shared';
import type { z } from 'zod';
import { actorOf, authorize, userOf, visibleOne, type Caller } from '../../../access';
import type { Tx } from '../../../db/client';
import type { Page } from '../../../db/lists';
import { found, notFound } from '../../../http/errors';
import { definedOnly } from '../../../lib/defined';
import * as q from './queries';

export function listTasks(tx: Tx, _caller: Caller, filter: q.TaskFilter, page: Page) {
  return q.listTasks(tx, filter, page);
}

export async function getTask(tx: Tx, _caller: Caller, id: string) {
  const task = await q.getTask(tx, id);
  if (!task) throw notFound('Task');
  return task;
}

/** The author profile and strategy a task names must be the caller's to see (404 otherwise). */
async function checkReferences(tx: Tx, refs: { author_profile_id?: string | null | undefined; strategy_id?: string | null | undefined }) {
  if (refs.author_profile_id) await visibleOne(tx, 'author_profile', refs.author_profile_id);
  if (refs.strategy_id) await visibleOne(tx, 'strategy', refs.strategy_id);
}

/** A task written by hand, in a sector the caller sees. */
export async function createTask(tx: Tx, caller: Caller, input: z.infer<typeof taskCreateSchema>) {
  const sector = await visibleOne(tx, 'sector', input.sector_id);
  await checkReferences(tx, input);
  authorize(caller, 'write');
  return q.insertTask(tx, { ...definedOnly(input), account_id: sector.accountId, site_id: sector.siteId, created_by: userOf(caller) });
}

export async function updateTask(tx: Tx, caller: Caller, id: string, patch: z.infer<typeof taskPatchSchema>) {
  await visibleOne(tx, 'task', id);
  await checkReferences(tx, patch);
  authorize(caller, 'write');
  return found(await q.updateTask(tx, id, definedOnly(patch)), 'Task');
}

export async function deleteTask(tx: Tx, caller: Caller, id: string) {
  await visibleOne(tx, 'task', id);
  authorize(caller, 'write');
  await q.deleteTask(tx, id);
}

/** Writer tasks from planned ideas (which the caller has already looked up); existing ones are kept. */
export function createTasksFromIdeas(tx: Tx, caller: Caller, ideas: readonly q.TaskFromIdea[]) {
  authorize(caller, 'write');
  return q.insertTasksFromIdeas(tx, ideas, { createdBy: userOf(caller), actor: actorOf(caller) });
}
