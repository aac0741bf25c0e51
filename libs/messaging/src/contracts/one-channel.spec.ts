import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BOUNDED_CONTEXTS } from './integration-event';

/**
 * One channel for cross-context facts: a projection that follows the log (`Projection`) folds only
 * its own context's stored events. One that needs another context's facts is a ContractProjection
 * fed by that context's published contracts through the bus. Checked over the code.
 */
const ROOT = join(__dirname, '../../../..');
/* Sites is master data: it publishes no topic of its own, but its read models follow the log too. */
const CONTEXTS = [...BOUNDED_CONTEXTS, 'sites'];

/** Was the list of those still on the log (issue #12): empty now, and it must stay empty. */
const NOT_YET_ON_THE_BUS = new Set<string>();

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );

const logProjectionsReadingOtherContexts = (): string[] =>
  CONTEXTS.flatMap((context) =>
    files(join(ROOT, 'libs', context, 'src'))
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
      .filter((file) => {
        const source = readFileSync(file, 'utf8');
        const followsTheLog = /implements Projection\b|: Projection = /.test(source);
        /* A type-only import is shared vocabulary (a product category); a value import names stored events. */
        const others = [
          ...source.matchAll(/^import \{[^}]*\} from '@hemotrace\/([a-z]+)(?:\/contracts)?';/gm),
        ]
          .map((m) => m[1])
          .filter((owner) => owner !== context);
        return followsTheLog && others.length > 0;
      })
      .map((file) => relative(ROOT, file)),
  ).sort();

describe('one channel for cross-context facts', () => {
  it("no projection that follows the log reads another context's stored events, but the ones listed", () => {
    expect(logProjectionsReadingOtherContexts()).toEqual([...NOT_YET_ON_THE_BUS].sort());
  });
});
