import { actorOf, authorize, userOf, type Caller } from '../../../access';
import type { Tx } from '../../../db/client';
import type { Page } from '../../../db/lists';
import * as q from './queries';

export function listTasks(tx: Tx, _caller: Caller, filter: q.TaskFilter, page: Page) {
  return q.listTasks(tx, filter, page);
}

/** Writer tasks from planned ideas (which the caller has already looked up); existing ones are kept. */
export function createTasksFromIdeas(tx: Tx, caller: Caller, ideas: readonly q.TaskFromIdea[]) {
  authorize(caller, 'write');
  return q.insertTasksFromIdeas(tx, ideas, { createdBy: userOf(caller), actor: actorOf(caller) });
}
