// The writer as other modules see it.
export { createTasksFromIdeas } from './tasks/service';
export type { TaskFromIdea } from './tasks/queries';
export { generateContent, writerFunctions } from './generation';
