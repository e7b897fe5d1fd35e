export * from './common';
export * from './auth';
export * from './roles';
export * from './statuses';
export * from './tenancy';
export * from './ai';
export * from './thinker';
export * from './planner';
