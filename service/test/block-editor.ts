import { createRequire } from 'node:module';

/**
 * The block editor's own parser and validator (`@wordpress/blocks` with the core blocks of
 * `@wordpress/block-library`, at the versions WordPress 7.1 ships), in Node under jsdom: what the
 * editor would flag as "unexpected or invalid content".
 */
export type InvalidBlock = { name: string; issues: string[] };

let loaded: Promise<(markup: string) => { blocks: number; invalid: InvalidBlock[]; names: string[] }> | undefined;

async function load() {
  // Required untyped: jsdom's type declarations would bring the DOM's types into the whole service.
  const require = createRequire(import.meta.url);
  const { JSDOM } = require('jsdom');
  const dom = new JSDOM('<!doctype html><html><body></body></html>', { url: 'http://localhost/' });
  const g = globalThis as Record<string, unknown>;
  for (const key of ['window', 'document', 'navigator', 'Node', 'HTMLElement', 'Element', 'DOMParser', 'MutationObserver', 'getComputedStyle', 'requestAnimationFrame', 'cancelAnimationFrame', 'CustomEvent', 'Event', 'KeyboardEvent', 'matchMedia']) {
    if (g[key] === undefined) g[key] = (dom.window as unknown as Record<string, unknown>)[key];
  }
  g.matchMedia ??= () => ({ matches: false, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {} });
  g.requestAnimationFrame ??= (cb: () => void) => setTimeout(cb, 0);
  // The CommonJS builds: the ES module builds import JSON without the attribute Node requires.
  // The packages announce their data stores on the console as they load; the tests stay quiet.
  const { warn, error } = console;
  let blocks: { parse(markup: string): any[]; validateBlock(block: any): [boolean, any[]] };
  console.warn = console.error = () => {};
  try {
    blocks = require('@wordpress/blocks');
    require('@wordpress/block-library').registerCoreBlocks();
  } finally {
    Object.assign(console, { warn, error });
  }
  return (markup: string) => {
    const names: string[] = [];
    const invalid: InvalidBlock[] = [];
    let count = 0;
    const walk = (list: any[]) => {
      for (const b of list) {
        count++;
        names.push(b.name);
        // The editor accepts markup an older version of a block wrote (a deprecation migrates it) and
        // then saves something else: generated content must be exactly what the block saves today.
        const [current, issues] = blocks.validateBlock(b);
        if (!b.isValid || !current) {
          invalid.push({ name: b.name, issues: [...(b.validationIssues ?? []), ...issues].map((i: any) => String(i.args?.join?.(' ') ?? i)) });
        }
        walk(b.innerBlocks ?? []);
      }
    };
    walk(blocks.parse(markup));
    return { blocks: count, invalid, names };
  };
}

/** Parses block markup as the editor does and lists every block it would not accept. */
export async function checkBlocks(markup: string) {
  loaded ??= load();
  return (await loaded)(markup);
}
