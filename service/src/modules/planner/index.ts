// The planner's AI functions, which the engine runs.
export { autoCluster } from './functions/auto-cluster';
export { generateIdeas } from './functions/generate-ideas';
