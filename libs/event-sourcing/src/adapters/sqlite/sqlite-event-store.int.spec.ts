import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract } from '../../testing/event-store.contract';
import { openSqliteDatabase, SqliteEventStore } from './sqlite-event-store';

eventStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hemotrace-sqlite-'));
  const db = openSqliteDatabase(join(dir, 'events.db'));
  const store = new SqliteEventStore(db);
  const columns =
    'event_id, stream_id, stream_version, type, schema_version, occurred_at, recorded_at, actor, correlation_id, causation_id, command_id, data, prev_hash, hash';
  return {
    store,
    teardown: async () => rmSync(dir, { recursive: true, force: true }),
    tamperer: {
      changeData: async (eventId, data) => {
        db.prepare('UPDATE events SET data = ? WHERE event_id = ?').run(JSON.stringify(data), eventId);
      },
      remove: async (eventId) => {
        db.prepare('DELETE FROM events WHERE event_id = ?').run(eventId);
      },
      swapPayloads: async (a, b) => {
        db.transaction(() => {
          const pa = db
            .prepare<[string], { p: number }>('SELECT global_position p FROM events WHERE event_id = ?')
            .get(a)!.p;
          const pb = db
            .prepare<[string], { p: number }>('SELECT global_position p FROM events WHERE event_id = ?')
            .get(b)!.p;
          db.exec(
            `CREATE TEMP TABLE swap AS SELECT global_position, ${columns} FROM events WHERE global_position IN (${pa}, ${pb})`,
          );
          db.exec(`DELETE FROM events WHERE global_position IN (${pa}, ${pb})`);
          db.exec(
            `INSERT INTO events (global_position, ${columns}) SELECT CASE global_position WHEN ${pa} THEN ${pb} ELSE ${pa} END, ${columns} FROM swap`,
          );
          db.exec('DROP TABLE swap');
        })();
      },
    },
  };
});
