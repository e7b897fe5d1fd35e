import { fileURLToPath } from 'node:url';

// The folders the service reads at run time, found from this file's place. This file sits at the
// depth of the compiled entry points (dist/main.js, dist/worker.js, into which it is bundled), so
// the same relative paths hold whether the service runs from src/ under tsx or compiled.
const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The SQL migrations, applied at start. */
export const MIGRATIONS_DIR = at('../migrations/');
/** Where `npm run build -w dashboard` writes the dashboard (built by `npm start` when missing or stale). */
export const DASHBOARD_DIR = at('../../dashboard/dist/');
/** `.data/` at the repository root, when IGNY8_DATA_DIR does not say otherwise. */
export const DEFAULT_DATA_DIR = at('../../.data');
