// The writer as other modules see it.
export { createTasksFromIdeas } from './tasks/service';
export type { TaskFromIdea } from './tasks/queries';
import { writerFunctions as generationFunctions } from './generation';
import { imageFunctions } from './images';

export { generateContent } from './generation';
export { orphanFileSweeper } from './images/orphan-files';

/** The writer's AI functions, for the engine of every process that runs jobs. */
export const writerFunctions = [...generationFunctions, ...imageFunctions];
