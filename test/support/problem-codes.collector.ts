import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type ErrorStatus = 400 | 403 | 404 | 409 | 422;

/** The problem filter's mapping of the kernel's error classes (libs/platform/src/http/problem.filter.ts). */
const STATUS_OF_BASE: Record<string, ErrorStatus> = {
  InvalidInput: 400,
  PermissionDenied: 403,
  NotFoundError: 404,
  ConflictError: 409,
  DomainError: 422,
};

const STABLE_CODE = /'([A-Z][A-Z0-9_]*(?:\.[A-Z0-9_]+)+)'/g;

const sourcesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'testing' ? [] : sourcesUnder(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });

/**
 * Every stable code an error class of the code base carries, by the HTTP status the problem
 * filter gives it: a class's codes are the code-shaped literals in its body, its status that of
 * the kernel class it descends from.
 */
export const collectProblemCodes = (libsDir: string): Record<ErrorStatus, string[]> => {
  const parents = new Map<string, string>();
  /* [parent, codes]: two contexts may each have a class of the same name (UnitNotFound). */
  const classCodes: Array<[string, string[]]> = [];
  const thrown: Array<[string, string]> = [];
  for (const file of sourcesUnder(libsDir).filter((f) => f.includes('/src/'))) {
    const text = readFileSync(file, 'utf8');
    const helperBase = /const fail = [^]*?class extends (\w+)/.exec(text)?.[1];
    const classes = [...text.matchAll(/class (\w+) extends (\w+)(\('([^']+)'\))?/g)];
    classes.forEach((match, i) => {
      const [, name, parent, helperCall, helperCode] = match;
      const next = classes[i + 1]?.index ?? text.length;
      const closing = text.indexOf('\n}', match.index);
      const body = text.slice(match.index, closing >= 0 ? Math.min(closing, next) : next);
      if (helperCall && helperBase) {
        parents.set(name, helperBase);
        classCodes.push([helperBase, [helperCode]]);
        return;
      }
      parents.set(name, parent);
      classCodes.push([parent, [...body.matchAll(STABLE_CODE)].map((m) => m[1])]);
    });
    for (const m of text.matchAll(/new (\w+)\(\s*'([A-Z][A-Z0-9_]*(?:\.[A-Z0-9_]+)+)'/g)) {
      thrown.push([m[1], m[2]]);
    }
  }
  const statusOf = (name: string): ErrorStatus | undefined => {
    for (let at: string | undefined = name, hops = 0; at && hops < 10; at = parents.get(at), hops++) {
      if (STATUS_OF_BASE[at]) return STATUS_OF_BASE[at];
    }
    return undefined;
  };
  const byStatus: Record<ErrorStatus, Set<string>> = {
    400: new Set(),
    403: new Set(),
    404: new Set(),
    409: new Set(),
    422: new Set(),
  };
  for (const [parent, codes] of classCodes) {
    const status = statusOf(parent);
    if (status) codes.forEach((code) => byStatus[status].add(code));
  }
  for (const [name, code] of thrown) {
    const status = statusOf(name);
    if (status) byStatus[status].add(code);
  }
  return Object.fromEntries(
    Object.entries(byStatus).map(([status, codes]) => [status, [...codes].sort()]),
  ) as unknown as Record<ErrorStatus, string[]>;
};
