// Entry of the clustering thread. The service runs its TypeScript through tsx, and a worker thread
// starts without the parent's loader, so register it before loading the TypeScript module.
import { register } from 'tsx/esm/api';

register();
await import('./worker-run.ts');
