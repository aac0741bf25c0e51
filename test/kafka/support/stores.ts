import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@hemotrace/event-sourcing';
import { openSqliteDatabase, SqliteEventStore, SqliteReadModelStore } from '@hemotrace/event-sourcing';
import { systemActor } from '@hemotrace/kernel';
import type { IntegrationEventHandler } from '@hemotrace/messaging';

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'hemotrace-kafka-'));

/** The publishing side: a SQLite log with its read models (where the relay keeps its checkpoint). */
export const openLog = (dir: string) => {
  const db = openSqliteDatabase(join(dir, 'log.db'));
  return { events: new SqliteEventStore(db), readModels: new SqliteReadModelStore(db) };
};

/** A consuming service's own store (processed_messages and its documents). */
export const openConsumerStore = (path: string) => new SqliteReadModelStore(openSqliteDatabase(path));

export const appendOne = (store: EventStore, streamId: string, type: string, data: object) =>
  store.append({
    streamId,
    events: [{ type, data }],
    expectedVersion: 'any',
    metadata: {
      actor: systemActor('BC-1'),
      correlationId: `corr-${streamId}`,
      occurredAt: new Date().toISOString(),
    },
  });

/** A document per subject listing the stream versions the handler saw, in the order it saw them. */
export interface Seen {
  id: string;
  versions: number[];
}

/** Records, per subject, each stream version it handles: a duplicate or a reordering shows in the list. */
export const recordingHandler = (name: string): IntegrationEventHandler => ({
  name,
  contexts: ['laboratory'],
  async handle(event, tx) {
    const doc = (await tx.get<Seen>('seen', event.subject)) ?? { id: event.subject, versions: [] };
    tx.put('seen', event.subject, { ...doc, versions: [...doc.versions, event.streamVersion] });
  },
});
