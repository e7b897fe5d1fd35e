export * from './authorize';
export * from './caller';
export * from './visible';
