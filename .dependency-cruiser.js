/**
 * The architecture's import boundaries (ARCHITECTURE.md), checked by `npm run lint`:
 * element types kernel, event-sourcing, context domain, features, contracts, integration,
 * read-models, apps. Type-only imports count too: a circle of types is still a circle.
 */
const CONTEXTS = '(donors|collection|laboratory|components|distribution|transfusion|traceability|sites)';

/*
 * A context's entries, and who may use which (issue #12, "Indexes shrink to module plus contracts"):
 * - @hemotrace/<context> (src/index.ts): its Nest module and the tokens its users inject (query
 *   classes, profile tokens), with the types of what those tokens answer. Deciders, rules, events,
 *   projections and internal queries are not in it.
 * - @hemotrace/<context>/contracts (src/contracts/index.ts): its published integration contracts.
 * - @hemotrace/<context>/tooling (src/tooling.ts): a declared second entry for tools that run a
 *   context's code outside its Nest module: the CLI (the demo generator drives the deciders, trace and
 *   lookback build the queries on an opened store, erase dispatches the erasure commands), the bench
 *   and the tests. No lib and no server app imports it: contexts meet only through the first two.
 * Every other file of a lib is private to it; the rules below forbid any other entry.
 */
const TOOLS = '^(apps/cli|bench|test)/';
const ENTRIES = [
  '^libs/[^/]+/src/index\\.ts$',
  '^libs/[^/]+/src/contracts/index\\.ts$',
  '^libs/event-sourcing/src/testing/index\\.ts$',
  '^libs/messaging/src/testing/index\\.ts$',
];

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import circles, between files or between contexts.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-imports-kernel-and-own-domain',
      severity: 'error',
      comment: 'A domain is pure: it imports only the kernel, the decider types and its own domain.',
      from: { path: `^libs/${CONTEXTS}/src/domain/` },
      to: {
        pathNot: [
          '^libs/kernel/src/',
          '^libs/event-sourcing/src/(decider|envelope|upcasting/upcaster-registry)\\.ts$',
          '^libs/event-sourcing/src/index\\.ts$',
          '^libs/event-sourcing/src/testing/',
          '^libs/$1/src/domain/',
        ],
        dependencyTypesNot: ['npm', 'npm-dev', 'core'],
      },
    },
    {
      name: 'contexts-meet-through-module-or-contracts',
      severity: 'error',
      comment:
        'Another context is reached only through @hemotrace/<context> or @hemotrace/<context>/contracts.',
      from: { path: `^libs/${CONTEXTS}/src/` },
      to: {
        path: `^libs/${CONTEXTS}/src/`,
        pathNot: [
          '^libs/$1/src/',
          `^libs/${CONTEXTS}/src/index\\.ts$`,
          `^libs/${CONTEXTS}/src/contracts/index\\.ts$`,
        ],
      },
    },
    {
      name: 'libs-are-reached-through-their-index',
      severity: 'error',
      comment:
        'A lib is imported through its declared entries (@hemotrace/<lib>, /contracts, /tooling), never by a deep path.',
      from: { pathNot: '^libs/([^/]+)/' },
      to: {
        path: '^libs/[^/]+/src/',
        pathNot: [...ENTRIES, `^libs/${CONTEXTS}/src/tooling\\.ts$`],
      },
    },
    {
      name: 'libs-meet-through-their-entries',
      severity: 'error',
      comment: 'One lib reaches another only through @hemotrace/<lib> or @hemotrace/<lib>/contracts.',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/[^/]+/src/', pathNot: ['^libs/$1/', ...ENTRIES] },
    },
    {
      name: 'tooling-entry-is-for-tools',
      severity: 'error',
      comment:
        '@hemotrace/<context>/tooling is for the CLI, the bench and the tests; libs and server apps use the module and contracts.',
      from: { pathNot: TOOLS },
      to: { path: `^libs/${CONTEXTS}/src/tooling\\.ts$` },
    },
    {
      name: 'no-relative-import-out-of-a-lib-or-app',
      severity: 'error',
      comment:
        'A relative path never leaves its lib or app (no ../../../<lib>/src/...): use the @hemotrace alias.',
      from: { path: '^(libs|apps)/([^/]+)/' },
      to: { dependencyTypes: ['local'], dependencyTypesNot: ['aliased'], pathNot: '^$1/$2/' },
    },
    {
      name: 'tests-reach-code-through-aliases',
      severity: 'error',
      comment: 'Journeys import the code under test through @hemotrace aliases, never a deep relative path.',
      from: { path: '^test/' },
      to: { dependencyTypes: ['local'], dependencyTypesNot: ['aliased'], path: '^libs/' },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'kernel-imports-nothing-of-ours',
      severity: 'error',
      from: { path: '^libs/kernel/src/' },
      to: { path: '^(libs|apps)/', pathNot: '^libs/kernel/src/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
    moduleSystems: ['cjs', 'es6'],
  },
};
