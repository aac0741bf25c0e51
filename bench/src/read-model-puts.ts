import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openSqliteDatabase, SqliteReadModelStore } from '@hemotrace/event-sourcing';
import type { BenchRow } from './bench';
import { elapsedMs, now, rounded } from './bench';

const GROUP = 'sqlite read models';
const COLLECTIONS = 24;
const SEED = 500;
const PER_COMMIT = 10;
const SHARED = 'one shared read_models table, 48 partial indexes (the layout before issue 15, raw SQL)';

const docAt = (n: number) => ({
  id: `D${n}`,
  status: n % 2 ? 'Released' : 'Quarantined',
  siteId: 'BC-1',
  n,
});

/** The shared-table layout as the store used to write it: partial indexes, collection as a literal. */
const sharedTablePuts = (db: Database.Database, puts: number): number => {
  db.exec(`CREATE TABLE read_models (collection TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL,
    PRIMARY KEY (collection, id)) WITHOUT ROWID;
    CREATE TABLE projection_checkpoints (projection TEXT PRIMARY KEY, checkpoint TEXT NOT NULL, updated_at TEXT NOT NULL);`);
  for (let c = 0; c < COLLECTIONS; c += 1) {
    db.exec(
      `CREATE INDEX rmp_c${c}_status ON read_models (json_extract(doc, '$.status')) WHERE collection = 'c${c}'`,
    );
    db.exec(
      `CREATE INDEX rmp_c${c}_siteId_n ON read_models (json_extract(doc, '$.siteId'), json_extract(doc, '$.n')) WHERE collection = 'c${c}'`,
    );
  }
  const put = db.prepare('INSERT OR REPLACE INTO read_models (collection, id, doc) VALUES (?, ?, ?)');
  const checkpoint = db.prepare(
    `INSERT INTO projection_checkpoints VALUES (?, ?, ?) ON CONFLICT (projection) DO UPDATE SET checkpoint = excluded.checkpoint`,
  );
  const commit = db.transaction((from: number, to: number, at: string) => {
    for (let n = from; n < to; n += 1) put.run(`c${n % 3}`, `D${n}`, JSON.stringify(docAt(n)));
    checkpoint.run('p', String(to), at);
  });
  db.transaction(() => {
    for (let c = 0; c < COLLECTIONS; c += 1)
      for (let i = 0; i < SEED; i += 1) put.run(`c${c}`, `S${i}`, JSON.stringify(docAt(i)));
  })();
  const started = now();
  for (let n = 0; n < puts; n += PER_COMMIT) commit(n, n + PER_COMMIT, new Date().toISOString());
  return elapsedMs(started);
};

const perCollectionPuts = async (db: Database.Database, puts: number): Promise<number> => {
  const store = new SqliteReadModelStore(db);
  for (let c = 0; c < COLLECTIONS; c += 1) {
    await store.ensureIndex(`c${c}`, ['status']);
    await store.ensureIndex(`c${c}`, ['siteId', 'n']);
    await store.commit(
      'seed',
      '1',
      Array.from({ length: SEED }, (_, i) => ({
        op: 'put' as const,
        collection: `c${c}`,
        id: `S${i}`,
        doc: docAt(i),
      })),
    );
  }
  const started = now();
  for (let n = 0; n < puts; n += PER_COMMIT) {
    await store.commit(
      'p',
      String(n + PER_COMMIT),
      Array.from({ length: PER_COMMIT }, (_, k) => {
        const i = n + k;
        return { op: 'put' as const, collection: `c${i % 3}`, id: `D${i}`, doc: docAt(i) };
      }),
    );
  }
  return elapsedMs(started);
};

/**
 * Projection document puts next to 48 indexes of 24 collections: the store's table per collection
 * against the shared table it replaced, where SQLite opened a cursor on every partial index per put.
 */
export const readModelPutRows = async (dir: string, puts: number): Promise<BenchRow[]> => {
  const shared = openSqliteDatabase(join(dir, 'read-models-shared.db'));
  const sharedMs = sharedTablePuts(shared, puts);
  shared.close();
  const own = openSqliteDatabase(join(dir, 'read-models-own.db'));
  const ownMs = await perCollectionPuts(own, puts);
  own.close();
  const us = (ms: number) => rounded((ms * 1000) / puts, 1);
  return [
    {
      group: GROUP,
      name: 'document puts, a table per collection (SqliteReadModelStore.commit)',
      value: us(ownMs),
      unit: 'µs/put',
      baseline: SHARED,
      ratio: rounded(sharedMs / ownMs, 2),
      note: `${puts} puts, ${PER_COMMIT} and a checkpoint per commit, next to ${COLLECTIONS * 2} indexes on ${COLLECTIONS} collections; ratio = shared / this`,
    },
    {
      group: GROUP,
      name: SHARED,
      value: us(sharedMs),
      unit: 'µs/put',
      note: 'the same documents, prepared statements',
    },
  ];
};
