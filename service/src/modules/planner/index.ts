// The planner as the engine and the job runner see it: its AI functions and its job tasks.
export { autoCluster, generateIdeas, plannerFunctions } from './functions';
export { keywordTasks } from './keywords/tasks';
