import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteReadModelStore } from './sqlite-read-model-store';

describe('SQLite read-model store', () => {
  let db: Database.Database;
  let store: SqliteReadModelStore;

  beforeEach(async () => {
    db = new Database(':memory:');
    store = new SqliteReadModelStore(db);
    await store.ensureIndex('units', ['status', 'siteId']);
    const units = Array.from({ length: 50 }, (_, i) => ({
      op: 'put' as const,
      collection: 'units',
      id: `U${i}`,
      doc: {
        id: `U${i}`,
        status: i % 5 === 0 ? 'Released' : 'Quarantined',
        siteId: i % 2 ? 'BC-1' : 'BC-2',
        n: i,
      },
    }));
    await store.commit('p', '50', [
      ...units,
      { op: 'put', collection: 'other', id: 'U1', doc: { id: 'U1', status: 'Released' } },
    ]);
  });

  afterEach(() => db.close());

  it('reads several documents of one collection by id, in chunks, leaving absent ids out', async () => {
    const ids = [...Array.from({ length: 50 }, (_, i) => `U${49 - i}`), 'U404'];
    const many = Array.from({ length: 450 }, (_, i) => `X${i}`);
    const found = await store.getMany<{ id: string; n: number }>('units', [...ids, ...many]);
    expect(found.size).toBe(50);
    expect(found.get('U7')).toEqual({ id: 'U7', status: 'Quarantined', siteId: 'BC-1', n: 7 });
    expect(found.has('U404')).toBe(false);
    expect([...(await store.getMany('other', ['U1', 'U2'])).keys()]).toEqual(['U1']);
    expect((await store.getMany('absent', ['U1'])).size).toBe(0);
  });

  it('finds by equality and range within one collection only', async () => {
    const released = await store.find<{ id: string }>(
      'units',
      { status: 'Released', n: { $gte: 10 } },
      { orderBy: { field: 'n' } },
    );
    expect(released.map((u) => u.id)).toEqual(['U10', 'U15', 'U20', 'U25', 'U30', 'U35', 'U40', 'U45']);
    expect(await store.count('units', { status: 'Released' })).toBe(10);
    expect(await store.count('other', { status: 'Released' })).toBe(1);
  });

  it('answers an indexed query from that collection\u2019s own index', () => {
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT doc FROM rm_units WHERE json_extract(doc, '$.status') = ? AND json_extract(doc, '$.siteId') = ?`,
      )
      .all('Released', 'BC-1') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('rmp_units_status_siteId');
  });

  it('keeps each collection in its own table, so a put maintains only that collection\u2019s indexes', () => {
    const indexes = (table: string) =>
      (db.prepare(`PRAGMA index_list(${table})`).all() as { name: string; origin: string }[])
        .filter((i) => i.origin === 'c')
        .map((i) => i.name);
    expect(indexes('rm_units')).toEqual(['rmp_units_status_siteId']);
    expect(indexes('rm_other')).toEqual([]);
  });

  it('lists every collection\u2019s documents in the read_models view, for reading by hand', () => {
    const rows = db
      .prepare("SELECT collection, id FROM read_models WHERE id = 'U1' ORDER BY collection")
      .all();
    expect(rows).toEqual([
      { collection: 'other', id: 'U1' },
      { collection: 'units', id: 'U1' },
    ]);
  });

  it('commits documents and checkpoint together and forgets both on reset', async () => {
    expect(await store.getCheckpoint('p')).toBe('50');
    await store.reset('p', ['units']);
    expect(await store.getCheckpoint('p')).toBe('');
    expect(await store.count('units')).toBe(0);
    expect(await store.count('other')).toBe(1);
  });

  it('refuses a collection name that could escape the query', async () => {
    await expect(store.find("units' OR '1'='1")).rejects.toThrow('Invalid read-model collection');
  });

  it('sees a collection that another connection to the same file created', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rm-store-'));
    const first = new Database(join(dir, 'store.db'));
    const second = new Database(join(dir, 'store.db'));
    try {
      const reader = new SqliteReadModelStore(second);
      expect(await reader.get('donors', 'D1')).toBeNull();
      await new SqliteReadModelStore(first).commit('q', '1', [
        { op: 'put', collection: 'donors', id: 'D1', doc: { id: 'D1' } },
      ]);
      expect(await reader.get('donors', 'D1')).toEqual({ id: 'D1' });
      expect(await reader.count('donors')).toBe(1);
    } finally {
      first.close();
      second.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SQLite read-model store on a file written with one shared read_models table', () => {
  /** The layout as it was stored before the table per collection, written by its own SQL. */
  const writeOldLayout = (db: Database.Database): void => {
    db.exec(`
      CREATE TABLE events (global_position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, data TEXT NOT NULL);
      INSERT INTO events (stream_id, data) VALUES ('Unit-U1', '{"a":1}'), ('Unit-U2', '{"b":2}');
      CREATE TABLE read_models (
        collection TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (collection, id)
      ) WITHOUT ROWID;
      CREATE TABLE projection_checkpoints (
        projection TEXT PRIMARY KEY, checkpoint TEXT NOT NULL, updated_at TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS rmp_units_status_siteId ON read_models (json_extract(doc, '$.status'), json_extract(doc, '$.siteId')) WHERE collection = 'units';
      CREATE INDEX IF NOT EXISTS rmp_evidence_log_tree_nodes_level ON read_models (json_extract(doc, '$.level')) WHERE collection = 'evidence.log-tree.nodes';
      INSERT INTO read_models VALUES
        ('units', 'U1', '{"id":"U1","status":"Released","siteId":"BC-1"}'),
        ('units', 'U2', '{"id":"U2","status":"Quarantined","siteId":"BC-1"}'),
        ('Units', 'U1', '{"id":"U1","other":true}'),
        ('evidence.log-tree.nodes', '0:0', '{"level":0,"hash":"ab"}');
      INSERT INTO projection_checkpoints VALUES ('units.p', '2', '2026-01-01T00:00:00.000Z');
    `);
  };

  it('moves documents, indexes and checkpoints to a table per collection and answers the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rm-store-'));
    const file = join(dir, 'store.db');
    try {
      const old = new Database(file);
      writeOldLayout(old);
      const eventsBefore = old.prepare('SELECT * FROM events ORDER BY global_position').all();
      old.close();

      const db = new Database(file);
      const store = new SqliteReadModelStore(db);
      expect(await store.find('units', { status: 'Released', siteId: 'BC-1' })).toEqual([
        { id: 'U1', status: 'Released', siteId: 'BC-1' },
      ]);
      expect(await store.count('units')).toBe(2);
      expect(await store.get('Units', 'U1')).toEqual({ id: 'U1', other: true });
      expect(await store.find('evidence.log-tree.nodes', { level: 0 })).toEqual([{ level: 0, hash: 'ab' }]);
      expect(await store.getCheckpoint('units.p')).toBe('2');
      /* SQLite compares table names without case: the second of units and Units gets a suffix. */
      expect(db.prepare('SELECT * FROM read_model_collections ORDER BY collection').all()).toEqual([
        { collection: 'Units', table_name: 'rm_Units' },
        { collection: 'evidence.log-tree.nodes', table_name: 'rm_evidence_log_tree_nodes' },
        { collection: 'units', table_name: 'rm_units_2' },
      ]);
      const plan = db
        .prepare(`EXPLAIN QUERY PLAN SELECT doc FROM rm_units_2 WHERE json_extract(doc, '$.status') = ?`)
        .all('Released') as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toContain('rmp_units_status_siteId');
      expect(db.prepare('SELECT * FROM events ORDER BY global_position').all()).toEqual(eventsBefore);
      db.close();

      const reopened = new Database(file);
      expect(await new SqliteReadModelStore(reopened).count('units', { status: 'Quarantined' })).toBe(1);
      expect(reopened.prepare('SELECT count(*) AS n FROM read_models').get()).toEqual({ n: 4 });
      reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
