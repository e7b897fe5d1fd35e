import { autoCluster } from './auto-cluster';
import { generateIdeas } from './generate-ideas';

export { autoCluster, generateIdeas };

/** The planner's AI functions, for the engine of every process that runs jobs. */
export const plannerFunctions = [autoCluster, generateIdeas];
