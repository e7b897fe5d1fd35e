import type { AIFunction } from './types';

/** The AI functions a process offers, by name; built from the lists the owning modules export. */
export class AIFunctions {
  readonly #byName = new Map<string, AIFunction>();

  constructor(functions: readonly AIFunction[]) {
    for (const fn of functions) {
      if (this.#byName.has(fn.name)) throw new Error(`Two AI functions are named ${fn.name}.`);
      this.#byName.set(fn.name, fn);
    }
  }

  get(name: string): AIFunction | undefined {
    return this.#byName.get(name);
  }
}
