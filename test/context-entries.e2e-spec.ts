import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODULE_METADATA } from '@nestjs/common/constants';
import { BOUNDED_CONTEXTS } from '@hemotrace/messaging';

const ROOT = join(__dirname, '..');
/* Every publishing context, and sites (master data with a module and contracts, no topic). */
const CONTEXTS = [...BOUNDED_CONTEXTS, 'sites'] as const;

/* Values an index may export besides modules and their exported tokens, each with why its users need it. */
const HELPERS: Record<string, Record<string, string>> = {
  traceability: { nodeId: "names the start of TraceQueries' lineage walk" },
};

type Exported = { module?: unknown; exports?: unknown[] };

const isModule = (value: unknown): value is object =>
  typeof value === 'function' &&
  [MODULE_METADATA.IMPORTS, MODULE_METADATA.PROVIDERS, MODULE_METADATA.EXPORTS].some(
    (key) => Reflect.getMetadata(key, value) !== undefined,
  );

/** Every token a module lets its importers inject, through the modules it re-exports too. */
const tokensOf = (module: unknown, seen = new Set<unknown>(), visited = new Set<unknown>()): Set<unknown> => {
  if (visited.has(module)) return seen;
  visited.add(module);
  seen.add(module);
  const dynamic = module as Exported;
  const exports: unknown[] = [
    ...((isModule(module) ? Reflect.getMetadata(MODULE_METADATA.EXPORTS, module) : undefined) ?? []),
    ...(typeof module === 'object' && module !== null ? (dynamic.exports ?? []) : []),
  ];
  for (const token of exports) {
    seen.add(token);
    if (isModule(token) || (typeof token === 'object' && token !== null && 'module' in token))
      tokensOf(token, seen, visited);
  }
  return seen;
};

/* It reads the code, not a store: the journeys' second run on PostgreSQL has nothing to add. */
const describeOnce = process.env.HEMOTRACE_TEST_STORE === 'postgres' ? describe.skip : describe;

describeOnce("a context's entries", () => {
  it.each(CONTEXTS)(
    '@hemotrace/%s exports its modules and the tokens they let users inject, nothing else',
    (context) => {
      /* eslint-disable-next-line @typescript-eslint/no-require-imports -- each context's entry, by name */
      const index = require(`@hemotrace/${context}`) as Record<string, unknown>;
      const modules = Object.values(index).filter(isModule);
      expect(modules.length).toBeGreaterThan(0);
      const tokens = new Set<unknown>();
      for (const module of modules) for (const token of tokensOf(module)) tokens.add(token);
      const others = Object.entries(index)
        .filter(([name, value]) => !tokens.has(value) && !(name in (HELPERS[context] ?? {})))
        .map(([name]) => name);
      expect(others).toEqual([]);
    },
  );

  it('are declared in tsconfig paths as the context, its contracts and its tooling entry only', () => {
    const { compilerOptions } = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as {
      compilerOptions: { paths: Record<string, string[]> };
    };
    for (const context of CONTEXTS) {
      const declared = Object.entries(compilerOptions.paths).filter(
        ([alias]) => alias === `@hemotrace/${context}` || alias.startsWith(`@hemotrace/${context}/`),
      );
      const allowed: Record<string, string> = {
        [`@hemotrace/${context}`]: `libs/${context}/src`,
        [`@hemotrace/${context}/contracts`]: `libs/${context}/src/contracts`,
        [`@hemotrace/${context}/tooling`]: `libs/${context}/src/tooling`,
      };
      for (const [alias, [target]] of declared) expect([alias, target]).toEqual([alias, allowed[alias]]);
      const hasTooling = existsSync(join(ROOT, `libs/${context}/src/tooling.ts`));
      expect(declared.some(([alias]) => alias === `@hemotrace/${context}/tooling`)).toBe(hasTooling);
      expect(declared.some(([alias]) => alias === `@hemotrace/${context}/contracts`)).toBe(true);
    }
  });
});
