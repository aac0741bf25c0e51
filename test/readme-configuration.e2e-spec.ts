import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentedVariables, readmeRow } from '@hemotrace/platform';

/**
 * Issue 17: configuration goes through one validated schema (libs/platform/src/environment.schema.ts)
 * and the README's one configuration table says exactly what the schema says; every variable the
 * code reads is declared in the schema.
 */
const ROOT = join(__dirname, '..');

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name) ? [path] : [];
  });

describe('the README configuration table', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Configuration (every environment variable)'));
  const table = section.slice(0, section.indexOf('\n\n', section.indexOf('| variable |')));
  const rows = table.split('\n').filter((line) => line.startsWith('| `'));
  const schema = documentedVariables();
  const declared = new Set(schema.map((v) => v.name));

  const read = new Set(
    [...sources(join(ROOT, 'libs')), ...sources(join(ROOT, 'apps'))].flatMap((file) =>
      [
        ...readFileSync(file, 'utf8').matchAll(
          /\benv\.([A-Z][A-Z0-9_]*)|\benv\[['"]([A-Z][A-Z0-9_]*)['"]\]/g,
        ),
      ].map((m) => m[1] ?? m[2]),
    ),
  );

  it('finds the variables the code reads', () => {
    expect([...read]).toEqual(expect.arrayContaining(['DATABASE_URL', 'HEMOTRACE_TOPIC_PREFIX']));
  });

  it.each([...read].sort())('has %s, which the code reads, in the schema', (name) => {
    expect(declared.has(name)).toBe(true);
  });

  it.each(schema.map((v) => [v.name, readmeRow(v)]))(
    'documents %s exactly as the schema declares it',
    (_name, row) => {
      expect(rows).toContain(row);
    },
  );

  it('documents nothing the schema does not declare, in the schema order', () => {
    expect(rows).toEqual(schema.map(readmeRow));
  });
});
