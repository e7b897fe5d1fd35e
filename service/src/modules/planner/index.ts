// The planner's AI functions, which the engine runs.
export { autoCluster, generateIdeas, plannerFunctions } from './functions';
