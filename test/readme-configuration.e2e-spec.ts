import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Issue 17: every environment variable the code reads is documented in the README's one
 * configuration table, with its default and meaning.
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
    expect([...read]).toEqual(expect.arrayContaining(['PORT', 'HEMOTRACE_STORE', 'DATABASE_URL']));
  });

  it.each([...read].sort())('documents %s with a default and a meaning', (name) => {
    const row = table
      .split('\n')
      .find((line) => line.startsWith('| ') && line.split('|')[1].includes(`\`${name}\``));
    expect(row).toBeDefined();
    const cells = row!.split('|').map((cell) => cell.trim());
    expect(cells[2]).not.toBe('');
    expect(cells[3]).not.toBe('');
  });
});
