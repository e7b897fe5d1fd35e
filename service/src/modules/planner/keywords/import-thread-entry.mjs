// Entry of an import's parsing thread. The service runs its TypeScript through tsx, and a worker
// thread starts without the parent's loader, so register it before loading the TypeScript module.
import { register } from 'tsx/esm/api';

register();
await import('./import-thread-run.ts');
