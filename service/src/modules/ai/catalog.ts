import { autoCluster, generateIdeas } from '../planner';
import { registerFunction } from './registry';

// Every AI function the service offers. Imported by the HTTP app (to estimate and queue runs) and
// by the workers (to execute them), so both always know the same functions.
registerFunction(autoCluster);
registerFunction(generateIdeas);
