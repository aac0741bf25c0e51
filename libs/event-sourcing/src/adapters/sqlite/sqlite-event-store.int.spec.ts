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

describe('SQLite stream heads known in memory', () => {
  const metadata = {
    actor: { userId: 'u', role: 'laboratory' as const, siteId: 'BC-1' },
    correlationId: 'c',
    occurredAt: '2026-01-01T00:00:00.000Z',
  };
  const event = (n: number) => [{ type: 'Noted', data: { n } }];

  it('stay a shortcut when another writer appends to the same file: versions and the hash chain follow the table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hemotrace-sqlite-'));
    const file = join(dir, 'events.db');
    const here = new SqliteEventStore(openSqliteDatabase(file));
    const elsewhere = new SqliteEventStore(openSqliteDatabase(file));
    try {
      await here.append({ streamId: 'S-1', events: event(1), expectedVersion: 'no_stream', metadata });
      await elsewhere.append({ streamId: 'S-1', events: event(2), expectedVersion: 1, metadata });

      const third = await here.append({ streamId: 'S-1', events: event(3), expectedVersion: 2, metadata });
      expect(third.version).toBe(3);
      const fourth = await here.append({
        streamId: 'S-1',
        events: event(4),
        expectedVersion: 'any',
        metadata,
      });
      expect(fourth.version).toBe(4);
      await expect(
        here.append({ streamId: 'S-1', events: event(5), expectedVersion: 2, metadata }),
      ).rejects.toMatchObject({ code: 'STORE.CONCURRENCY_CONFLICT', actual: 4 });

      await elsewhere.append({ streamId: 'S-1', events: event(5), expectedVersion: 4, metadata });
      const multi = await here.append({
        streamId: 'S-1',
        events: [...event(6), ...event(7)],
        expectedVersion: 'any',
        metadata,
      });
      expect(multi.version).toBe(7);

      await elsewhere.append({
        streamId: 'S-1',
        events: event(8),
        expectedVersion: 7,
        metadata: { ...metadata, commandId: 'cmd-8' },
      });
      const retried = await here.append({
        streamId: 'S-1',
        events: event(8),
        expectedVersion: 'any',
        metadata: { ...metadata, commandId: 'cmd-8' },
      });
      expect(retried).toMatchObject({ duplicate: true, version: 8 });
      const retriedAgain = await here.append({
        streamId: 'S-1',
        events: event(8),
        expectedVersion: 8,
        metadata: { ...metadata, commandId: 'cmd-8' },
      });
      expect(retriedAgain).toMatchObject({ duplicate: true, version: 8 });

      const stream = await here.readStream('S-1');
      expect(stream.map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      stream.forEach((e, i) => {
        expect(e.streamVersion).toBe(i + 1);
        if (i > 0) expect(e.prevHash).toBe(stream[i - 1].hash);
      });
    } finally {
      await here.close();
      await elsewhere.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SQLite appends survive a power cut', () => {
  const metadata = {
    actor: { userId: 'u', role: 'laboratory' as const, siteId: 'BC-1' },
    correlationId: 'c',
    occurredAt: '2026-01-01T00:00:00.000Z',
  };
  const noted = (n: number) => ({ type: 'Noted', data: { n } });

  /**
   * What SQLite does at each step, in order: the synchronous level the connection is set to, and
   * each event row as its INSERT runs (seen by a trigger calling back into JavaScript).
   */
  const watched = () => {
    const dir = mkdtempSync(join(tmpdir(), 'hemotrace-sqlite-'));
    const db = openSqliteDatabase(join(dir, 'events.db'));
    const store = new SqliteEventStore(db);
    const steps: string[] = [];
    db.function('row_inserted', (version: number) => {
      steps.push(`insert v${version}`);
      return null;
    });
    db.exec(
      'CREATE TEMP TRIGGER watch AFTER INSERT ON events BEGIN SELECT row_inserted(NEW.stream_version); END',
    );
    const exec = db.exec.bind(db);
    jest.spyOn(db, 'exec').mockImplementation((source) => {
      if (/^PRAGMA synchronous\s*=/.test(source)) steps.push(source.replace(/^PRAGMA |\s+/g, ''));
      return exec(source);
    });
    return { db, store, steps, teardown: () => rmSync(dir, { recursive: true, force: true }) };
  };

  it('commits each acknowledged append at synchronous FULL and leaves the connection at NORMAL for the read models', async () => {
    const { db, store, steps, teardown } = watched();
    try {
      await store.append({ streamId: 'S-1', events: [noted(1)], expectedVersion: 'no_stream', metadata });
      await store.append({ streamId: 'S-1', events: [noted(2), noted(3)], expectedVersion: 1, metadata });
      await store.appendMany([
        { streamId: 'S-2', events: [noted(1)], expectedVersion: 'no_stream', metadata },
        { streamId: 'S-3', events: [noted(1)], expectedVersion: 'no_stream', metadata },
      ]);

      expect(steps).toEqual([
        'synchronous=2',
        'insert v1',
        'synchronous=1',
        'synchronous=2',
        'insert v2',
        'insert v3',
        'synchronous=1',
        'synchronous=2',
        'insert v1',
        'insert v1',
        'synchronous=1',
      ]);
      expect(db.pragma('synchronous', { simple: true })).toBe(1);
    } finally {
      await store.close();
      teardown();
    }
  });

  it('puts the connection back at NORMAL when an append is refused', async () => {
    const { db, store, steps, teardown } = watched();
    try {
      await store.append({ streamId: 'S-1', events: [noted(1)], expectedVersion: 'no_stream', metadata });
      await expect(
        store.append({ streamId: 'S-1', events: [noted(2)], expectedVersion: 'no_stream', metadata }),
      ).rejects.toMatchObject({ code: 'STORE.CONCURRENCY_CONFLICT' });

      expect(steps.slice(3)).toEqual(['synchronous=2', 'synchronous=1']);
      expect(db.pragma('synchronous', { simple: true })).toBe(1);
    } finally {
      await store.close();
      teardown();
    }
  });

  it('leaves a store built for a bulk load (syncEachAppend off) at the level its connection has', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hemotrace-sqlite-'));
    const db = openSqliteDatabase(join(dir, 'events.db'));
    const store = new SqliteEventStore(db, undefined, { syncEachAppend: false });
    const spy = jest.spyOn(db, 'exec');
    try {
      await store.append({ streamId: 'S-1', events: [noted(1)], expectedVersion: 'no_stream', metadata });
      expect(spy).not.toHaveBeenCalled();
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
