import type { ideaPatchSchema } from '@igny8/shared';
import type { z } from 'zod';
import { authorize, visible, visibleOne, type Caller } from '../../../access';
import type { Tx } from '../../../db/client';
import type { Page } from '../../../db/lists';
import { found, notFound } from '../../../http/errors';
import { definedOnly } from '../../../lib/defined';
import { createTasksFromIdeas } from '../../writer';
import * as q from './queries';

export function listIdeas(tx: Tx, _caller: Caller, filter: q.IdeaFilter, page: Page) {
  return q.listIdeas(tx, filter, page);
}

export async function getIdea(tx: Tx, _caller: Caller, id: string) {
  const idea = await q.getIdea(tx, id);
  if (!idea) throw notFound('Idea');
  return idea;
}

export async function updateIdea(tx: Tx, caller: Caller, id: string, patch: z.infer<typeof ideaPatchSchema>) {
  await visibleOne(tx, 'idea', id);
  authorize(caller, 'write');
  return found(await q.updateIdea(tx, id, definedOnly(patch)), 'Idea');
}

export async function deleteIdea(tx: Tx, caller: Caller, id: string) {
  await visibleOne(tx, 'idea', id);
  authorize(caller, 'write');
  await q.deleteIdea(tx, id);
}

/** Writer tasks from ideas: an idea that already has a task keeps it; new ideas become scheduled. */
export async function createTasks(tx: Tx, caller: Caller, ideaIds: string[]) {
  await visible(tx, 'idea', ideaIds);
  authorize(caller, 'write');
  const tasks = await createTasksFromIdeas(tx, caller, await q.ideasForTasks(tx, ideaIds));
  await q.markScheduled(tx, ideaIds);
  return tasks;
}
