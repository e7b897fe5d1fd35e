// The AI engine as other modules see it: the shape of an AI function, and starting a run of one.
export { requestRun, runStartedSchema } from './request';
export { startRun } from './service';
export type { Engine } from './engine';
export type { AIFunction, PromptRequest, RunContext } from './types';
export { RunError } from './types';
