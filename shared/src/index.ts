export * from './auth';
export * from './roles';
export * from './statuses';
export * from './tenancy';
