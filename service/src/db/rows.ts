/**
 * A row as postgres.js returns it for a shape of the contract: timestamps (columns named `*_at`)
 * arrive as `Date`, which JSON turns back into the contract's ISO string, so a handler answering
 * `DbRow<T>` answers `T` — and Hono's typed client and the OpenAPI route types agree.
 */
export type DbRow<T> = { [K in keyof T]: K extends `${string}_at` ? Timestamp<T[K]> : T[K] };
type Timestamp<V> = V extends string ? Date : V;
