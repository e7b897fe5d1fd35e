// Module boundaries of the service (`npm run boundaries`, part of `npm test`).
// A module under service/src/modules/ is used by others only through its index.ts, modules do not
// depend on each other in a circle, and the shared plumbing (http, db, lib, providers, access)
// depends on no module but through an index.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'module-through-its-index',
      severity: 'error',
      comment: 'Use another module only through its public index.ts, never its routes, service or queries.',
      from: { path: '^service/src/modules/([^/]+)/' },
      to: { path: '^service/src/modules/([^/]+)/', pathNot: ['^service/src/modules/$1/', '^service/src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'plumbing-through-an-index',
      severity: 'error',
      comment: 'The shared plumbing reaches a module only through its index.ts.',
      from: { path: '^service/src/(http|db|lib|providers|access|jobs)/' },
      to: { path: '^service/src/modules/', pathNot: '^service/src/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'no-module-cycles',
      severity: 'error',
      comment: 'Modules depend on each other in one direction only.',
      scope: 'folder',
      from: { path: '^service/src/modules/[^/]+$' },
      to: { path: '^service/src/modules/[^/]+$', circular: true, viaOnly: { path: '^service/src/modules/[^/]+$' } },
    },
    {
      name: 'no-file-cycles',
      severity: 'error',
      from: { path: '^service/src/' },
      // A cycle with a type-only step vanishes at run time.
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs'] },
  },
};
