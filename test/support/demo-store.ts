import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteDatabase, SqliteEventStore } from '@hemotrace/event-sourcing';
import type { DemoSummary } from '../../apps/cli/src/demo';
import { appendPlannedEvents, DemoDataGenerator } from '../../apps/cli/src/demo';

/** A SQLite data directory holding the `hemotrace demo` dataset (same generator, same write path). */
export const demoDataDir = async (
  donations: number,
  seed = 20260101,
): Promise<{ dir: string; summary: DemoSummary }> => {
  const dir = mkdtempSync(join(tmpdir(), 'hemotrace-demo-'));
  const clock = { at: new Date(0).toISOString() };
  /* A fixture built in one go: not synced append by append. */
  const store = new SqliteEventStore(
    openSqliteDatabase(join(dir, 'hemotrace.db')),
    () => new Date(clock.at),
    {
      syncEachAppend: false,
    },
  );
  try {
    const generator = new DemoDataGenerator({ donations, seed, perDay: 5, planReactions: true });
    await appendPlannedEvents(store, generator.events(), clock);
    return { dir, summary: generator.summary };
  } finally {
    await store.close();
  }
};
