import type { AIFunction } from './types';

const registry = new Map<string, AIFunction>();

/** Makes an AI function available to the engine under its name. */
export function registerFunction(fn: AIFunction): void {
  registry.set(fn.name, fn);
}

export function getFunction(name: string): AIFunction | undefined {
  return registry.get(name);
}
