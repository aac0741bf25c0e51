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
        `EXPLAIN QUERY PLAN SELECT doc FROM read_models WHERE collection = 'units' AND json_extract(doc, '$.status') = ? AND json_extract(doc, '$.siteId') = ?`,
      )
      .all('Released', 'BC-1') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('rmp_units_status_siteId');
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
});
